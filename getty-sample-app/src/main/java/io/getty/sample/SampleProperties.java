package io.getty.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings, under {@code sample.*}; getty's are under {@code getty.*}.
 *
 * @param echo settings of the {@code echo} server
 * @param hello settings of the {@code hello} server
 * @param helloClient settings of the {@code hello-client}
 * @author getty team
 * @since 0.1.0
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue Echo echo, @DefaultValue Hello hello,
		@DefaultValue HelloClient helloClient) {

	/**
	 * Settings of the {@code echo} server.
	 *
	 * @param maxSessionsPerHost sessions one remote host may hold at once; the echo
	 * server's new-session hook rejects any beyond (the server-wide limit is getty's own
	 * {@code max-connections})
	 */
	public record Echo(@DefaultValue("100") int maxSessionsPerHost) {

	}

	/**
	 * Settings of the {@code hello} server.
	 *
	 * @param exitDelay how long after a session opens the server sends it {@code doexit}
	 */
	public record Hello(@DefaultValue("10s") Duration exitDelay) {

	}

	/**
	 * Settings of the {@code hello-client}. Its heartbeat period is the session's cron
	 * period, {@code getty.clients.hello-client.session.cron-period}.
	 *
	 * @param helloDelay how long after connecting the client says hello
	 * @param greeting the {@code Data} of its hello
	 */
	public record HelloClient(@DefaultValue("3s") Duration helloDelay,
			@DefaultValue("My name's John!") String greeting) {

	}

}
