package io.getty.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.getty.EventLoops;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CronTicks}: a session's first cron tick waits at least one period and
 * lands on a grid shared by every session, and sessions whose ticks share a period and a
 * slot of the grid share one timer, on a real event loop.
 */
class CronTicksTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private EventLoopGroup group;

	private EventLoop loop;

	@BeforeEach
	void startEventLoop() {
		this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		this.loop = this.group.next();
	}

	@AfterEach
	void stopEventLoop() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@ParameterizedTest(name = "period {0} ms, grid {1} ms")
	@CsvSource({ "1000, 10", "60000, 10", "100, 10", "50, 5", "1, 0.1" })
	void firstTickWaitsAPeriodAndLandsOnTheGrid(long periodMillis, double gridMillis) {
		long period = periodMillis * MS;
		long grid = (long) (gridMillis * MS);
		for (long now : new long[] { 0, 1, 7 * MS + 3, 123_456_789_012L, -5 * MS - 1, Long.MAX_VALUE / 4 }) {
			long delay = CronTicks.firstDelay(now, period);
			assertThat(delay).as("delay at %d", now).isGreaterThanOrEqualTo(period).isLessThan(period + grid);
			assertThat(Math.floorMod(now + delay, grid)).as("tick at %d", now + delay).isZero();
		}
	}

	@ParameterizedTest(name = "period {0} ns")
	@CsvSource({ "1", "9" })
	void periodsShorterThanTenNanosecondsAreNotRounded(long period) {
		assertThat(CronTicks.firstDelay(12_345, period)).isEqualTo(period);
	}

	@Test
	void ticksComeOnTheEventLoopEveryPeriodFromOnePeriodAfterTheStart() throws Exception {
		List<Long> ticks = new CopyOnWriteArrayList<>();
		List<Boolean> onLoop = new CopyOnWriteArrayList<>();
		long before = System.nanoTime();
		onLoop(() -> CronTicks.of(this.loop).add(50 * MS, () -> {
			ticks.add(System.nanoTime());
			onLoop.add(this.loop.inEventLoop());
		}));
		await().atMost(TIMEOUT).until(() -> ticks.size() >= 5);
		assertThat(ticks.get(0) - before).as("first tick after the start").isGreaterThanOrEqualTo(50 * MS);
		long average = (ticks.get(4) - ticks.get(0)) / 4;
		// A late first tick (a slow machine) shortens the average; the later ones keep the slots.
		assertThat(Duration.ofNanos(average)).isBetween(Duration.ofMillis(25), Duration.ofMillis(200));
		assertThat(onLoop).containsOnly(true);
	}

	@Test
	void entriesWithTheSamePeriodAndSlotShareOneBatchUntilTheLastIsCancelled() throws Exception {
		List<CronTicks.Entry> entries = new ArrayList<>();
		List<CronTicks.Batch> batches = new ArrayList<>();
		onLoop(() -> {
			CronTicks ticks = CronTicks.of(this.loop);
			long now = System.nanoTime();
			for (int i = 0; i < 3; i++) {
				entries.add(ticks.add(1000 * MS, () -> {
				}, now));
			}
			// Another period, another slot of the grid, and the first slot again a grid later.
			entries.add(ticks.add(2000 * MS, () -> {
			}, now));
			entries.add(ticks.add(1000 * MS, () -> {
			}, now + 10 * MS));
			entries.add(ticks.add(1000 * MS, () -> {
			}, now + 1000 * MS));
			entries.forEach((entry) -> batches.add(entry.batch()));
			assertThat(ticks.batches()).isEqualTo(3);
			return null;
		});
		assertThat(batches.get(1)).isSameAs(batches.get(0));
		assertThat(batches.get(2)).isSameAs(batches.get(0));
		assertThat(batches.get(5)).isSameAs(batches.get(0));
		assertThat(batches.get(3)).isNotSameAs(batches.get(0));
		assertThat(batches.get(4)).isNotSameAs(batches.get(0)).isNotSameAs(batches.get(3));
		int left = onLoop(() -> {
			for (int i : new int[] { 1, 0, 5 }) {
				entries.get(i).cancel();
			}
			entries.get(1).cancel();
			return CronTicks.of(this.loop).batches();
		});
		assertThat(left).isEqualTo(3);
		assertThat(batches.get(0).stopped()).isFalse();
		int leftAfterAll = onLoop(() -> {
			entries.forEach(CronTicks.Entry::cancel);
			return CronTicks.of(this.loop).batches();
		});
		assertThat(leftAfterAll).isZero();
		assertThat(batches).allSatisfy((batch) -> assertThat(batch.stopped()).isTrue());
		assertThat(entries).noneMatch(CronTicks.Entry::active);
	}

	@Test
	void anEntryThatJoinsABatchSkipsItsTicksBeforeItsOwnFirst() throws Exception {
		List<Long> first = new CopyOnWriteArrayList<>();
		List<Long> later = new CopyOnWriteArrayList<>();
		long laterOpened = onLoop(() -> {
			CronTicks ticks = CronTicks.of(this.loop);
			long now = System.nanoTime();
			ticks.add(40 * MS, () -> first.add(System.nanoTime()), now);
			// Opened two periods later, on the same slot: its first tick is the batch's third.
			CronTicks.Entry entry = ticks.add(40 * MS, () -> later.add(System.nanoTime()), now + 80 * MS);
			assertThat(entry.batch()).isSameAs(ticks.add(40 * MS, () -> {
			}, now).batch());
			return now + 80 * MS;
		});
		await().atMost(TIMEOUT).until(() -> later.size() >= 2);
		assertThat(first).first().satisfies((tick) -> assertThat(tick).isLessThan(later.get(0)));
		assertThat(later).allSatisfy((tick) -> assertThat(tick - laterOpened).isGreaterThanOrEqualTo(40 * MS));
	}

	@Test
	void entriesCancelledWhileTheBatchRunsNeitherSkipNorRepeatTheOthers() throws Exception {
		int size = 6;
		AtomicInteger[] counts = new AtomicInteger[size];
		List<CronTicks.Entry> entries = new ArrayList<>();
		onLoop(() -> {
			CronTicks ticks = CronTicks.of(this.loop);
			long now = System.nanoTime();
			for (int i = 0; i < size; i++) {
				AtomicInteger count = new AtomicInteger();
				counts[i] = count;
				boolean cancels = i == 2;
				entries.add(ticks.add(30 * MS, () -> {
					count.incrementAndGet();
					if (cancels) {
						// Itself, one that ticked before it and one still to come in this run.
						entries.get(2).cancel();
						entries.get(0).cancel();
						entries.get(4).cancel();
					}
				}, now));
			}
			return null;
		});
		await().atMost(TIMEOUT).until(() -> counts[5].get() >= 3);
		int[] seen = onLoop(() -> {
			int[] values = new int[size];
			for (int i = 0; i < size; i++) {
				values[i] = counts[i].get();
			}
			return values;
		});
		int runs = seen[5];
		assertThat(seen).containsExactly(1, runs, 1, runs, 0, runs);
		assertThat(entries.get(1).batch()).isSameAs(entries.get(5).batch());
	}

	@Test
	void runsMissedWhileTheEventLoopWasHeldUpTickOnce() throws Exception {
		List<Long> ticks = new CopyOnWriteArrayList<>();
		onLoop(() -> CronTicks.of(this.loop).add(20 * MS, () -> ticks.add(System.nanoTime())));
		await().atMost(TIMEOUT).until(() -> ticks.size() >= 1);
		// Blocking code on the I/O thread, for fifteen periods.
		long released = onLoop(() -> {
			busyFor(300 * MS);
			return System.nanoTime();
		});
		await().atMost(TIMEOUT).until(() -> ticks.get(ticks.size() - 1) > released + 60 * MS);
		// One tick for the fifteen missed, then one per period: at most three ticks in the
		// two periods after the release, not seventeen.
		assertThat(ticks).filteredOn((tick) -> tick >= released && tick <= released + 40 * MS).hasSizeBetween(1, 3);
	}

	@Test
	void anEventLoopWhoseTurnsTakeLongerThanAPeriodStillTicks() throws Exception {
		List<Long> ticks = new CopyOnWriteArrayList<>();
		onLoop(() -> CronTicks.of(this.loop).add(20 * MS, () -> ticks.add(System.nanoTime())));
		await().atMost(TIMEOUT).until(() -> ticks.size() >= 1);
		// Turns of 30 ms for 600 ms: Netty runs the periodic task once per turn, so its
		// deadline falls further behind the clock at every turn and never catches up.
		long start = System.nanoTime();
		long end = start + 600 * MS;
		CountDownLatch done = new CountDownLatch(1);
		this.loop.execute(new Runnable() {

			@Override
			public void run() {
				busyFor(30 * MS);
				if (System.nanoTime() - end < 0) {
					CronTicksTests.this.loop.schedule(this, 0, TimeUnit.NANOSECONDS);
				}
				else {
					done.countDown();
				}
			}

		});
		assertThat(done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// About one tick per turn after the first 100 ms (16 turns); skipping every run
		// that is a period late would have stopped them at the third turn.
		assertThat(ticks).filteredOn((tick) -> tick - (start + 100 * MS) >= 0 && tick - end <= 0)
			.hasSizeGreaterThanOrEqualTo(8);
	}

	@Test
	void aTickThatThrowsDoesNotCostTheOthersTheirTicks() throws Exception {
		AtomicInteger thrown = new AtomicInteger();
		AtomicInteger ticked = new AtomicInteger();
		onLoop(() -> {
			CronTicks ticks = CronTicks.of(this.loop);
			long now = System.nanoTime();
			ticks.add(30 * MS, () -> {
				thrown.incrementAndGet();
				throw new IllegalStateException("tick failed");
			}, now);
			return ticks.add(30 * MS, ticked::incrementAndGet, now);
		});
		await().atMost(TIMEOUT).until(() -> ticked.get() >= 3 && thrown.get() >= 3);
	}

	@Test
	void aBatchStopsItsTimerWhenItsEventLoopShutsDown() throws Exception {
		AtomicInteger ticked = new AtomicInteger();
		CronTicks.Batch batch = onLoop(() -> CronTicks.of(this.loop).add(20 * MS, ticked::incrementAndGet).batch());
		await().atMost(TIMEOUT).until(() -> ticked.get() >= 1);
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
		await().atMost(TIMEOUT).until(batch::stopped);
	}

	@Test
	void ticksAreConfinedToTheirEventLoop() {
		assertThatIllegalStateException().isThrownBy(() -> CronTicks.of(this.loop))
			.withMessageContaining("confined to its thread")
			.withMessageContaining(Thread.currentThread().getName());
	}

	@Test
	void theLastSessionOfAnEventLoopToCloseStopsItsBatches() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		try (EventLoops eventLoops = EventLoops.create(1, false);
				TcpServer server = TcpServer.builder()
					.host("127.0.0.1")
					.eventLoops(eventLoops)
					.codec(LengthFieldCodec.int32BigEndian())
					.listener(listener)
					.sessionOptions((options) -> options.withCronPeriod(Duration.ofMillis(50)))
					.build();
				RawClient client = startAndConnect(server)) {
			NettySession first = (NettySession) listener.awaitOpen();
			NettySession second;
			try (RawClient other = new RawClient(server.port())) {
				second = (NettySession) listener.awaitOpen();
				await().atMost(TIMEOUT).until(() -> listener.crons.get() >= 2);
				// Opened within a period of each other: on the 10 ms grid they may fall on
				// two slots, never more.
				int batches = onLoopOf(first, () -> CronTicks.of(first.channel().eventLoop()).batches());
				assertThat(batches).isBetween(1, 2);
				assertThat(onLoopOf(first, first::cronTicking)).isTrue();
				assertThat(onLoopOf(second, second::cronTicking)).isTrue();
			}
			listener.awaitClose();
			first.close();
			listener.awaitClose();
			assertThat(onLoopOf(first, first::cronTicking)).isFalse();
			assertThat(onLoopOf(second, second::cronTicking)).isFalse();
			int left = onLoopOf(first, () -> CronTicks.of(first.channel().eventLoop()).batches());
			assertThat(left).isZero();
		}
	}

	/** Keep the calling thread busy, as blocking code on an event loop would. */
	private static void busyFor(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() - end < 0) {
			Thread.onSpinWait();
		}
	}

	private static RawClient startAndConnect(TcpServer server) throws Exception {
		server.start();
		return new RawClient(server.port());
	}

	private static <T> T onLoopOf(NettySession session, Callable<T> task) throws Exception {
		return session.channel().eventLoop().submit(task).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private <T> T onLoop(Callable<T> task) throws Exception {
		return this.loop.submit(task).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

}
