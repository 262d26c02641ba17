package io.getty.internal;

/**
 * Hears how Netty finished one write; told once, on the channel's I/O thread.
 */
interface WriteOutcome {

	/** The bytes reached the network. */
	void succeeded();

	/**
	 * The bytes did not reach the network.
	 * @param cause why
	 */
	void failed(Throwable cause);

}
