package io.getty.codec;

import io.getty.GettyException;
import io.getty.Session;

/**
 * A package longer than the session's {@link Session#maxMsgLen()}, detected as soon as
 * its length is known.
 *
 * @author getty team
 * @since 0.1.0
 */
public class MessageTooLongException extends GettyException {

	private final long length;

	private final int limit;

	/**
	 * Create an exception.
	 * @param session the session
	 * @param length the package length, or a lower bound of it
	 * @param limit the session's limit
	 */
	public MessageTooLongException(Session session, long length, int limit) {
		this("package of " + length + " bytes exceeds max-msg-len " + limit + " of endpoint '"
				+ session.endPoint().name() + "' (session " + session.id()
				+ "); raise max-msg-len if such packages are legitimate", length, limit);
	}

	/**
	 * Create an exception with a custom message.
	 * @param message the message
	 * @param length the package length, or a lower bound of it
	 * @param limit the limit
	 */
	public MessageTooLongException(String message, long length, int limit) {
		super(message);
		this.length = length;
		this.limit = limit;
	}

	/**
	 * Return the package length, or a lower bound of it.
	 * @return bytes
	 */
	public long length() {
		return this.length;
	}

	/**
	 * Return the limit that was exceeded.
	 * @return bytes
	 */
	public int limit() {
		return this.limit;
	}

}
