package io.getty.bench.boot;

import io.getty.EndPointCustomizer;
import io.getty.EventLoops;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application: the server comes from {@code application.yml}, its
 * listener is {@link EchoListener}. The only code beyond that gives the endpoint one I/O
 * thread of its own, as every server in the benchmark has.
 *
 * @author getty team
 * @since 0.1.0
 */
@SpringBootApplication
public class BootEchoApplication {

	@Bean(destroyMethod = "close")
	EventLoops benchEventLoops(@Value("${bench.transport}") String transport) {
		return EventLoops.create(1, "epoll".equals(transport));
	}

	@Bean
	EndPointCustomizer oneIoThread(EventLoops benchEventLoops) {
		return (name, type, builder) -> builder.eventLoops(benchEventLoops);
	}

}
