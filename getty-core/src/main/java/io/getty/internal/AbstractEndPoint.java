package io.getty.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.getty.Session;
import io.getty.SessionInitializer;
import io.getty.SessionOptions;
import io.getty.TaskPool;
import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.ReadWriter;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.flush.FlushConsolidationHandler;
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
				totals[2], totals[3], Map.copyOf(errorCounts), reconnects());
	}

	/**
	 * Return how many sessions were opened to replace closed ones; 0 for servers.
	 * @return the count
	 */
	protected long reconnects() {
		return 0;
	}

	/** Mark the endpoint started and take a reference on its event loops. */
	protected final EventLoops acquireEventLoops() {
		if (!this.started.compareAndSet(false, true)) {
			throw new IllegalStateException(this.type + " '" + this.name + "' was already started");
		}
		if (this.closed.get()) {
			throw new IllegalStateException(this.type + " '" + this.name + "' is closed and cannot start again");
		}
		EventLoops loops = (this.configuredEventLoops != null) ? this.configuredEventLoops.retain()
				: EventLoops.shared();
		this.eventLoops = loops;
		return loops;
	}

	/** Mark the endpoint closed; return {@code false} if it already was. */
	protected final boolean markClosed() {
		return this.closed.compareAndSet(false, true);
	}

	protected final boolean isStarted() {
		return this.started.get();
	}

	protected final void releaseEventLoops() {
		EventLoops loops = this.eventLoops;
		this.eventLoops = null;
		if (loops != null) {
			loops.close();
		}
	}

	/**
	 * Set up a new connection's channel: a session and its handlers, in the order
	 * documented by {@link GettyPipeline}.
	 */
	protected final void initSessionChannel(Channel channel) {
		SessionOptions options = this.sessionOptions;
		channel.config()
			.setWriteBufferWaterMark(new WriteBufferWaterMark(options.writeBufferLowWaterMark(),
					options.writeBufferHighWaterMark()));
		NettySession session = new NettySession(channel, this, options, this.taskPool);
		channel.pipeline()
			.addLast(GettyPipeline.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true))
			.addLast(GettyPipeline.DECODER, new SessionDecoder(session))
			.addLast(GettyPipeline.SESSION, new SessionHandler(session, this.initializer, this.listener, this.codec));
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
			return true;
		}
		catch (TimeoutException ex) {
			long left = futures.stream().filter((future) -> !future.isDone()).count();
			logger.warn("{} '{}': {} sessions did not finish closing within {}; closing their connections now",
					this.type, this.name, left, timeout);
			this.sessions.values().forEach((session) -> session.channel().close());
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
