package io.getty.internal;

import io.getty.GettyException;

/**
 * A listener callback threw; the message names the callback, the listener class and the
 * session, and the cause is what was thrown.
 */
public class ListenerException extends GettyException {

	ListenerException(String message, Throwable cause) {
		super(message, cause);
	}

}
