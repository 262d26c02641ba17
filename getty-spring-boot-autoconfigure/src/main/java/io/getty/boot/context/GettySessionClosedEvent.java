package io.getty.boot.context;

import io.getty.CloseReason;
import io.getty.Session;
import io.getty.SessionStats;
import org.jspecify.annotations.Nullable;

/**
 * A session closed. Published from the session's close callbacks, off the I/O threads,
 * with the session's final statistics; a graceful shutdown waits for it.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettySessionClosedEvent extends GettySessionEvent {

	private final SessionStats stats;

	private final @Nullable CloseReason reason;

	/**
	 * Create an event.
	 * @param session the session
	 * @param stats the final statistics
	 * @param reason why it closed
	 */
	public GettySessionClosedEvent(Session session, SessionStats stats, @Nullable CloseReason reason) {
		super(session);
		this.stats = stats;
		this.reason = reason;
	}

	/**
	 * Return the session's final statistics.
	 * @return the statistics
	 */
	public SessionStats getStats() {
		return this.stats;
	}

	/**
	 * Return why the session closed.
	 * @return the reason
	 */
	public @Nullable CloseReason getReason() {
		return this.reason;
	}

}
