package io.getty;

/**
 * Receives the events of sessions: Getty's {@code EventListener}.
 *
 * <p>
 * Callbacks for one session never run at the same time and arrive in order:
 * {@code onOpen}, then messages and cron ticks, then at most one {@code onError}, then
 * exactly one {@code onClose}. They run on the session's I/O thread unless the endpoint
 * has a {@link TaskPool}; code that blocks belongs on a task pool.
 *
 * <p>
 * A callback that throws closes its session: {@code onError} receives the exception and
 * {@code onClose} follows. Other sessions and the endpoint are not affected.
 *
 * @param <T> the package type produced by the session's reader
 * @author getty team
 * @since 0.1.0
 */
public interface EventListener<T> {

	/**
	 * A session opened. Throwing rejects it: the session is closed and, as for every
	 * opened session, {@link #onClose(Session)} still runs (Getty leaks the socket and
	 * skips {@code OnClose}).
	 * @param session the session
	 * @throws Exception to reject the session
	 */
	default void onOpen(Session session) throws Exception {
	}

	/**
	 * A package arrived.
	 * @param session the session
	 * @param pkg the package; a reference-counted package is released after this method
	 * returns
	 * @throws Exception to close the session
	 */
	void onMessage(Session session, T pkg) throws Exception;

	/**
	 * The cron period elapsed. Not called once the session is closed.
	 * @param session the session
	 * @throws Exception to close the session
	 */
	default void onCron(Session session) throws Exception {
	}

	/**
	 * The session failed: a decode error, an oversized package, an I/O error or a
	 * callback that threw. Called at most once, always before {@link #onClose(Session)};
	 * not called for a clean close by either side.
	 * @param session the session
	 * @param cause the cause
	 */
	default void onError(Session session, Throwable cause) {
	}

	/**
	 * The session closed. Called exactly once per session that reached {@code onOpen}.
	 * @param session the session
	 */
	default void onClose(Session session) {
	}

}
