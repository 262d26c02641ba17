package io.getty.boot.context;

import java.util.Optional;

import io.getty.Session;
import org.jspecify.annotations.Nullable;

/**
 * The session whose listener callback runs on the current thread. It backs the
 * {@code getty-session} scope.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class GettySessions {

	private static final ThreadLocal<Session> CURRENT = new ThreadLocal<>();

	private GettySessions() {
	}

	/**
	 * Return the session of the callback running on this thread.
	 * @return the session, or empty outside a callback
	 */
	public static Optional<Session> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * Make {@code session} current and return what was current before.
	 * @param session the session
	 * @return the previous session, to pass to {@link #restore(Session)}
	 */
	static @Nullable Session enter(Session session) {
		Session previous = CURRENT.get();
		CURRENT.set(session);
		return previous;
	}

	/**
	 * Restore what {@link #enter(Session)} returned.
	 * @param previous the previous session
	 */
	static void restore(@Nullable Session previous) {
		if (previous == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(previous);
		}
	}

}
