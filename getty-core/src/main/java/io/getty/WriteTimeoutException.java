package io.getty;

/**
 * A write that was not handed to the operating system within its timeout. The session
 * stays open, as in Getty; the bytes stay queued and may still be sent, so a caller
 * that needs a clean stream should close the session.
 *
 * @author getty team
 * @since 0.1.0
 */
public class WriteTimeoutException extends GettyException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public WriteTimeoutException(String message) {
		super(message);
	}

}
