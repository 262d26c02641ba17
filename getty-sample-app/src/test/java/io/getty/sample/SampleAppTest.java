package io.getty.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Starts the whole sample application, as {@code application.yml} declares it, on
 * random loopback ports, with the hello scenario sped up: the server says
 * {@code doexit} after 1.5 s instead of 10 s, and the client says hello after 200 ms and
 * beats every 200 ms; the echo server takes at most 3 sessions from one host. Every test
 * class with this annotation shares one application.
 *
 * <p>
 * Keep it the only application context of this module's tests: Spring Framework 7 pauses
 * (stops) a cached context when a test switches to another one and starts it again when
 * it comes back, and getty's endpoints can not be started again once stopped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "getty.servers.echo.port=0", "getty.servers.hello.port=0",
				"getty.servers.chat.port=0", "getty.servers.udp-echo.port=0", "sample.hello.exit-delay=1500ms",
				"sample.hello-client.hello-delay=200ms", "getty.clients.hello-client.session.cron-period=200ms",
				"sample.echo.max-sessions-per-host=3" })
public @interface SampleAppTest {

}
