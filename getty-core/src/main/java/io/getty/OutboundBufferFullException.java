package io.getty;

/**
 * A write refused because the session already holds as many outbound bytes as its
 * {@link SessionOptions#maxOutboundBytes() limit}: the peer reads more slowly than the
 * application writes. This is the Java form of Getty's "the operating system's send
 * buffer is full"; nothing of the refused package was queued.
 *
 * @author getty team
 * @since 0.1.0
 */
public class OutboundBufferFullException extends GettyException {

	/**
	 * Create an exception.
	 * @param message the message
	 */
	public OutboundBufferFullException(String message) {
		super(message);
	}

}
