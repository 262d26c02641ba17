package io.getty;

/**
 * Base class of Getty's exceptions. Messages name the endpoint, the session and the
 * limit involved.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public GettyException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public GettyException(String message, Throwable cause) {
		super(message, cause);
	}

}
