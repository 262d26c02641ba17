package io.getty;

/**
 * Thrown instead of a deadlock when code running on a session's I/O thread waits for a
 * write of that same thread to finish. Chain on the returned future instead of waiting,
 * or run the listener on a {@link TaskPool}.
 *
 * @author getty team
 * @since 0.1.0
 */
public class BlockingWaitException extends IllegalStateException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public BlockingWaitException(String message) {
		super(message);
	}

}
