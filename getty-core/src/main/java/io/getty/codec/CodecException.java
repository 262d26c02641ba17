package io.getty.codec;

import io.getty.GettyException;

/**
 * Bytes that are not a valid package, or a package a writer cannot encode.
 *
 * @author getty team
 * @since 0.1.0
 */
public class CodecException extends GettyException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public CodecException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message the message
	 * @param cause the cause
	 */
	public CodecException(String message, Throwable cause) {
		super(message, cause);
	}

}
