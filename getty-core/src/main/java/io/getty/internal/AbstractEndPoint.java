package io.getty.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.getty.EndPoint;
import io.getty.EndPointBuilder;
import io.getty.EndPointStats;
import io.getty.EndPointType;
import io.getty.EventListener;
import io.getty.EventLoops;
import io.getty.GettyException;
import io.getty.Session;
import io.getty.SessionInitializer;
import io.getty.SessionOptions;
import io.getty.TaskPool;
import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.ReadWriter;
import io.netty.channel.Channel;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.codec.compression.JdkZlibDecoder;
import io.netty.handler.codec.compression.JdkZlibEncoder;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every endpoint shares: identity, the session registry, the pipeline of a session
 * channel, statistics and the closing of sessions.
 */
public abstract class AbstractEndPoint implements EndPoint {

	private static final Logger logger = LoggerFactory.getLogger(AbstractEndPoint.class);

	private static final AtomicInteger SERVER_IDS = new AtomicInteger();

	private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

	private final int id;

	private final String name;

	private final EndPointType type;

	private final SessionOptions sessionOptions;

	private final @Nullable SessionInitializer initializer;

	private final @Nullable EventListener<?> listener;

	private final @Nullable ReadWriter<?> codec;

	private final @Nullable TaskPool taskPool;

	private final @Nullable EventLoops configuredEventLoops;

	private @Nullable EventLoops eventLoops;

	private final Map<Long, NettySession> sessions = new ConcurrentHashMap<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	// Totals of closed sessions; together with the open sessions' own counters they give
	// the endpoint's totals without any shared counter on the I/O path.
	private final Object statsLock = new Object();

	private final long[] closedSessionTotals = new long[4];

	private final AtomicLong openedSessions = new AtomicLong();

	private final AtomicLong closedSessions = new AtomicLong();

	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

	private final AtomicInteger connections = new AtomicInteger();

	private final LongAdder refusedConnections = new LongAdder();

	private final AtomicLong lastRefusalLog = new AtomicLong();

	// Every connection, also those still in a TLS or WebSocket handshake that never
	// became an open session, so that closing the endpoint leaves none behind.
	private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	protected AbstractEndPoint(EndPointBuilder<?> builder, EndPointType type) {
		this.type = type;
		this.id = (type.isClient() ? CLIENT_IDS : SERVER_IDS).incrementAndGet();
		this.name = (builder.name() != null) ? builder.name() : type.name().toLowerCase() + "-" + this.id;
		this.sessionOptions = builder.sessionOptions();
		this.initializer = builder.sessionInitializer();
		this.listener = builder.listener();
		this.codec = builder.codec();
		this.taskPool = builder.taskPool();
		this.configuredEventLoops = builder.eventLoops();
		if (this.initializer == null && (this.listener == null || this.codec == null)) {
			throw new IllegalArgumentException(type + " '" + this.name + "' has no "
					+ ((this.listener == null) ? "listener" : "codec")
					+ ": set one on the builder, or set a sessionInitializer that gives each session one");
		}
	}

	@Override
	public int id() {
		return this.id;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public EndPointType type() {
		return this.type;
	}

	/**
	 * Return the options every session starts with.
	 * @return the options
	 */
	public SessionOptions sessionOptions() {
		return this.sessionOptions;
	}

	@Override
	public boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public Collection<Session> sessions() {
		return List.copyOf(this.sessions.values());
	}

	@Override
	public Optional<Session> session(long sessionId) {
		return Optional.ofNullable(this.sessions.get(sessionId));
	}

	@Override
	public EndPointStats stats() {
		long[] totals;
		int active;
		synchronized (this.statsLock) {
			totals = this.closedSessionTotals.clone();
			active = 0;
			for (NettySession session : this.sessions.values()) {
				session.addCountersTo(totals);
				active++;
			}
		}
		Map<String, Long> errorCounts = new TreeMap<>();
		this.errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
		return new EndPointStats(active, this.openedSessions.get(), this.closedSessions.get(), totals[0], totals[1],
				totals[2], totals[3], Map.copyOf(errorCounts), reconnects(), this.refusedConnections.sum());
	}

	/**
	 * Return how many sessions were opened to replace closed ones; 0 for servers.
	 * @return the count
	 */
	protected long reconnects() {
		return 0;
	}

	/**
	 * Mark the endpoint started and take a reference on its event loops. An endpoint
	 * that was closed may start again, as Spring's lifecycle expects of a component it
	 * stops and starts.
	 */
	protected final synchronized EventLoops acquireEventLoops() {
		if (this.started.get() && !this.closed.get()) {
			throw new IllegalStateException(this.type + " '" + this.name + "' is already running");
		}
		EventLoops loops = (this.configuredEventLoops != null) ? this.configuredEventLoops.retain()
				: EventLoops.shared();
		this.eventLoops = loops;
		this.closed.set(false);
		this.started.set(true);
		return loops;
	}

	/** Mark the endpoint closed; return {@code false} if it already was. */
	protected final boolean markClosed() {
		return this.closed.compareAndSet(false, true);
	}

	protected final boolean isStarted() {
		return this.started.get();
	}

	protected final synchronized void releaseEventLoops() {
		this.started.set(false);
		EventLoops loops = this.eventLoops;
		this.eventLoops = null;
		if (loops != null) {
			loops.close();
		}
	}

	/**
	 * Admit an accepted connection unless the server already holds {@code max} of them;
	 * a refused one is closed at once, counted, and logged (at most once a second, so a
	 * flood does not flood the log too).
	 * @param channel the accepted channel
	 * @param max the limit, or 0 for none
	 * @return {@code true} if admitted
	 */
	protected final boolean admit(Channel channel, int max) {
		if (max <= 0) {
			return true;
		}
		if (this.connections.incrementAndGet() > max) {
			this.connections.decrementAndGet();
			this.refusedConnections.increment();
			long now = System.nanoTime();
			long last = this.lastRefusalLog.get();
			if (now - last > TimeUnit.SECONDS.toNanos(1) && this.lastRefusalLog.compareAndSet(last, now)) {
				logger.warn("{} '{}' refused a connection from {}: it already has max-connections {} "
						+ "({} refused so far); raise max-connections if this load is expected", describeType(), name(),
						Addresses.format(channel.remoteAddress()), max, this.refusedConnections.sum());
			}
			channel.close();
			return false;
		}
		channel.closeFuture().addListener((future) -> this.connections.decrementAndGet());
		return true;
	}

	/**
	 * Set up a TCP connection: TLS (optional), stream compression (optional), flush
	 * consolidation, the package decoder and the session, in the order documented by
	 * {@link GettyPipeline}.
	 * @param channel the channel
	 * @param ssl the TLS handler, or {@code null} for plain TCP
	 * @param compressionLevel a {@link java.util.zip.Deflater} level for raw DEFLATE
	 * stream compression with a sync flush after every package (Getty's
	 * {@code SetCompressType}), or {@code null} for none
	 */
	protected final void initStreamChannel(Channel channel, @Nullable SslHandler ssl,
			@Nullable Integer compressionLevel) {
		NettySession session = newSession(channel, SessionTransport.STREAM);
		ChannelPipeline pipeline = channel.pipeline();
		if (ssl != null) {
			pipeline.addLast(GettyPipeline.SSL, ssl);
		}
		if (compressionLevel != null) {
			// Decompressed output is bounded like any other input: the decoder below
			// refuses to buffer more than max-msg-len without a package.
			pipeline.addLast(GettyPipeline.INFLATER, new JdkZlibDecoder(ZlibWrapper.NONE, 0))
				.addLast(GettyPipeline.DEFLATER, new JdkZlibEncoder(ZlibWrapper.NONE, compressionLevel));
		}
		pipeline.addLast(GettyPipeline.FLUSH_CONSOLIDATION, session.newFlushHandler(compressionLevel == null))
			.addLast(GettyPipeline.DECODER, new SessionDecoder(session))
			.addLast(GettyPipeline.SESSION, sessionHandler(session,
					(ssl != null) ? Activation.TLS_HANDSHAKE : Activation.CHANNEL_ACTIVE));
	}

	/**
	 * Set up a UDP socket: one session for everything it receives.
	 * @param channel the channel
	 * @param connected whether the socket is connected to one peer (a client)
	 */
	protected final void initDatagramChannel(Channel channel, boolean connected) {
		NettySession session = newSession(channel,
				connected ? SessionTransport.CONNECTED_DATAGRAM : SessionTransport.DATAGRAM);
		int max = this.sessionOptions.maxMsgLen();
		// A datagram never exceeds 64 KiB; a smaller buffer for small limits keeps each
		// read cheap, with room to see that a datagram was too long.
		int bufferSize = (max > 0) ? Math.min(max + 4096, 65536) : 65536;
		channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(bufferSize));
		channel.pipeline()
			.addLast(GettyPipeline.FLUSH_CONSOLIDATION, session.newFlushHandler(false))
			.addLast(GettyPipeline.DECODER, new DatagramDecoder(session))
			.addLast(GettyPipeline.SESSION, sessionHandler(session, Activation.CHANNEL_ACTIVE));
	}

	/**
	 * Set up an accepted WebSocket connection: TLS (optional), the HTTP upgrade on
	 * {@code path}, permessage-deflate (optional), then one session per connection whose
	 * packages are whole messages.
	 * @param channel the channel
	 * @param ssl the TLS handler, or {@code null} for {@code ws}
	 * @param path the WebSocket path
	 * @param allowedOrigins origins allowed to connect; empty allows all
	 * @param compression whether to accept permessage-deflate
	 * @param handshakeTimeout how long the upgrade may take
	 */
	protected final void initWebSocketServerChannel(Channel channel, @Nullable SslHandler ssl, String path,
			Set<String> allowedOrigins, boolean compression, Duration handshakeTimeout) {
		NettySession session = newSession(channel, SessionTransport.WEBSOCKET);
		// Also the most a compressed message may inflate to: no zip bomb grows past it.
		int maxMessage = maxWebSocketMessage();
		ChannelPipeline pipeline = channel.pipeline();
		if (ssl != null) {
			pipeline.addLast(GettyPipeline.SSL, ssl);
		}
		pipeline.addLast(GettyPipeline.HTTP_CODEC, new HttpServerCodec())
			.addLast(GettyPipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(8192))
			.addLast(GettyPipeline.WEBSOCKET_FILTER, new WebSocketRequestFilter(path, allowedOrigins));
		if (compression) {
			pipeline.addLast(GettyPipeline.WEBSOCKET_COMPRESSION, new WebSocketServerCompressionHandler(maxMessage));
		}
		WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
			.websocketPath(path)
			.allowExtensions(compression)
			.maxFramePayloadLength(maxMessage)
			.handshakeTimeoutMillis(handshakeTimeout.toMillis())
			.dropPongFrames(true)
			.sendCloseFrame(WebSocketCloseStatus.NORMAL_CLOSURE)
			.build();
		pipeline.addLast(GettyPipeline.WEBSOCKET_ACTIVITY, new WebSocketActivityHandler(session))
			.addLast(GettyPipeline.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(config))
			.addLast(GettyPipeline.WEBSOCKET_AGGREGATOR, new WebSocketMessageAggregator(session, maxMessage))
			.addLast(GettyPipeline.FLUSH_CONSOLIDATION, session.newFlushHandler(false))
			.addLast(GettyPipeline.DECODER, new WebSocketMessageDecoder(session))
			.addLast(GettyPipeline.SESSION, sessionHandler(session, Activation.WEBSOCKET_SERVER_HANDSHAKE));
	}

	/**
	 * Set up a WebSocket client connection to {@code uri}.
	 * @param channel the channel
	 * @param ssl the TLS handler, or {@code null} for {@code ws}
	 * @param uri the server URI
	 * @param compression whether to offer permessage-deflate
	 * @param handshakeTimeout how long the upgrade may take
	 */
	protected final void initWebSocketClientChannel(Channel channel, @Nullable SslHandler ssl, URI uri,
			boolean compression, Duration handshakeTimeout) {
		NettySession session = newSession(channel, SessionTransport.WEBSOCKET);
		int maxMessage = maxWebSocketMessage();
		ChannelPipeline pipeline = channel.pipeline();
		if (ssl != null) {
			pipeline.addLast(GettyPipeline.SSL, ssl);
		}
		pipeline.addLast(GettyPipeline.HTTP_CODEC, new HttpClientCodec())
			.addLast(GettyPipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(8192));
		if (compression) {
			pipeline.addLast(GettyPipeline.WEBSOCKET_COMPRESSION, new WebSocketClientCompressionHandler(maxMessage));
		}
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.allowExtensions(compression)
			.maxFramePayloadLength(maxMessage)
			.handshakeTimeoutMillis(handshakeTimeout.toMillis())
			.dropPongFrames(true)
			.build();
		pipeline.addLast(GettyPipeline.WEBSOCKET_ACTIVITY, new WebSocketActivityHandler(session))
			.addLast(GettyPipeline.WEBSOCKET_PROTOCOL, new WebSocketClientProtocolHandler(config))
			.addLast(GettyPipeline.WEBSOCKET_AGGREGATOR, new WebSocketMessageAggregator(session, maxMessage))
			.addLast(GettyPipeline.FLUSH_CONSOLIDATION, session.newFlushHandler(false))
			.addLast(GettyPipeline.DECODER, new WebSocketMessageDecoder(session))
			.addLast(GettyPipeline.SESSION, sessionHandler(session, Activation.WEBSOCKET_CLIENT_HANDSHAKE));
	}

	private int maxWebSocketMessage() {
		// The upgrade happens before the initializer runs, so frames are limited by the
		// endpoint's setting; 0 ("no limit") still has to fit a Java array.
		int max = this.sessionOptions.maxMsgLen();
		return (max > 0) ? max : Integer.MAX_VALUE - 8;
	}

	private NettySession newSession(Channel channel, SessionTransport transport) {
		this.channels.add(channel);
		SessionOptions options = this.sessionOptions;
		channel.config()
			.setWriteBufferWaterMark(new WriteBufferWaterMark(options.writeBufferLowWaterMark(),
					options.writeBufferHighWaterMark()));
		return new NettySession(channel, this, options, this.taskPool, transport);
	}

	private SessionHandler sessionHandler(NettySession session, Activation activation) {
		return new SessionHandler(session, this.initializer, this.listener, this.codec, activation);
	}

	/**
	 * Bind a server channel, failing with a message that names the endpoint and address.
	 * @param bootstrap the configured bootstrap
	 * @param host the host
	 * @param port the port
	 * @return the bound channel
	 */
	protected final Channel bind(AbstractBootstrap<?, ?> bootstrap, String host, int port) {
		ChannelFuture bind = bootstrap.bind(host, port).awaitUninterruptibly();
		if (!bind.isSuccess()) {
			releaseEventLoops();
			markClosed();
			throw new GettyException(describeType() + " '" + name() + "' could not bind " + host + ":" + port + ": "
					+ bind.cause().getMessage() + "; choose another port, or stop whatever listens there",
					bind.cause());
		}
		return bind.channel();
	}

	/**
	 * Return the endpoint kind for logs and errors, such as {@code "TCP server"}.
	 * @return the description
	 */
	protected String describeType() {
		return type().toString();
	}

	void sessionOpened(NettySession session) {
		this.sessions.put(session.id(), session);
		this.openedSessions.incrementAndGet();
		onSessionOpened(session);
		// Checked after registering, so that closeSessions either sees this session or
		// this check sees the endpoint closed.
		if (this.closed.get()) {
			session.closeWith(io.getty.CloseReason.ENDPOINT_CLOSED);
		}
	}

	/**
	 * Hook for subclasses: a session opened.
	 * @param session the session
	 */
	protected void onSessionOpened(Session session) {
	}

	void sessionClosed(NettySession session, boolean wasOpen) {
		synchronized (this.statsLock) {
			session.addCountersTo(this.closedSessionTotals);
			this.sessions.remove(session.id());
		}
		if (wasOpen) {
			this.closedSessions.incrementAndGet();
		}
		onSessionClosed(session);
	}

	/**
	 * Hook for subclasses: a session's channel closed.
	 * @param session the session
	 */
	protected void onSessionClosed(Session session) {
	}

	void errorOccurred(Throwable cause) {
		this.errors.computeIfAbsent(errorKind(cause), (kind) -> new LongAdder()).increment();
	}

	static String errorKind(Throwable cause) {
		Throwable root = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
		if (root instanceof MessageTooLongException) {
			return "too_long";
		}
		if (root instanceof ReadTimeoutException) {
			return "timeout";
		}
		if (root instanceof CodecException || root instanceof DecoderException) {
			return "codec";
		}
		if (root instanceof ListenerException) {
			return "listener";
		}
		if (root instanceof TlsHandshakeException || root instanceof javax.net.ssl.SSLException) {
			return "tls";
		}
		return "io";
	}

	/**
	 * Close every session after the callbacks already queued for it, and wait until their
	 * close callbacks ran, at most {@code timeout}. Sessions still open then are closed at
	 * once.
	 * @return {@code true} if every session finished in time
	 */
	protected final boolean closeSessions(Duration timeout) {
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		for (NettySession session : this.sessions.values()) {
			session.closeAfterQueuedCallbacks();
			futures.add(session.closeFuture());
		}
		if (futures.isEmpty()) {
			this.channels.close();
			return true;
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
		if (isIoThread()) {
			// Blocking here would stop the very thread that has to close the sessions.
			logger.warn("{} '{}' was closed from an I/O thread; not waiting for its sessions to finish closing",
					this.type, this.name);
			return all.isDone();
		}
		try {
			all.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
			// Connections that never opened a session (still in a handshake).
			this.channels.close();
			return true;
		}
		catch (TimeoutException ex) {
			long left = futures.stream().filter((future) -> !future.isDone()).count();
			logger.warn("{} '{}': {} sessions did not finish closing within {}; closing their connections now",
					this.type, this.name, left, timeout);
			this.sessions.values().forEach((session) -> session.channel().close());
			this.channels.close();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			return false;
		}
	}

	private boolean isIoThread() {
		EventLoops loops = this.eventLoops;
		if (loops == null) {
			return false;
		}
		for (EventExecutor executor : loops.group()) {
			if (executor.inEventLoop()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		InetSocketAddress address = address();
		return this.type + " '" + this.name + "'" + ((address != null) ? " " + Addresses.format(address) : "");
	}

}
