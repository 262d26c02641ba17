package io.getty;

/**
 * A write to a session that is closed or closing: Getty's {@code ErrSessionClosed}. The
 * package was not sent and is never retried.
 *
 * @author getty team
 * @since 0.1.0
 */
public class SessionClosedException extends GettyException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public SessionClosedException(String message) {
		super(message);
	}

}
