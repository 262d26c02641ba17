package io.getty.boot.context;

import java.util.Optional;

import io.getty.Session;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

/**
 * The session whose listener callback runs on the current thread. It backs the
 * {@code getty-session} scope.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class GettySessions {

	/**
	 * Entered and left around every callback, so for every message. Netty's thread local
	 * is an array slot on the I/O threads where a JDK one is a hash lookup. The session is
	 * written only when it changes and a callback's start and end only flip a flag: a
	 * reference written into a long-lived object costs the collector's write barrier,
	 * which the echo benchmark measured at about a tenth of the starter's time per message.
	 */
	private static final FastThreadLocal<Current> CURRENT = new FastThreadLocal<>() {

		@Override
		protected Current initialValue() {
			return new Current();
		}

	};

	private GettySessions() {
	}

	/**
	 * Return the session of the callback running on this thread.
	 * @return the session, or empty outside a callback
	 */
	public static Optional<Session> current() {
		Current current = CURRENT.get();
		return Optional.ofNullable(current.inCallback ? current.session : null);
	}

	/**
	 * Make {@code session} current and return what was current before.
	 * @param session the session
	 * @return the previous session, to pass to {@link #restore(Session)}
	 */
	static @Nullable Session enter(Session session) {
		Current current = CURRENT.get();
		Session previous = current.inCallback ? current.session : null;
		if (current.session != session) {
			current.session = session;
		}
		current.inCallback = true;
		return previous;
	}

	/**
	 * Restore what {@link #enter(Session)} returned.
	 * @param previous the previous session
	 */
	static void restore(@Nullable Session previous) {
		Current current = CURRENT.get();
		if (previous == null) {
			current.inCallback = false;
		}
		else {
			if (current.session != previous) {
				current.session = previous;
			}
			current.inCallback = true;
		}
	}

	/**
	 * Restore what {@link #enter(Session)} returned after a session's last callback, and
	 * let go of that session so that the thread does not keep it from the collector.
	 * @param previous the previous session
	 */
	static void restoreAfterLast(@Nullable Session previous) {
		restore(previous);
		if (previous == null) {
			CURRENT.get().session = null;
		}
	}

	/**
	 * What is current on one thread. The last session stays referenced between callbacks
	 * (until the thread runs another session's, or the session's last callback ends).
	 */
	private static final class Current {

		@Nullable Session session;

		boolean inCallback;

	}

}
