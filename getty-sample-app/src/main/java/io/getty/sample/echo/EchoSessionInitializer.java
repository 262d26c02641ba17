package io.getty.sample.echo;

import java.net.InetAddress;
import java.time.Duration;

import io.getty.Session;
import io.getty.SessionInitializer;
import io.getty.boot.annotation.GettySessionInitializer;
import io.getty.sample.Peers;
import io.getty.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The new-session hook of the {@code echo} server (Getty's {@code NewSessionCallback}):
 * runs for every accepted connection before {@code onOpen}, after the YAML settings were
 * applied, so it may override them per session, or reject the connection by throwing.
 * This one names the session and adds a close callback as Getty's README example does,
 * and rejects a host that already holds {@code sample.echo.max-sessions-per-host}
 * sessions.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettySessionInitializer("echo")
public class EchoSessionInitializer implements SessionInitializer {

	private static final Logger logger = LoggerFactory.getLogger(EchoSessionInitializer.class);

	private final int maxSessionsPerHost;

	public EchoSessionInitializer(SampleProperties properties) {
		this.maxSessionsPerHost = properties.echo().maxSessionsPerHost();
	}

	@Override
	public void initialize(Session session) {
		InetAddress host = session.remoteAddress().getAddress();
		long fromHost = session.endPoint()
			.sessions()
			.stream()
			.filter((open) -> open.remoteAddress() != null && host.equals(open.remoteAddress().getAddress()))
			.count();
		if (fromHost >= this.maxSessionsPerHost) {
			throw new IllegalStateException(host.getHostAddress() + " already has " + fromHost
					+ " echo sessions (sample.echo.max-sessions-per-host)");
		}
		// As in Getty's README example: name the session, set its limits, add a close callback.
		session.setName("tcp-echo-session");
		session.setWaitTime(Duration.ofSeconds(3));
		String peer = Peers.of(session);
		session.addCloseCallback("cleanup", "resources", () -> logger.debug("Cleaning up resources: {}", peer));
	}

}
