package io.getty.internal;

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

import io.getty.ClientBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that keeps a pool of sessions to one server, whatever the transport.
 *
 * <p>
 * The pool is refilled by one task at a time on a single control event loop: a lost
 * session is replaced, a failed attempt is retried after
 * {@code reconnectInterval × attempt} (the multiplier capped), and after
 * {@code reconnectAttempts} failures in a row the client waits until another of its
 * sessions closes. Nothing here ever blocks the caller of {@link #start()}.
 */
public abstract class AbstractClient extends AbstractEndPoint {

	private static final Logger logger = LoggerFactory.getLogger(AbstractClient.class);

	private final Supplier<InetSocketAddress> serverAddressSupplier;

	private final int connectionNumber;

	private final Duration reconnectInterval;

	private final int reconnectAttempts;

	private final int maxBackoffMultiplier;

	private final Duration connectTimeout;

	private final List<Session> openSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger roundRobin = new AtomicInteger();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicInteger liveChannels = new AtomicInteger();

	private volatile @Nullable InetSocketAddress serverAddress;

	// Owned by the control event loop.
	private @Nullable EventLoop control;

	private @Nullable Bootstrap bootstrap;

	private boolean connecting;

	// Written on the control loop only; volatile so that failedAttempts() can read it.
	private volatile int failedAttempts;

	private int vacatedSlots;

	private @Nullable ScheduledFuture<?> retry;

	// Each start is a new run; channels of an earlier run report their loss to nobody.
	private int generation;

	protected AbstractClient(ClientBuilder<?> builder, EndPointType type) {
		super(builder, type);
		this.serverAddressSupplier = Objects.requireNonNull(builder.serverAddress(),
				() -> type + " '" + name() + "' has no server address; call serverAddress(...)");
		this.connectionNumber = builder.connectionNumber();
		this.reconnectInterval = builder.reconnectInterval();
		this.reconnectAttempts = builder.reconnectAttempts();
		this.maxBackoffMultiplier = builder.maxBackoffMultiplier();
		this.connectTimeout = builder.connectTimeout();
	}

	/**
	 * Set up the bootstrap: channel type, options and the channel initializer.
	 * @param bootstrap the bootstrap, with the event loop group and connect timeout set
	 * @param loops the event loops
	 * @param server the server address
	 */
	protected abstract void configure(Bootstrap bootstrap, EventLoops loops, InetSocketAddress server);

	/**
	 * Return how to name this client in logs, such as {@code "TCP client"}.
	 * @return the description
	 */
	protected abstract String kind();

	@Override
	public void start() {
		InetSocketAddress address = Objects.requireNonNull(this.serverAddressSupplier.get(),
				() -> kind() + " '" + name() + "' got no server address from its supplier");
		EventLoops loops = acquireEventLoops();
		this.serverAddress = address;
		Bootstrap configured = new Bootstrap().group(loops.group())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
					(int) Math.min(Integer.MAX_VALUE, this.connectTimeout.toMillis()));
		configure(configured, loops, address);
		this.bootstrap = configured;
		this.control = loops.group().next();
		this.control.execute(this::resetPool);
		logger.info("{} '{}' connecting {} sessions to {}", kind(), name(), this.connectionNumber,
				Addresses.format(address));
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
			return CompletableFuture.failedFuture(new SessionClosedException(kind() + " '" + name()
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
	protected long reconnects() {
		return this.reconnects.get();
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

	private void resetPool() {
		this.generation++;
		this.connecting = false;
		this.failedAttempts = 0;
		this.vacatedSlots = 0;
		this.liveChannels.set(0);
		this.retry = null;
	}

	private void onControlLoop(Runnable task) {
		EventLoop loop = this.control;
		try {
			if (loop != null) {
				loop.execute(task);
			}
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// The client closed and its event loops are shutting down: nothing to do.
		}
	}

	private void refill() {
		if (isClosed() || this.connecting || this.retry != null) {
			return;
		}
		if (this.liveChannels.get() >= this.connectionNumber) {
			return;
		}
		this.connecting = true;
		ChannelFuture connect = this.bootstrap.connect(this.serverAddress);
		int run = this.generation;
		connect.addListener((ChannelFuture future) -> onControlLoop(() -> connected(future, run)));
	}

	private void connected(ChannelFuture future, int run) {
		Channel channel = future.channel();
		if (run != this.generation) {
			channel.close();
			return;
		}
		this.connecting = false;
		if (future.isSuccess() && channel.localAddress() != null
				&& channel.localAddress().equals(channel.remoteAddress())) {
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
		channel.closeFuture().addListener((ignored) -> onControlLoop(() -> channelLost(run)));
		refill();
	}

	private void channelLost(int run) {
		if (run != this.generation) {
			return;
		}
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
			logger.warn("{} '{}' gave up connecting to {} after {} failed attempts in a row ({}); "
					+ "it tries again when one of its sessions closes", kind(), name(),
					Addresses.format(this.serverAddress), this.failedAttempts, reason);
			return;
		}
		long delay = this.reconnectInterval.toNanos() * Math.min(this.failedAttempts, this.maxBackoffMultiplier);
		logger.debug("{} '{}' could not connect to {} ({}); attempt {} of {}, next in {} ms", kind(), name(),
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
		onControlLoop(() -> {
			if (this.retry != null) {
				this.retry.cancel(false);
				this.retry = null;
			}
		});
		boolean clean = closeSessions(timeout);
		if (isStarted()) {
			releaseEventLoops();
			logger.info("{} '{}' closed", kind(), name());
		}
		return clean;
	}

}
