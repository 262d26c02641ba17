package io.getty.sample.hello;

import io.getty.boot.annotation.GettySessionScope;
import io.getty.boot.context.GettySessions;
import io.getty.sample.Peers;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What the {@code hello} server knows about one client: a bean in the getty session
 * scope. Each session gets its own, created the first time the listener uses it, and
 * destroyed (its {@link PreDestroy} method runs) when the session closes.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettySessionScope
public class HelloConversation {

	private static final Logger logger = LoggerFactory.getLogger(HelloConversation.class);

	private final String peer = GettySessions.current().map(Peers::of).orElse("?");

	private int heartbeats;

	private String name = "";

	void heartbeat() {
		this.heartbeats++;
	}

	void greeted(String name) {
		this.name = name;
	}

	/**
	 * Return the heartbeats received in this session.
	 * @return the count
	 */
	public int heartbeats() {
		return this.heartbeats;
	}

	@PreDestroy
	void ended() {
		logger.info("conversation with [{}] ended: {} heartbeats, introduced as \"{}\"", this.peer, this.heartbeats,
				this.name);
	}

}
