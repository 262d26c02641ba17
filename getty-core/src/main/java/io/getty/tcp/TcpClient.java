package io.getty.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.getty.EndPointBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.getty.internal.AbstractEndPoint;
import io.getty.internal.Addresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP client that keeps a pool of {@code connectionNumber} sessions to one server:
 * Getty's {@code NewTCPClient}.
 *
 * <p>
 * {@link #start()} returns at once and connects in the background, so an unreachable
 * server never blocks the caller. A session that closes is replaced; a failed attempt is
 * retried after {@code reconnectInterval × attempt} (the multiplier capped at
 * {@code maxBackoffMultiplier}), and after {@code reconnectAttempts} failures in a row the
 * client stops trying until another of its sessions closes. {@link #close(Duration)}
 * stops reconnecting first, then closes every session.
 *
 * <pre class="code">
 * TcpClient client = TcpClient.builder()
 *         .serverAddress("127.0.0.1", 7070)
 *         .connectionNumber(2)
 *         .codec(LengthFieldCodec.int32BigEndian())
 *         .listener(listener)
 *         .build();
 * client.start();
 * client.writePkg("hello".getBytes());
 * </pre>
 *
 * @author getty team
 * @since 0.1.0
 */
public final class TcpClient extends AbstractEndPoint {

	/** Default pause before the first reconnect attempt: 300 ms, as in Getty. */
	public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofMillis(300);

	/** Default failed attempts in a row before giving up: 50, as in Getty. */
	public static final int DEFAULT_RECONNECT_ATTEMPTS = 50;

	/** Default cap of the backoff multiplier: 10, as in Getty. */
	public static final int DEFAULT_MAX_BACKOFF_MULTIPLIER = 10;

	/** Default connect timeout: 3 s, as in Getty. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(TcpClient.class);

	private final Supplier<InetSocketAddress> serverAddressSupplier;

	private volatile @Nullable InetSocketAddress serverAddress;

	private final int connectionNumber;

	private final Duration reconnectInterval;

	private final int reconnectAttempts;

	private final int maxBackoffMultiplier;

	private final Duration connectTimeout;

	private final List<Session> openSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger roundRobin = new AtomicInteger();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicInteger liveChannels = new AtomicInteger();

	// Owned by the control event loop: the pool is refilled by one task at a time.
	private @Nullable EventLoop control;

	private @Nullable Bootstrap bootstrap;

	private boolean connecting;

	// Written on the control loop only; volatile so that failedAttempts() can read it.
	private volatile int failedAttempts;

	private int vacatedSlots;

	private @Nullable ScheduledFuture<?> retry;

	private TcpClient(Builder builder) {
		super(builder, EndPointType.TCP_CLIENT);
		this.serverAddressSupplier = Objects.requireNonNull(builder.serverAddress,
				() -> "TCP client '" + name() + "' has no server address; call serverAddress(host, port)");
		this.connectionNumber = builder.connectionNumber;
		this.reconnectInterval = builder.reconnectInterval;
		this.reconnectAttempts = builder.reconnectAttempts;
		this.maxBackoffMultiplier = builder.maxBackoffMultiplier;
		this.connectTimeout = builder.connectTimeout;
	}

	/**
	 * Return a builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void start() {
		InetSocketAddress address = Objects.requireNonNull(this.serverAddressSupplier.get(),
				() -> "TCP client '" + name() + "' got no server address from its supplier");
		EventLoops loops = acquireEventLoops();
		this.serverAddress = address;
		this.bootstrap = new Bootstrap().group(loops.group())
			.channel(loops.socketChannelType())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.connectTimeout.toMillis()))
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					initSessionChannel(channel);
				}
			});
		this.control = loops.group().next();
		logger.info("TCP client '{}' connecting {} sessions to {}", name(), this.connectionNumber,
				Addresses.format(this.serverAddress));
		this.control.execute(this::refill);
	}

	/**
	 * Return the server address, known once the client started.
	 */
	@Override
	public @Nullable InetSocketAddress address() {
		return this.serverAddress;
	}

	/**
	 * Return the number of sessions this client keeps open.
	 * @return the pool size
	 */
	public int connectionNumber() {
		return this.connectionNumber;
	}

	/**
	 * Return an open session, taking them in turn.
	 * @return a session, or empty while none is connected
	 */
	public Optional<Session> session() {
		for (int tries = 0; tries < this.connectionNumber + 1; tries++) {
			List<Session> snapshot = this.openSessions;
			int size = snapshot.size();
			if (size == 0) {
				return Optional.empty();
			}
			try {
				Session session = snapshot.get(Math.floorMod(this.roundRobin.getAndIncrement(), size));
				if (!session.isClosed()) {
					return Optional.of(session);
				}
			}
			catch (IndexOutOfBoundsException ex) {
				// The pool shrank between size() and get(); take another turn.
			}
		}
		return Optional.empty();
	}

	/**
	 * Write a package on the next open session.
	 * @param pkg the package
	 * @return the outcome; fails at once with {@link SessionClosedException} when no
	 * session is open, so nothing is silently dropped while reconnecting
	 */
	public CompletableFuture<WriteResult> writePkg(Object pkg) {
		Optional<Session> session = session();
		if (session.isEmpty()) {
			return CompletableFuture.failedFuture(new SessionClosedException("TCP client '" + name()
					+ "' has no open session to " + Addresses.format(this.serverAddress)
					+ " (it reconnects in the background); the package was not sent"));
		}
		return session.get().writePkg(pkg);
	}

	/**
	 * Return how many sessions were opened to replace sessions that closed.
	 * @return the reconnect count
	 */
	public long reconnectCount() {
		return this.reconnects.get();
	}

	@Override
	protected long reconnects() {
		return this.reconnects.get();
	}

	/**
	 * Return the number of failed connection attempts in a row; it returns to 0 on the
	 * next success.
	 * @return the count
	 */
	public int failedAttempts() {
		return this.failedAttempts;
	}

	/**
	 * Return whether the client stopped trying after {@code reconnectAttempts} failures
	 * in a row; it tries again when one of its sessions closes.
	 * @return {@code true} if it gave up
	 */
	public boolean hasGivenUp() {
		return this.failedAttempts >= this.reconnectAttempts;
	}

	@Override
	protected void onSessionOpened(Session session) {
		this.openSessions.add(session);
	}

	@Override
	protected void onSessionClosed(Session session) {
		this.openSessions.remove(session);
	}

	// ---------------------------------------------------------------- the pool, on the control loop

	private void refill() {
		if (isClosed() || this.connecting || this.retry != null) {
			return;
		}
		if (this.liveChannels.get() >= this.connectionNumber) {
			return;
		}
		this.connecting = true;
		ChannelFuture connect = this.bootstrap.connect(this.serverAddress);
		connect.addListener((ChannelFuture future) -> this.control.execute(() -> connected(future)));
	}

	private void connected(ChannelFuture future) {
		this.connecting = false;
		Channel channel = future.channel();
		if (future.isSuccess() && channel.localAddress().equals(channel.remoteAddress())) {
			// TCP simultaneous open: with the server down, a connect to a local port can
			// land on its own ephemeral port. Getty checks this too.
			channel.close();
			attemptFailed("connected to itself");
			return;
		}
		if (!future.isSuccess()) {
			attemptFailed(String.valueOf(future.cause().getMessage()));
			return;
		}
		if (isClosed()) {
			channel.close();
			return;
		}
		this.failedAttempts = 0;
		this.liveChannels.incrementAndGet();
		if (this.vacatedSlots > 0) {
			this.vacatedSlots--;
			this.reconnects.incrementAndGet();
		}
		channel.closeFuture().addListener((ignored) -> this.control.execute(this::channelLost));
		refill();
	}

	private void channelLost() {
		this.liveChannels.decrementAndGet();
		if (isClosed()) {
			return;
		}
		this.vacatedSlots++;
		// A lost session starts a fresh round of attempts, as in Getty.
		if (this.failedAttempts >= this.reconnectAttempts) {
			this.failedAttempts = 0;
		}
		refill();
	}

	private void attemptFailed(String reason) {
		this.failedAttempts++;
		if (isClosed()) {
			return;
		}
		if (this.failedAttempts >= this.reconnectAttempts) {
			logger.warn("TCP client '{}' gave up connecting to {} after {} failed attempts in a row ({}); "
					+ "it tries again when one of its sessions closes", name(), Addresses.format(this.serverAddress),
					this.failedAttempts, reason);
			return;
		}
		long delay = this.reconnectInterval.toNanos() * Math.min(this.failedAttempts, this.maxBackoffMultiplier);
		logger.debug("TCP client '{}' could not connect to {} ({}); attempt {} of {}, next in {} ms", name(),
				Addresses.format(this.serverAddress), reason, this.failedAttempts, this.reconnectAttempts,
				TimeUnit.NANOSECONDS.toMillis(delay));
		this.retry = this.control.schedule(() -> {
			this.retry = null;
			refill();
		}, delay, TimeUnit.NANOSECONDS);
	}

	/**
	 * Stop reconnecting, then close every session and wait for their close callbacks.
	 */
	@Override
	public boolean close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!markClosed()) {
			return true;
		}
		EventLoop loop = this.control;
		if (loop != null) {
			loop.execute(() -> {
				if (this.retry != null) {
					this.retry.cancel(false);
					this.retry = null;
				}
			});
		}
		boolean clean = closeSessions(timeout);
		if (isStarted()) {
			releaseEventLoops();
			logger.info("TCP client '{}' closed", name());
		}
		return clean;
	}

	/**
	 * Builds a {@link TcpClient}.
	 */
	public static final class Builder extends EndPointBuilder<Builder> {

		private @Nullable Supplier<InetSocketAddress> serverAddress;

		private int connectionNumber = 1;

		private Duration reconnectInterval = DEFAULT_RECONNECT_INTERVAL;

		private int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;

		private int maxBackoffMultiplier = DEFAULT_MAX_BACKOFF_MULTIPLIER;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Builder() {
		}

		/**
		 * Set the server to connect to.
		 * @param host the host
		 * @param port the port
		 * @return this builder
		 */
		public Builder serverAddress(String host, int port) {
			return serverAddress(InetSocketAddress.createUnresolved(host, port));
		}

		/**
		 * Set the server to connect to.
		 * @param address the address
		 * @return this builder
		 */
		public Builder serverAddress(InetSocketAddress address) {
			Objects.requireNonNull(address, "address");
			this.serverAddress = () -> address;
			return this;
		}

		/**
		 * Set the server to connect to, asked for when the client starts: for an address
		 * that is only known later, such as the random port of a server started first.
		 * @param address supplies the address
		 * @return this builder
		 */
		public Builder serverAddress(Supplier<InetSocketAddress> address) {
			this.serverAddress = Objects.requireNonNull(address, "address");
			return this;
		}

		/**
		 * Set how many sessions to keep open (Getty's {@code WithConnectionNumber}).
		 * @param connectionNumber at least 1
		 * @return this builder
		 */
		public Builder connectionNumber(int connectionNumber) {
			if (connectionNumber < 1) {
				throw new IllegalArgumentException("connectionNumber must be at least 1, but was " + connectionNumber);
			}
			this.connectionNumber = connectionNumber;
			return this;
		}

		/**
		 * Set the base pause between reconnect attempts.
		 * @param interval a positive duration
		 * @return this builder
		 */
		public Builder reconnectInterval(Duration interval) {
			Objects.requireNonNull(interval, "interval");
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("reconnectInterval must be positive, but was " + interval);
			}
			this.reconnectInterval = interval;
			return this;
		}

		/**
		 * Set how many failed attempts in a row end reconnecting.
		 * @param attempts at least 1
		 * @return this builder
		 */
		public Builder reconnectAttempts(int attempts) {
			if (attempts < 1) {
				throw new IllegalArgumentException("reconnectAttempts must be at least 1, but was " + attempts);
			}
			this.reconnectAttempts = attempts;
			return this;
		}

		/**
		 * Set the cap of the backoff multiplier.
		 * @param multiplier at least 1
		 * @return this builder
		 */
		public Builder maxBackoffMultiplier(int multiplier) {
			if (multiplier < 1) {
				throw new IllegalArgumentException("maxBackoffMultiplier must be at least 1, but was " + multiplier);
			}
			this.maxBackoffMultiplier = multiplier;
			return this;
		}

		/**
		 * Set the connect timeout.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration timeout) {
			Objects.requireNonNull(timeout, "timeout");
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be positive, but was " + timeout);
			}
			this.connectTimeout = timeout;
			return this;
		}

		/**
		 * Build the client; call {@link TcpClient#start()} to connect.
		 * @return the client
		 */
		public TcpClient build() {
			return new TcpClient(this);
		}

	}

}
