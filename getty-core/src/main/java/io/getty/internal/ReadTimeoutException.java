package io.getty.internal;

import io.getty.GettyException;

/**
 * A package started arriving but did not complete within the session's read timeout.
 */
public class ReadTimeoutException extends GettyException {

	ReadTimeoutException(String message) {
		super(message);
	}

}
