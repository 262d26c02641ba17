package io.getty.boot.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.annotation.GettySessionScope;
import io.getty.boot.context.GettySessionClosedEvent;
import io.getty.boot.context.GettySessionOpenedEvent;
import jakarta.annotation.PreDestroy;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An application with two servers and a client, declared in
 * {@code application-two-servers.yml}, used by the integration tests.
 */
@SpringBootApplication
public class ItApplication {

	/** Everything the application observed, in order: events, scoped-bean destruction, callbacks. */
	public static final List<String> journal = new CopyOnWriteArrayList<>();

	@Bean
	Replies replies() {
		return new Replies();
	}

	@Bean
	@GettySessionScope
	MessageCounter messageCounter() {
		return new MessageCounter();
	}

	@Bean
	@GettyListener("echo")
	io.getty.EventListener<byte[]> echoListener(MessageCounter counter) {
		return new io.getty.EventListener<>() {

			@Override
			public void onOpen(Session session) {
				// Close callbacks run after the session's last callback, so they use the
				// session itself rather than session-scoped beans.
				session.addCloseCallback("it", "journal", () -> journal.add("callback:echo:" + session.id()));
			}

			@Override
			public void onMessage(Session session, byte[] pkg) {
				counter.count(session);
				session.writePkg(pkg);
			}

		};
	}

	@Bean
	@GettyListener("upper")
	io.getty.EventListener<String> upperListener() {
		return (session, line) -> session.writePkg(line.toUpperCase(Locale.ROOT));
	}

	@Bean
	@GettyListener("echo-client")
	io.getty.EventListener<byte[]> clientListener(Replies replies) {
		return (session, pkg) -> replies.queue.add(new String(pkg, StandardCharsets.UTF_8));
	}

	/**
	 * What the client received.
	 */
	public static class Replies {

		public final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

	}

	/**
	 * One per session: counts that session's messages, and says so when destroyed.
	 */
	public static class MessageCounter {

		private long sessionId = -1;

		private int messages;

		void count(Session session) {
			this.sessionId = session.id();
			this.messages++;
		}

		public int messages() {
			return this.messages;
		}

		@PreDestroy
		void destroyed() {
			journal.add("predestroy:" + this.sessionId + ":" + this.messages);
		}

	}

	/**
	 * Records the session events.
	 */
	@Component
	static class EventJournal {

		@EventListener
		void opened(GettySessionOpenedEvent event) {
			journal.add("opened:" + event.getEndpointName() + ":" + event.getSession().id());
		}

		@EventListener
		void closed(GettySessionClosedEvent event) {
			journal.add("closed:" + event.getEndpointName() + ":" + event.getSession().id() + ":"
					+ event.getStats().readPackages() + ":" + event.getReason());
		}

	}

}
