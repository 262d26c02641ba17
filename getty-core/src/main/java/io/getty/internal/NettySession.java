package io.getty.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.getty.CloseReason;
import io.getty.EndPoint;
import io.getty.EventListener;
import io.getty.OutboundBufferFullException;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.SessionOptions;
import io.getty.SessionStats;
import io.getty.TaskPool;
import io.getty.WriteResult;
import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.PackageReader;
import io.getty.codec.PackageWriter;
import io.getty.codec.ReadWriter;
import io.getty.udp.UdpPackage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Session} on a Netty channel. State that only the I/O thread touches is kept
 * in plain fields; what other threads read is published with release/acquire or
 * volatile semantics.
 */
public final class NettySession implements Session {

	private static final Logger logger = LoggerFactory.getLogger(NettySession.class);

	private static final AtomicLong IDS = new AtomicLong();

	/**
	 * Runs close callbacks of sessions whose listener runs on the I/O thread, which must
	 * never run user cleanup code. Daemon threads, so it never holds the JVM.
	 */
	private static final Executor CLOSE_CALLBACK_EXECUTOR = newCloseCallbackExecutor();

	private static final VarHandle READ_BYTES;

	private static final VarHandle READ_PACKAGES;

	private static final VarHandle WRITTEN_BYTES;

	private static final VarHandle WRITTEN_PACKAGES;

	private static final VarHandle LAST_ACTIVE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			READ_BYTES = lookup.findVarHandle(NettySession.class, "readBytes", long.class);
			READ_PACKAGES = lookup.findVarHandle(NettySession.class, "readPackages", long.class);
			WRITTEN_BYTES = lookup.findVarHandle(NettySession.class, "writtenBytes", long.class);
			WRITTEN_PACKAGES = lookup.findVarHandle(NettySession.class, "writtenPackages", long.class);
			LAST_ACTIVE = lookup.findVarHandle(NettySession.class, "lastActiveNanos", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final int NEW = 0;

	private static final int OPEN = 1;

	private static final int CLOSING = 2;

	private static final int CLOSED = 3;

	/** Netty's default initial buffer size, for the first package of unknown size. */
	private static final int DEFAULT_ENCODE_BUFFER_SIZE = 256;

	/** A guess from one large package must not make every later buffer large. */
	private static final int MAX_GUESSED_ENCODE_BUFFER_SIZE = 64 * 1024;

	private final long id;

	private final Channel channel;

	private final AbstractEndPoint endPoint;

	private final Dispatcher dispatcher;

	private final SessionTransport transport;

	private final IoThreadGuardedFuture<Void> closeFuture;

	private final OutboundBytes outbound;

	private final long createdNanos = System.nanoTime();

	private final long createdMillis = System.currentTimeMillis();

	private volatile String name;

	private volatile int maxMsgLen;

	private volatile Duration readTimeout;

	private volatile Duration writeTimeout;

	private volatile Duration cronPeriod;

	private volatile Duration waitTime;

	private volatile Duration idleTimeout;

	private final int writeBufferHighWaterMark;

	private volatile int state = NEW;

	private volatile @Nullable CloseReason closeReason;

	private volatile @Nullable Throwable error;

	// Set only while the initializer runs; afterwards read on the I/O thread only.
	private @Nullable EventListener<Object> listener;

	private @Nullable PackageReader<?> reader;

	private @Nullable PackageWriter writer;

	private boolean opened;

	private volatile @Nullable Map<Object, Object> attributes;

	private @Nullable CloseCallbacks closeCallbacks;

	// Counters: written by the I/O thread only, read by anyone through the VarHandles.
	private long readBytes;

	private long readPackages;

	private long writtenBytes;

	private long writtenPackages;

	private long lastActiveNanos;

	// The size of the last package this session encoded without a size hint from its
	// writer: the next buffer starts that large. Racy on purpose; it is only a guess.
	private int lastEncodedSize = DEFAULT_ENCODE_BUFFER_SIZE;

	// I/O-thread-only state.
	private @Nullable WriteTimeouts writeTimeouts;

	/** This session's flush handler, if small packages share buffers in it (TCP). */
	private @Nullable TurnFlushHandler packageBufferHandler;

	/** This session's flush handler. */
	private @Nullable TurnFlushHandler flushHandler;

	/** When the last read arrived: the time of its event-loop turn ({@link EventLoopTurn#readNanos()}). */
	private long readNanos = this.createdNanos;

	/** The turns of this session's event loop; set at the first read, on the I/O thread. */
	private @Nullable EventLoopTurn turn;

	/** The result of the last write that succeeded, handed out again for an equal one. */
	private @Nullable WriteResult lastWriteResult;

	/** Whether a read's packages are being delivered right now. */
	private boolean reading;

	/** This session's cron ticks, while it is open; set and cancelled on the I/O thread. */
	private CronTicks.@Nullable Entry cron;

	private @Nullable ScheduledFuture<?> idleTimer;

	private boolean cronQueued;

	// Set on the I/O thread when the endpoint closes gracefully: nothing more is read or
	// decoded, so every package already accepted can still be answered.
	private volatile boolean draining;

	// Set on the I/O thread when the close has written its last bytes (or the marker that
	// flushes them): no write may follow.
	private boolean lastWriteIssued;

	NettySession(Channel channel, AbstractEndPoint endPoint, SessionOptions options, @Nullable TaskPool taskPool,
			SessionTransport transport) {
		this.id = IDS.incrementAndGet();
		this.channel = channel;
		this.endPoint = endPoint;
		this.transport = transport;
		this.dispatcher = (taskPool != null) ? new OrderedDispatcher(taskPool, channel, this::isDraining)
				: Dispatcher.INLINE;
		this.closeFuture = new IoThreadGuardedFuture<>(channel.eventLoop());
		this.name = (options.name() != null) ? options.name() : defaultName(endPoint);
		this.maxMsgLen = options.maxMsgLen();
		this.readTimeout = options.readTimeout();
		this.writeTimeout = options.writeTimeout();
		this.cronPeriod = options.cronPeriod();
		this.waitTime = options.waitTime();
		this.idleTimeout = options.idleTimeout();
		this.outbound = new OutboundBytes(options.maxOutboundBytes());
		this.writeBufferHighWaterMark = options.writeBufferHighWaterMark();
		this.lastActiveNanos = this.createdNanos;
	}

	private static String defaultName(EndPoint endPoint) {
		return switch (endPoint.type()) {
			case TCP_CLIENT, TCP_SERVER -> "tcp-session";
			case UDP_CLIENT, UDP_ENDPOINT -> "udp-session";
			case WS_CLIENT, WS_SERVER -> "ws-session";
			case WSS_CLIENT, WSS_SERVER -> "wss-session";
		};
	}

	private static Executor newCloseCallbackExecutor() {
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new DefaultThreadFactory("getty-close-callback", true));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	// ---------------------------------------------------------------- identity

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void setName(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	@Override
	public EndPoint endPoint() {
		return this.endPoint;
	}

	@Override
	public InetSocketAddress localAddress() {
		return (InetSocketAddress) this.channel.localAddress();
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return (InetSocketAddress) this.channel.remoteAddress();
	}

	@Override
	public Channel channel() {
		return this.channel;
	}

	String describe() {
		return "session " + this.id + " of " + this.endPoint.type().role() + " '" + this.endPoint.name() + "' ("
				+ Addresses.format(this.channel.remoteAddress()) + ")";
	}

	@Override
	public String toString() {
		return describe();
	}

	// ---------------------------------------------------------------- settings

	@Override
	public int maxMsgLen() {
		return this.maxMsgLen;
	}

	@Override
	public void setMaxMsgLen(int maxMsgLen) {
		if (maxMsgLen < 0) {
			throw new IllegalArgumentException("maxMsgLen must not be negative, but was " + maxMsgLen);
		}
		this.maxMsgLen = maxMsgLen;
	}

	@Override
	public Duration readTimeout() {
		return this.readTimeout;
	}

	@Override
	public void setReadTimeout(Duration timeout) {
		this.readTimeout = positive(timeout, "readTimeout");
	}

	@Override
	public Duration writeTimeout() {
		return this.writeTimeout;
	}

	@Override
	public void setWriteTimeout(Duration timeout) {
		this.writeTimeout = positive(timeout, "writeTimeout");
	}

	@Override
	public Duration cronPeriod() {
		return this.cronPeriod;
	}

	@Override
	public void setCronPeriod(Duration period) {
		this.cronPeriod = positive(period, "cronPeriod");
	}

	@Override
	public Duration waitTime() {
		return this.waitTime;
	}

	@Override
	public void setWaitTime(Duration waitTime) {
		this.waitTime = positive(waitTime, "waitTime");
	}

	@Override
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	@Override
	public void setIdleTimeout(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("idleTimeout must not be negative, but was " + timeout);
		}
		this.idleTimeout = timeout;
	}

	private static Duration positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, but was " + value);
		}
		return value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void setEventListener(EventListener<?> listener) {
		checkInitializing("setEventListener");
		this.listener = (EventListener<Object>) Objects.requireNonNull(listener, "listener");
	}

	@Override
	public void setReadWriter(ReadWriter<?> readWriter) {
		checkInitializing("setReadWriter");
		this.reader = Objects.requireNonNull(readWriter, "readWriter");
		this.writer = readWriter;
	}

	@Override
	public void setReader(PackageReader<?> reader) {
		checkInitializing("setReader");
		this.reader = Objects.requireNonNull(reader, "reader");
	}

	@Override
	public void setWriter(PackageWriter writer) {
		checkInitializing("setWriter");
		this.writer = Objects.requireNonNull(writer, "writer");
	}

	private void checkInitializing(String method) {
		if (this.state != NEW) {
			throw new IllegalStateException(method + " is only allowed in the SessionInitializer, before " + describe()
					+ " opens; set it on the endpoint or in its initializer");
		}
	}

	@Nullable PackageReader<?> reader() {
		return this.reader;
	}

	// ---------------------------------------------------------------- attributes and callbacks

	@Override
	public @Nullable Object getAttribute(Object key) {
		Map<Object, Object> map = this.attributes;
		return (map != null) ? map.get(key) : null;
	}

	@Override
	public void setAttribute(Object key, Object value) {
		Map<Object, Object> map = this.attributes;
		if (map == null) {
			synchronized (this) {
				map = this.attributes;
				if (map == null) {
					// Most sessions never use attributes; creating the map lazily keeps idle
					// sessions small.
					map = new ConcurrentHashMap<>(4);
					this.attributes = map;
				}
			}
		}
		map.put(key, value);
	}

	@Override
	public @Nullable Object removeAttribute(Object key) {
		Map<Object, Object> map = this.attributes;
		return (map != null) ? map.remove(key) : null;
	}

	@Override
	public void addCloseCallback(Object handler, Object key, Runnable callback) {
		CloseCallbacks callbacks;
		synchronized (this) {
			if (this.closeCallbacks == null) {
				this.closeCallbacks = new CloseCallbacks();
			}
			callbacks = this.closeCallbacks;
		}
		if (!callbacks.add(handler, key, callback)) {
			logger.debug("Ignored close callback ({}, {}) added after {} closed", handler, key, describe());
		}
	}

	@Override
	public void removeCloseCallback(Object handler, Object key) {
		CloseCallbacks callbacks;
		synchronized (this) {
			callbacks = this.closeCallbacks;
		}
		if (callbacks != null) {
			callbacks.remove(handler, key);
		}
	}

	// ---------------------------------------------------------------- state and statistics

	@Override
	public boolean isClosed() {
		return this.state >= CLOSING;
	}

	@Override
	public @Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	@Override
	public CompletableFuture<Void> closeFuture() {
		return this.closeFuture;
	}

	@Override
	public long lastActiveNanos() {
		return (long) LAST_ACTIVE.getOpaque(this);
	}

	@Override
	public Instant lastActive() {
		return toInstant(lastActiveNanos());
	}

	private Instant toInstant(long nanos) {
		return Instant.ofEpochMilli(this.createdMillis).plusNanos(nanos - this.createdNanos);
	}

	@Override
	public boolean isWritable() {
		// Writes from other threads wait in the event loop's task queue before Netty
		// counts them, so our own count of queued bytes is checked as well.
		return this.channel.isWritable() && this.outbound.pending() < this.writeBufferHighWaterMark;
	}

	@Override
	public String stat() {
		String token = isClosed() ? "session-closed"
				: "{" + this.name + ":" + this.endPoint.type() + ":" + this.id + ":"
						+ Addresses.format(this.channel.localAddress()) + "<->"
						+ Addresses.format(this.channel.remoteAddress()) + "}";
		return "session " + token + ", Read Bytes: " + READ_BYTES.getOpaque(this) + ", Write Bytes: "
				+ WRITTEN_BYTES.getOpaque(this) + ", Read Pkgs: " + READ_PACKAGES.getOpaque(this) + ", Write Pkgs: "
				+ WRITTEN_PACKAGES.getOpaque(this);
	}

	@Override
	public SessionStats stats() {
		return new SessionStats(this.id, this.name, toInstant(this.createdNanos), lastActive(),
				(long) READ_BYTES.getOpaque(this), (long) WRITTEN_BYTES.getOpaque(this),
				(long) READ_PACKAGES.getOpaque(this), (long) WRITTEN_PACKAGES.getOpaque(this));
	}

	// ---------------------------------------------------------------- writes

	@Override
	public CompletableFuture<WriteResult> writePkg(Object pkg, Duration timeout) {
		Objects.requireNonNull(pkg, "pkg");
		Object payload = pkg;
		InetSocketAddress peer = null;
		if (pkg instanceof UdpPackage<?> addressed) {
			payload = addressed.pkg();
			peer = addressed.peer();
		}
		if (isClosed()) {
			ReferenceCountUtil.release(payload);
			return closedFailure();
		}
		PackageWriter packageWriter = this.writer;
		if (packageWriter == null) {
			ReferenceCountUtil.release(payload);
			return CompletableFuture.failedFuture(new IllegalStateException(describe()
					+ " has no writer; give the endpoint a codec or call setReadWriter in the SessionInitializer"));
		}
		int hint = packageWriter.sizeHint(payload);
		TurnFlushHandler sharing = this.packageBufferHandler;
		if (sharing != null && hint >= 0 && hint <= PackageBuffer.MAX_PACKAGE_BYTES
				&& this.channel.eventLoop().inEventLoop() && sharing.writtenSinceFlush()) {
			return writeShared(sharing, packageWriter, payload, hint, timeout);
		}
		ByteBuf buffer = null;
		try {
			// Sized to fit, so encoding does not grow (reallocate and copy) the buffer.
			buffer = this.channel.alloc().ioBuffer((hint >= 0) ? hint : this.lastEncodedSize);
			packageWriter.write(this, payload, buffer);
			if (hint < 0) {
				this.lastEncodedSize = Math.max(1, Math.min(buffer.readableBytes(), MAX_GUESSED_ENCODE_BUFFER_SIZE));
			}
		}
		catch (Throwable ex) {
			if (buffer != null) {
				buffer.release();
			}
			return CompletableFuture.failedFuture(encodeFailure(packageWriter, payload, ex));
		}
		finally {
			ReferenceCountUtil.release(payload);
		}
		return submit(buffer, peer, payload instanceof CharSequence, 1, timeout);
	}

	/**
	 * Encode a small package on the I/O thread straight into the buffer that the small
	 * packages written after it since the last flush share, which the flush handler
	 * writes as one.
	 */
	private CompletableFuture<WriteResult> writeShared(TurnFlushHandler flushHandler, PackageWriter packageWriter,
			Object payload, int hint, Duration timeout) {
		PackageBuffer shared = flushHandler.packageBufferWithRoom(hint);
		ByteBuf buffer = shared.buffer();
		int start = buffer.writerIndex();
		try {
			packageWriter.write(this, payload, buffer);
		}
		catch (Throwable ex) {
			buffer.writerIndex(start);
			return CompletableFuture.failedFuture(encodeFailure(packageWriter, payload, ex));
		}
		finally {
			ReferenceCountUtil.release(payload);
		}
		int size = buffer.writerIndex() - start;
		if (!this.outbound.tryReserve(size, true)) {
			buffer.writerIndex(start);
			return CompletableFuture.failedFuture(outboundFull(size));
		}
		WriteOperation operation = new WriteOperation(this, null, size, 1, writeDeadline(true, timeout));
		shared.add(operation);
		flushHandler.appended(size);
		trackUnlessDone(operation);
		return operation;
	}

	@Override
	public CompletableFuture<WriteResult> writeBytes(byte[] bytes) {
		Objects.requireNonNull(bytes, "bytes");
		return isClosed() ? closedFailure() : submit(Unpooled.wrappedBuffer(bytes), null, false, 1, this.writeTimeout);
	}

	@Override
	public CompletableFuture<WriteResult> writeBytesArray(byte[]... packages) {
		Objects.requireNonNull(packages, "packages");
		if (isClosed()) {
			return closedFailure();
		}
		// A composite of the arrays is written with one gathering write (writev) on TCP,
		// and as one datagram or one WebSocket message elsewhere, as in Getty.
		return submit(Unpooled.wrappedBuffer(packages), null, false, packages.length, this.writeTimeout);
	}

	private Throwable encodeFailure(PackageWriter packageWriter, Object payload, Throwable ex) {
		return (ex instanceof CodecException) ? ex : new CodecException(packageWriter + " could not encode a "
				+ payload.getClass().getName() + " for " + describe() + ": " + ex.getMessage(), ex);
	}

	private OutboundBufferFullException outboundFull(int size) {
		return new OutboundBufferFullException(describe() + " already has " + this.outbound.pending()
				+ " bytes waiting to be sent, so a " + size + "-byte write would pass its limit of "
				+ this.outbound.limit() + " bytes (max-outbound-bytes): the peer reads more slowly than this "
				+ "application writes");
	}

	/**
	 * Return when a write made now times out. A listener answering on the I/O thread
	 * reuses the read's clock: a clock read costs as much as the rest of the write's
	 * bookkeeping.
	 */
	private long writeDeadline(boolean ioThread, Duration timeout) {
		Duration effective = (timeout.isZero() || timeout.isNegative()) ? this.writeTimeout : timeout;
		long start = (ioThread && this.reading) ? this.readNanos : System.nanoTime();
		return start + effective.toNanos();
	}

	private <T> CompletableFuture<T> closedFailure() {
		return CompletableFuture.failedFuture(new SessionClosedException(describe()
				+ " is closed; the package was not sent. Pick another session or wait for the client to reconnect"));
	}

	private CompletableFuture<WriteResult> submit(ByteBuf buffer, @Nullable InetSocketAddress peer, boolean text,
			int packages, Duration timeout) {
		int size = buffer.readableBytes();
		Object message;
		try {
			message = this.transport.outbound(buffer, peer, text, this);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		boolean ioThread = this.channel.eventLoop().inEventLoop();
		if (!this.outbound.tryReserve(size, ioThread)) {
			ReferenceCountUtil.release(message);
			return CompletableFuture.failedFuture(outboundFull(size));
		}
		WriteOperation operation = new WriteOperation(this, message, size, packages, writeDeadline(ioThread, timeout));
		if (ioThread) {
			writeOnIoThread(operation, message);
			return operation;
		}
		try {
			this.channel.eventLoop().execute(operation);
		}
		catch (RejectedExecutionException ex) {
			// The event loop is shutting down, so the channel is going away with it.
			this.outbound.abandon(size);
			ReferenceCountUtil.release(message);
			return closedFailure();
		}
		return operation;
	}

	/** Called on the I/O thread with a write that another thread submitted. */
	void writeSubmittedElsewhere(WriteOperation operation, Object message) {
		this.outbound.handOver(operation.bytes());
		if (this.lastWriteIssued) {
			// Submitted just before the session closed, it arrives after the close's last
			// write: it would follow the end of a compressed stream, TLS's close_notify or
			// a WebSocket close frame.
			ReferenceCountUtil.release(message);
			operation.failed(new ClosedChannelException());
			return;
		}
		writeOnIoThread(operation, message);
	}

	/** Called on the I/O thread with a write to hand to Netty. */
	private void writeOnIoThread(WriteOperation operation, Object message) {
		// Flushes are coalesced by the TurnFlushHandler at the head of the
		// pipeline: one per event-loop turn, or earlier for a large batch. It writes
		// the open buffer of small packages first, so this write follows them.
		this.channel.writeAndFlush(message, new WritePromise(this.channel, operation));
		trackUnlessDone(operation);
	}

	/**
	 * Track a write for its write timeout unless it finished already. A write made while
	 * a read is delivered is normally flushed by the end of the event-loop turn and nearly
	 * always finishes in that flush: it is left for the end of the turn to check, which
	 * tracks it only if it is still unfinished then (docs/benchmarks.md, point 19).
	 */
	private void trackUnlessDone(WriteOperation operation) {
		if (this.reading) {
			turn().checkWriteAtEnd(operation);
		}
		else {
			trackNowUnlessDone(operation);
		}
	}

	/** Called on the I/O thread with a write to track for its write timeout now. */
	void trackNowUnlessDone(WriteOperation operation) {
		if (!operation.isDone()) {
			if (this.writeTimeouts == null) {
				this.writeTimeouts = new WriteTimeouts(this.channel.eventLoop(), describe(), this::writeTimeout);
			}
			this.writeTimeouts.track(operation);
		}
	}

	/**
	 * Return the result of a write that succeeded: the last one's when equal, since a
	 * session that answers in kind writes packages of the same size over and over.
	 * Called on the I/O thread.
	 */
	WriteResult writeResult(int bytes, int packages) {
		WriteResult last = this.lastWriteResult;
		if (last == null || last.bytes() != bytes || last.packages() != packages) {
			last = new WriteResult(bytes, packages);
			this.lastWriteResult = last;
		}
		return last;
	}

	/** Called on the I/O thread when Netty finished a write, before the caller hears of it. */
	void writeFinished(WriteOperation operation, boolean success, int bytes, int packages) {
		this.outbound.release(bytes);
		if (success) {
			WRITTEN_BYTES.setRelease(this, this.writtenBytes + bytes);
			WRITTEN_PACKAGES.setRelease(this, this.writtenPackages + packages);
		}
		if (operation.awaitsEndOfTurn) {
			operation.awaitsEndOfTurn = false;
			turn().writeFinishedInTurn();
		}
		else if (this.writeTimeouts != null) {
			this.writeTimeouts.finished(operation);
		}
	}

	/** Return the write timeouts, created by the first write tracked for its write timeout; for tests. */
	@Nullable WriteTimeouts writeTimeouts() {
		return this.writeTimeouts;
	}

	/**
	 * Return the pipeline handler that coalesces this session's flushes, sized to its
	 * limits. Called once, while the channel is initialized.
	 * @param sharePackageBuffers whether small packages are encoded into buffers they
	 * share, which the handler writes as one: on a byte stream whose handlers below keep
	 * no package boundaries (plain TCP and TLS; not stream compression, which flushes per
	 * package)
	 */
	TurnFlushHandler newFlushHandler(boolean sharePackageBuffers) {
		TurnFlushHandler handler = new TurnFlushHandler(this.outbound.limit(), this.writeBufferHighWaterMark);
		this.flushHandler = handler;
		if (sharePackageBuffers) {
			this.packageBufferHandler = handler;
		}
		return handler;
	}

	long pendingOutboundBytes() {
		return this.outbound.pending();
	}

	// ---------------------------------------------------------------- inbound, called on the I/O thread

	/** Bytes arrived; their time stands for every package decoded from them. */
	void bytesRead(int bytes) {
		READ_BYTES.setRelease(this, this.readBytes + bytes);
		this.readNanos = turn().readNanos();
	}

	private EventLoopTurn turn() {
		EventLoopTurn turn = this.turn;
		if (turn == null) {
			turn = EventLoopTurn.of(this.channel.eventLoop());
			this.turn = turn;
		}
		return turn;
	}

	/**
	 * Mark whether the I/O thread is delivering what one read brought, so that writes
	 * made meanwhile can use that read's time instead of reading the clock again.
	 */
	void reading(boolean inProgress) {
		this.reading = inProgress;
	}

	/** Something counts as activity without being a package: a WebSocket ping or pong. */
	void touch() {
		LAST_ACTIVE.setRelease(this, turn().readNanos());
	}

	/** A package could not be decoded but the session goes on (UDP, WebSocket). */
	void dropped(Throwable cause) {
		this.endPoint.errorOccurred(cause);
		logger.debug("Dropped a package on {}: {}", describe(), cause.toString());
	}

	SessionTransport transport() {
		return this.transport;
	}

	private static boolean isTooLong(@Nullable Throwable error) {
		return error instanceof MessageTooLongException || error instanceof TooLongFrameException
				|| error instanceof DecompressionException;
	}

	/**
	 * Return whether to stop decoding for now: the task pool is saturated, or the session
	 * is draining before a graceful close.
	 */
	boolean saturated() {
		return this.draining || this.dispatcher.saturated();
	}

	boolean isDraining() {
		return this.draining;
	}

	/** Return whether the session got as far as opening. Called on the I/O thread. */
	boolean isOpened() {
		return this.opened;
	}

	/** The TLS handshake failed: the session never opens. Called on the I/O thread. */
	void handshakeFailed(Throwable cause) {
		this.endPoint.errorOccurred(new TlsHandshakeException(cause));
		logger.info("TLS handshake with {} failed: {}", describe(), cause.toString());
		synchronized (this) {
			if (this.closeReason == null) {
				this.closeReason = CloseReason.REJECTED;
			}
		}
	}

	/** A package was decoded. */
	void received(Object pkg) {
		LAST_ACTIVE.setRelease(this, this.readNanos);
		READ_PACKAGES.setRelease(this, this.readPackages + 1);
		if (!this.opened || this.listener == null) {
			ReferenceCountUtil.release(pkg);
			return;
		}
		EventListener<Object> target = this.listener;
		if (this.dispatcher.inline()) {
			// The common case, on the I/O thread: no task object per package.
			deliver(target, pkg);
		}
		else {
			this.dispatcher.dispatch(() -> deliver(target, pkg));
		}
	}

	private void deliver(EventListener<Object> target, Object pkg) {
		try {
			target.onMessage(this, pkg);
		}
		catch (Throwable ex) {
			failed(new ListenerException("onMessage of " + target.getClass().getName() + " threw on " + describe()
					+ "; the session is closed", ex));
		}
		finally {
			ReferenceCountUtil.release(pkg);
		}
	}

	/** The channel became active: run the initializer, then open. */
	void activate(io.getty.@Nullable SessionInitializer initializer, @Nullable EventListener<?> defaultListener,
			@Nullable ReadWriter<?> defaultCodec) {
		if (defaultListener != null) {
			setEventListener(defaultListener);
		}
		if (defaultCodec != null) {
			setReadWriter(defaultCodec);
		}
		if (initializer != null) {
			try {
				initializer.initialize(this);
			}
			catch (Throwable ex) {
				logger.info("Rejected {}: its session initializer threw {}", describe(), ex.toString());
				closeWith(CloseReason.REJECTED);
				return;
			}
		}
		if (this.listener == null || this.reader == null || this.writer == null) {
			logger.error("Closing {}: it has no {}. Give the endpoint a listener and a codec, or set them in its "
					+ "SessionInitializer", describe(), (this.listener == null) ? "listener" : "codec");
			closeWith(CloseReason.REJECTED);
			return;
		}
		if (this.state != NEW) {
			// The initializer closed it.
			return;
		}
		this.state = OPEN;
		this.opened = true;
		long now = System.nanoTime();
		LAST_ACTIVE.setRelease(this, now);
		this.endPoint.sessionOpened(this);
		EventListener<Object> target = this.listener;
		this.dispatcher.dispatch(() -> {
			try {
				target.onOpen(this);
			}
			catch (Throwable ex) {
				logger.info("Rejected {}: onOpen of {} threw {}", describe(), target.getClass().getName(),
						ex.toString());
				closeWith(CloseReason.REJECTED);
			}
		});
		if (isClosed()) {
			// onOpen ran inline and rejected the session: nothing to tick.
			return;
		}
		this.cron = CronTicks.of(this.channel.eventLoop()).add(this.cronPeriod.toNanos(), this::cronTick);
		if (!this.idleTimeout.isZero()) {
			scheduleIdleCheck(this.idleTimeout.toNanos());
		}
	}

	/**
	 * Return whether this session's cron ticks are scheduled; for tests. Call it on the
	 * session's I/O thread.
	 * @return {@code true} from opening until the session closes
	 */
	boolean cronTicking() {
		return this.cron != null && this.cron.active();
	}

	private void cronTick() {
		// Skip a tick while the previous one still waits in a busy task pool, so a slow
		// pool does not pile up cron callbacks.
		if (isClosed() || this.cronQueued) {
			return;
		}
		if (this.transport == SessionTransport.WEBSOCKET) {
			// Getty pings every WebSocket session on each tick, before onCron.
			this.channel.writeAndFlush(new PingWebSocketFrame());
		}
		EventListener<Object> target = this.listener;
		this.cronQueued = true;
		this.dispatcher.dispatch(() -> {
			this.cronQueued = false;
			if (isClosed()) {
				return;
			}
			try {
				target.onCron(this);
			}
			catch (Throwable ex) {
				failed(new ListenerException(
						"onCron of " + target.getClass().getName() + " threw on " + describe() + "; the session is closed",
						ex));
			}
		});
	}

	private void scheduleIdleCheck(long delayNanos) {
		this.idleTimer = this.channel.eventLoop().schedule(this::idleCheck, delayNanos, TimeUnit.NANOSECONDS);
	}

	private void idleCheck() {
		if (isClosed()) {
			return;
		}
		long timeout = this.idleTimeout.toNanos();
		long idle = System.nanoTime() - lastActiveNanos();
		if (idle >= timeout) {
			logger.debug("Closing {}: nothing received for {}", describe(), Duration.ofNanos(idle));
			closeWith(CloseReason.TIMEOUT);
		}
		else {
			scheduleIdleCheck(timeout - idle);
		}
	}

	/**
	 * Record an error: the first one is reported to onError before onClose; the session
	 * closes. Safe from any thread.
	 */
	void failed(Throwable cause) {
		if (this.state == CLOSED) {
			logger.debug("Ignored error on {} after it closed", describe(), cause);
			return;
		}
		synchronized (this) {
			if (this.error == null && this.state != CLOSED) {
				this.error = cause;
			}
		}
		this.endPoint.errorOccurred(cause);
		logger.debug("Error on {}", describe(), cause);
		closeWith(CloseReason.ERROR);
	}

	// ---------------------------------------------------------------- closing

	@Override
	public CompletableFuture<Void> close() {
		closeWith(CloseReason.LOCAL);
		return this.closeFuture;
	}

	/** Close for a reason; the first reason sticks. Safe from any thread. */
	void closeWith(CloseReason reason) {
		synchronized (this) {
			if (this.closeReason == null) {
				this.closeReason = reason;
			}
			if (this.state >= CLOSING) {
				return;
			}
			this.state = CLOSING;
		}
		if (this.channel.eventLoop().inEventLoop()) {
			closeChannel();
		}
		else {
			this.channel.eventLoop().execute(this::closeChannel);
		}
	}

	/**
	 * Close gracefully for an endpoint that shuts down: stop reading, let the callbacks
	 * already queued run (their replies are written), then close.
	 */
	void closeAfterQueuedCallbacks() {
		this.channel.eventLoop().execute(() -> {
			if (this.state >= CLOSING) {
				// Already closing, perhaps lingering: stopping its reads now would leave the
				// peer's input unread and turn the end of the close into a reset.
				return;
			}
			this.draining = true;
			this.channel.config().setAutoRead(false);
			this.dispatcher.dispatch(() -> closeWith(CloseReason.ENDPOINT_CLOSED));
		});
	}

	private void closeChannel() {
		cancelTimers();
		if (!this.channel.isActive()) {
			this.channel.close();
			return;
		}
		boolean lingers = lingersOnClose();
		ChannelFuture lastWrite;
		if (this.transport == SessionTransport.WEBSOCKET && this.opened) {
			// A proper close frame after queued messages: 1009 for a message that was too
			// long (RFC 6455), otherwise Getty's 1000 "bye-bye!!!". Netty's WebSocket
			// handler fails every write after it, so the frame's own write is the last.
			lastWrite = this.channel.writeAndFlush(isTooLong(this.error)
					? new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
							"message longer than " + this.maxMsgLen + " bytes")
					: new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "bye-bye!!!"));
		}
		else if (this.outbound.pending() == 0 && !lingers) {
			this.channel.close();
			return;
		}
		else {
			// Completes once everything written before it has reached the kernel.
			lastWrite = this.channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
		}
		if (this.flushHandler != null) {
			this.flushHandler.flushPendingNow();
		}
		// Writes that reach the I/O thread from now on would follow the end of the stream.
		this.lastWriteIssued = true;
		// Let queued writes reach the peer, but for no longer than the wait time.
		ScheduledFuture<?> forced = this.channel.eventLoop().schedule(() -> {
			this.channel.close();
		}, this.waitTime.toNanos(), TimeUnit.NANOSECONDS);
		lastWrite.addListener((ChannelFutureListener) (future) -> {
			if (lingers && future.isSuccess()) {
				LingeringClose.start(future.channel(), forced, this.waitTime);
			}
			else {
				forced.cancel(false);
				future.channel().close();
			}
		});
	}

	/**
	 * Whether closing this session ends its connection with a lingering close: TCP and
	 * WebSocket connections do, so that a peer still sending cannot make the kernel reset
	 * the connection and throw away the last replies ({@link LingeringClose}). A WebSocket
	 * connection whose handshake never completed has no replies to protect.
	 */
	private boolean lingersOnClose() {
		return (this.transport == SessionTransport.STREAM
				|| (this.transport == SessionTransport.WEBSOCKET && this.opened))
				&& LingeringClose.appliesTo(this.channel);
	}

	private void cancelTimers() {
		if (this.cron != null) {
			this.cron.cancel();
			this.cron = null;
		}
		if (this.idleTimer != null) {
			this.idleTimer.cancel(false);
			this.idleTimer = null;
		}
	}

	/** The channel is gone: report onError and onClose once, then the close callbacks. */
	void channelClosed() {
		synchronized (this) {
			if (this.state == CLOSED) {
				return;
			}
			if (this.closeReason == null) {
				this.closeReason = (this.error != null) ? CloseReason.ERROR : CloseReason.PEER;
			}
			this.state = CLOSED;
		}
		cancelTimers();
		if (this.writeTimeouts != null) {
			this.writeTimeouts.cancel();
		}
		this.endPoint.sessionClosed(this, this.opened);
		if (!this.opened) {
			CLOSE_CALLBACK_EXECUTOR.execute(this::runCloseCallbacks);
			return;
		}
		EventListener<Object> target = Objects.requireNonNull(this.listener);
		Throwable cause = this.error;
		this.dispatcher.dispatch(() -> {
			if (cause != null) {
				try {
					target.onError(this, cause);
				}
				catch (Throwable ex) {
					logger.error("onError of {} threw on {}", target.getClass().getName(), describe(), ex);
				}
			}
			try {
				target.onClose(this);
			}
			catch (Throwable ex) {
				logger.error("onClose of {} threw on {}", target.getClass().getName(), describe(), ex);
			}
			if (this.dispatcher.inline()) {
				// Never run user cleanup code on an I/O thread.
				CLOSE_CALLBACK_EXECUTOR.execute(this::runCloseCallbacks);
			}
			else {
				runCloseCallbacks();
			}
		});
	}

	private void runCloseCallbacks() {
		try {
			CloseCallbacks callbacks;
			synchronized (this) {
				callbacks = this.closeCallbacks;
			}
			if (callbacks != null) {
				callbacks.runOnce(describe());
			}
		}
		finally {
			this.closeFuture.complete(null);
		}
	}

	@Nullable Throwable error() {
		return this.error;
	}

	/** Add this session's counters to the given totals. */
	void addCountersTo(long[] totals) {
		totals[0] += (long) READ_BYTES.getOpaque(this);
		totals[1] += (long) WRITTEN_BYTES.getOpaque(this);
		totals[2] += (long) READ_PACKAGES.getOpaque(this);
		totals[3] += (long) WRITTEN_PACKAGES.getOpaque(this);
	}

}
