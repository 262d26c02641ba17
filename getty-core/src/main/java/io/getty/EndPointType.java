package io.getty;

/**
 * The kind of an {@link EndPoint}, with Getty's numeric codes so that logs and
 * {@link Session#stat()} strings read the same as Getty's.
 *
 * @author getty team
 * @since 0.1.0
 */
public enum EndPointType {

	/** An unconnected UDP endpoint: one session serves every peer. */
	UDP_ENDPOINT(0, false),

	/** A connected UDP client. */
	UDP_CLIENT(1, true),

	/** A TCP client. */
	TCP_CLIENT(2, true),

	/** A WebSocket client. */
	WS_CLIENT(3, true),

	/** A secure WebSocket client. */
	WSS_CLIENT(4, true),

	/** A TCP server. */
	TCP_SERVER(7, false),

	/** A WebSocket server. */
	WS_SERVER(8, false),

	/** A secure WebSocket server. */
	WSS_SERVER(9, false);

	private final int code;

	private final boolean client;

	EndPointType(int code, boolean client) {
		this.code = code;
		this.client = client;
	}

	/**
	 * Return Getty's numeric code for this type.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return whether endpoints of this type connect out rather than accept.
	 * @return {@code true} for clients
	 */
	public boolean isClient() {
		return this.client;
	}

	/**
	 * Return the role of this type as used in metric tags.
	 * @return {@code "client"} or {@code "server"}
	 */
	public String role() {
		return this.client ? "client" : "server";
	}

}
