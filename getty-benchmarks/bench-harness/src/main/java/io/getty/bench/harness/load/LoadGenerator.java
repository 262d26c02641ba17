package io.getty.bench.harness.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;

/**
 * The one load generator every server meets: a Netty 4.2 client on a single event loop
 * thread. Runs closed-loop throughput and open-loop fixed-rate loads, holds idle
 * connections, and churns connections, always verifying every reply.
 *
 * <p>
 * It uses Linux's epoll transport where it loads: its timers have microsecond resolution
 * (NIO's selector waits in whole milliseconds, too coarse to pace a fixed rate), and it
 * leaves more of the client core to the client. The client is the same for every
 * server, so this choice shifts no comparison.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class LoadGenerator implements AutoCloseable {

	/**
	 * How often a warm-up asks its {@link MeasurementWindow} whether it may open, once the
	 * warm-up's minimum has passed (and at the end of each step before).
	 */
	public static final Duration SETTLE_STEP = Duration.ofSeconds(1);

	private static final int CONNECT_CONCURRENCY = 64;

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(15);

	private final EventLoopGroup group;

	private final EventLoop loop;

	private final boolean epoll;

	private final Duration drainTimeout;

	/**
	 * Create a load generator with its own event loop thread.
	 * @param preferEpoll whether to use epoll where it loads
	 */
	public LoadGenerator(boolean preferEpoll) {
		this(preferEpoll, DEFAULT_DRAIN_TIMEOUT);
	}

	/**
	 * Create a load generator with its own event loop thread.
	 * @param preferEpoll whether to use epoll where it loads
	 * @param drainTimeout how long replies may take after the last send before the run
	 * fails for lost replies
	 */
	public LoadGenerator(boolean preferEpoll, Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
		this.epoll = preferEpoll && Epoll.isAvailable();
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-load", true),
				this.epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
		this.loop = this.group.next();
	}

	/**
	 * Return the client's transport.
	 * @return {@code epoll} or {@code nio}
	 */
	public String transport() {
		return this.epoll ? "epoll" : "nio";
	}

	/**
	 * Run a load: connect, warm up, measure, then stop sending and wait for every reply.
	 * @param server the server
	 * @param spec the load
	 * @param window told when the measurement window opens and closes
	 * @return what was measured
	 * @throws LoadFailure if a correctness gate failed
	 * @throws InterruptedException if interrupted
	 */
	public LoadResult run(InetSocketAddress server, LoadSpec spec, MeasurementWindow window)
			throws LoadFailure, InterruptedException {
		LoadContext context = new LoadContext(spec.payloadSize(), spec.depth(), spec.openLoop(), Long.MAX_VALUE,
				(connection) -> {
				});
		try (ConnectionSet connections = connect(server, spec.connections(), context, context.stats, false)) {
			onLoop(() -> {
				context.startSending();
				if (spec.openLoop()) {
					new Pacer(this.loop, connections.connections(), context, spec.ratePerSecond()).start();
				}
				else {
					connections.connections().forEach(EchoConnection::resume);
				}
				return null;
			});
			Window measured = measure(context, List.of(context.stats), TurnOrder.single(), spec.warmup(),
					spec.measure(), window).get(0);
			drain(context);
			return measured.result(spec);
		}
	}

	/**
	 * Run one load against several servers in turns: each server has its own connections
	 * and the load goes to one server at a time, in turns of {@code slice} taken in a
	 * random order per round (seeded), for as long as {@code spec.measure()} per server.
	 * At a fixed rate the whole rate goes to the server whose turn it is; in a closed loop
	 * only that server's connections keep messages in flight (see {@link ClosedLoopTurns}).
	 * Separate runs meet different stalls and speeds of a shared machine; servers
	 * measured in turns within one window meet the same ones, so a comparison of them
	 * does not depend on which ran in a quieter minute.
	 * @param servers the servers
	 * @param spec the load each server gets in its turns; the window lasts
	 * {@code spec.measure()} times the number of servers, and so does the minimum warm-up
	 * (not the window's settle limit)
	 * @param slice how long each server gets the load before the next one
	 * @param seed the seed of the order of servers in each round
	 * @param window told when the measurement window opens and closes
	 * @return what was measured, one result per server in the given order, each over the
	 * time of its turns in the window
	 * @throws LoadFailure if a correctness gate failed for any server
	 * @throws InterruptedException if interrupted
	 */
	public List<LoadResult> runInTurns(List<InetSocketAddress> servers, LoadSpec spec, Duration slice, long seed,
			MeasurementWindow window) throws LoadFailure, InterruptedException {
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("Taking turns needs at least one server");
		}
		LoadContext context = new LoadContext(spec.payloadSize(), spec.depth(), spec.openLoop(), Long.MAX_VALUE,
				(connection) -> {
				});
		TurnOrder order = new TurnOrder(servers.size(), slice.toNanos(), seed);
		List<LoadStats> groups = new ArrayList<>();
		List<ConnectionSet> sets = new ArrayList<>();
		try {
			for (InetSocketAddress server : servers) {
				LoadStats group = new LoadStats();
				groups.add(group);
				sets.add(connect(server, spec.connections(), context, group, false));
			}
			List<List<EchoConnection>> connections = sets.stream().map(ConnectionSet::connections).toList();
			onLoop(() -> {
				context.startSending();
				if (spec.openLoop()) {
					new Pacer(this.loop, connections, context, spec.ratePerSecond(), order).start();
				}
				else {
					new ClosedLoopTurns(this.loop, connections, context, order).start();
				}
				return null;
			});
			List<Window> measured = measure(context, groups, order, spec.warmup().multipliedBy(servers.size()),
					spec.measure().multipliedBy(servers.size()), window);
			drain(context);
			return measured.stream().map((each) -> each.result(spec)).toList();
		}
		finally {
			sets.forEach(ConnectionSet::close);
		}
	}

	private void drain(LoadContext context) throws LoadFailure, InterruptedException {
		onLoop(() -> {
			context.stopSending();
			return null;
		});
		await(context.drained(), this.drainTimeout, () -> "replies still missing " + this.drainTimeout.toMillis()
				+ " ms after the last send: " + onLoopQuietly(context.stats::outstanding));
	}

	/**
	 * Open connections that each echo one message and then stay open and idle.
	 * @param server the server
	 * @param count the number of connections
	 * @param payloadSize the size of the one message each sends
	 * @return the open connections; close them when done
	 * @throws LoadFailure if a connection fails or a reply is wrong
	 * @throws InterruptedException if interrupted
	 */
	public IdleConnections openIdle(InetSocketAddress server, int count, int payloadSize)
			throws LoadFailure, InterruptedException {
		LoadContext context = new LoadContext(payloadSize, 1, false, 1, (connection) -> {
		});
		ConnectionSet connections = connect(server, count, context, context.stats, false);
		try {
			onLoop(() -> {
				connections.connections().forEach(EchoConnection::resume);
				context.stopSending();
				return null;
			});
			await(context.drained(), CONNECT_TIMEOUT, () -> "idle connections still wait for "
					+ onLoopQuietly(context.stats::outstanding) + " echoes");
			return new IdleConnections(connections);
		}
		catch (LoadFailure | InterruptedException | RuntimeException ex) {
			connections.close();
			throw ex;
		}
	}

	/**
	 * Churn connections: each of {@code concurrency} workers connects, echoes one
	 * message, closes, and starts over.
	 * @param server the server
	 * @param concurrency connections in progress at any time
	 * @param payloadSize the size of each connection's message
	 * @param warmup how long to churn at least before measuring (see
	 * {@link MeasurementWindow#settleLimit()})
	 * @param measure how long to measure
	 * @param window told when the measurement window opens and closes
	 * @return the connections completed in the window (as messages) and the latency of
	 * their one echo
	 * @throws LoadFailure if a connection fails or a reply is wrong
	 * @throws InterruptedException if interrupted
	 */
	public LoadResult churn(InetSocketAddress server, int concurrency, int payloadSize, Duration warmup,
			Duration measure, MeasurementWindow window) throws LoadFailure, InterruptedException {
		ConnectionChurn churn = new ConnectionChurn(this.loop, bootstrap(null), server, concurrency, payloadSize);
		onLoop(() -> {
			churn.start();
			return null;
		});
		Window measured;
		try {
			measured = measure(churn.context(), List.of(churn.context().stats), TurnOrder.single(), warmup, measure,
					window).get(0);
		}
		finally {
			onLoop(() -> {
				churn.stop();
				return null;
			});
		}
		await(churn.done(), this.drainTimeout, () -> "churning connections did not finish");
		pause(churn.context(), Duration.ZERO);
		return measured.result(LoadSpec.closedLoop(concurrency, 1, payloadSize, warmup, measure));
	}

	/**
	 * Warm up, then count the replies of each group of connections in one window, over
	 * the time of the group's turns in it.
	 */
	private List<Window> measure(LoadContext context, List<LoadStats> groups, TurnOrder order, Duration warmup,
			Duration measure, MeasurementWindow window) throws LoadFailure, InterruptedException {
		warmUp(context, warmup, window);
		long[] start = onLoop(() -> {
			long now = System.nanoTime();
			long[] replies = new long[groups.size() + 1];
			for (int i = 0; i < groups.size(); i++) {
				groups.get(i).startWindow(now, measure);
				replies[i] = groups.get(i).replies();
			}
			replies[groups.size()] = now;
			return replies;
		});
		window.opened();
		pause(context, measure);
		List<Window> windows = onLoop(() -> {
			long now = System.nanoTime();
			List<Window> each = new ArrayList<>();
			for (int i = 0; i < groups.size(); i++) {
				LoadStats group = groups.get(i);
				double seconds = order.activeNanos(i, start[groups.size()], now) / 1e9;
				each.add(new Window(group.replies() - start[i], seconds, group.copyHistogram(), group.copyTimeline()));
			}
			return each;
		});
		window.closed();
		pause(context, Duration.ZERO);
		return windows;
	}

	private ConnectionSet connect(InetSocketAddress server, int count, LoadContext context, LoadStats group,
			boolean startWhenActive) throws LoadFailure, InterruptedException {
		AtomicInteger ids = new AtomicInteger();
		Bootstrap bootstrap = bootstrap(new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline().addLast(new EchoConnection(context, group, ids.getAndIncrement(), startWhenActive));
			}
		});
		Semaphore permits = new Semaphore(CONNECT_CONCURRENCY);
		List<ChannelFuture> futures = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				if (!permits.tryAcquire(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new LoadFailure("connecting to " + server + " stalled after " + i + " of " + count
							+ " connections");
				}
				ChannelFuture future = bootstrap.connect(server);
				future.addListener((ignored) -> permits.release());
				futures.add(future);
			}
			List<Channel> channels = new ArrayList<>(count);
			for (ChannelFuture future : futures) {
				if (!future.await(CONNECT_TIMEOUT.toMillis()) || !future.isSuccess()) {
					throw new LoadFailure("connection " + channels.size() + " of " + count + " to " + server
							+ " failed: " + future.cause(), future.cause());
				}
				channels.add(future.channel());
			}
			return new ConnectionSet(this.loop, context, channels);
		}
		catch (LoadFailure | InterruptedException | RuntimeException ex) {
			this.loop.execute(context::closing);
			futures.forEach((future) -> future.channel().close());
			throw ex;
		}
	}

	Bootstrap bootstrap(ChannelInitializer<Channel> initializer) {
		Bootstrap bootstrap = new Bootstrap().group(this.loop)
			.channel(this.epoll ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
		return (initializer != null) ? bootstrap.handler(initializer) : bootstrap;
	}

	/**
	 * Keep the load going for at least {@code warmup}, and then, a step at a time, until the
	 * window is ready to open or its settle limit has passed. The window is asked after
	 * every step, the last of the minimum included, so that an already settled server
	 * adds no time.
	 */
	private static void warmUp(LoadContext context, Duration warmup, MeasurementWindow window)
			throws LoadFailure, InterruptedException {
		long start = System.nanoTime();
		long minimum = warmup.toNanos();
		long limit = minimum + Math.max(0, window.settleLimit().toNanos());
		long step = SETTLE_STEP.toNanos();
		while (true) {
			long elapsed = System.nanoTime() - start;
			long left = ((elapsed < minimum) ? minimum : limit) - elapsed;
			if (left <= 0) {
				return;
			}
			pause(context, Duration.ofNanos(Math.min(left, step)));
			boolean ready = window.readyToOpen();
			if (ready && System.nanoTime() - start >= minimum) {
				return;
			}
		}
	}

	/**
	 * Wait, returning early with the failure if the run fails meanwhile.
	 */
	private static void pause(LoadContext context, Duration duration) throws LoadFailure, InterruptedException {
		try {
			context.failure().get(Math.max(1, duration.toNanos()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			// The normal case: nothing failed while we waited.
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof LoadFailure failure) ? failure : new LoadFailure("run failed", ex);
		}
	}

	private static void await(CompletableFuture<Void> future, Duration timeout, java.util.function.Supplier<String> why)
			throws LoadFailure, InterruptedException {
		try {
			future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new LoadFailure(why.get());
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof LoadFailure failure) ? failure : new LoadFailure("run failed", ex);
		}
	}

	private <T> T onLoop(Callable<T> task) throws InterruptedException {
		try {
			return this.loop.submit(task).get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("load generator task failed", ex.getCause());
		}
	}

	private <T> String onLoopQuietly(Callable<T> task) {
		try {
			return String.valueOf(onLoop(task));
		}
		catch (InterruptedException | RuntimeException ex) {
			return "unknown";
		}
	}

	@Override
	public void close() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private record Window(long messages, double seconds, Histogram histogram, LatencyTimeline timeline) {

		LoadResult result(LoadSpec spec) {
			return new LoadResult(spec, this.messages, this.seconds, this.histogram, this.timeline);
		}

	}

}
