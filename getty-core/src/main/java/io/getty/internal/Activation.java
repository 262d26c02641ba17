package io.getty.internal;

/**
 * When a session opens: as soon as the connection is up, or once a handshake on top of
 * it completed, so that {@code onOpen} only ever sees peers that speak the protocol.
 */
enum Activation {

	/** When the channel becomes active (plain TCP, UDP). */
	CHANNEL_ACTIVE,

	/** When the TLS handshake succeeded. */
	TLS_HANDSHAKE,

	/** When the server side of the WebSocket handshake completed. */
	WEBSOCKET_SERVER_HANDSHAKE,

	/** When the client side of the WebSocket handshake completed. */
	WEBSOCKET_CLIENT_HANDSHAKE

}
