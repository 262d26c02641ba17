package io.getty.internal;

/**
 * Names of the handlers in a session channel's pipeline, in order.
 * <p>
 * TCP: {@value #SSL} (with TLS), {@value #INFLATER} and {@value #DEFLATER} (with
 * compression), {@value #FLUSH_CONSOLIDATION}, {@value #DECODER} (cumulation, the
 * reader, {@code maxMsgLen} and the read timeout), {@value #SESSION}.
 * <p>
 * UDP: {@value #FLUSH_CONSOLIDATION}, {@value #DECODER} (one read per datagram),
 * {@value #SESSION}.
 * <p>
 * WebSocket: {@value #SSL} (wss), {@value #HTTP_CODEC}, {@value #HTTP_AGGREGATOR},
 * {@value #WEBSOCKET_FILTER} (server: 4xx for wrong requests),
 * {@value #WEBSOCKET_COMPRESSION} (permessage-deflate), {@value #WEBSOCKET_ACTIVITY}
 * (ping and pong count as activity), {@value #WEBSOCKET_PROTOCOL},
 * {@value #WEBSOCKET_AGGREGATOR} (fragments up to {@code maxMsgLen}, else 1009),
 * {@value #FLUSH_CONSOLIDATION}, {@value #DECODER} (one read per message),
 * {@value #SESSION}.
 * <p>
 * A TCP or WebSocket session that closes gracefully puts {@value #LINGER} in front of
 * them all for its last moments.
 */
public final class GettyPipeline {

	/** The TLS handler. */
	public static final String SSL = "getty.ssl";

	/** Stream decompression (raw DEFLATE). */
	public static final String INFLATER = "getty.inflater";

	/** Stream compression (raw DEFLATE, a sync flush per package). */
	public static final String DEFLATER = "getty.deflater";

	/** HTTP codec of a WebSocket connection. */
	public static final String HTTP_CODEC = "getty.http";

	/** Aggregates the HTTP upgrade request or response. */
	public static final String HTTP_AGGREGATOR = "getty.http.aggregator";

	/** Refuses HTTP requests that are not a proper upgrade. */
	public static final String WEBSOCKET_FILTER = "getty.ws.filter";

	/** permessage-deflate. */
	public static final String WEBSOCKET_COMPRESSION = "getty.ws.compression";

	/** Counts pings and pongs as activity. */
	public static final String WEBSOCKET_ACTIVITY = "getty.ws.activity";

	/** Netty's WebSocket protocol handler: handshake, ping, close. */
	public static final String WEBSOCKET_PROTOCOL = "getty.ws.protocol";

	/** Joins fragmented messages. */
	public static final String WEBSOCKET_AGGREGATOR = "getty.ws.aggregator";

	/** Coalesces flushes and, on TCP, writes the small packages since a flush as one buffer. */
	public static final String FLUSH_CONSOLIDATION = "getty.flush";

	/** The package decoder. */
	public static final String DECODER = "getty.decoder";

	/** The session lifecycle handler. */
	public static final String SESSION = "getty.session";

	/**
	 * Added first, in front of all the others, when a TCP or WebSocket session closes
	 * gracefully: it discards what the peer still sends until the connection closes.
	 */
	public static final String LINGER = "getty.linger";

	private GettyPipeline() {
	}

}
