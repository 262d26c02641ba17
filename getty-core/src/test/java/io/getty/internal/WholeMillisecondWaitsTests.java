package io.getty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NIO's event loop waits for its next timer in whole milliseconds: timers still run once
 * due, but the loop no longer spins through the last half millisecond before each one.
 */
class WholeMillisecondWaitsTests {

	private static final long MS = WholeMillisecondWaits.NANOS_PER_MILLI;

	/** Timers in a chain, each scheduled by the one before. */
	private static final int TIMERS = 100;

	/** Less than half a millisecond: where NIO's own select stops waiting and spins. */
	private static final long TIMER_DELAY_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

	@Test
	void delaysAreRoundedUpToWholeMilliseconds() {
		assertThat(WholeMillisecondWaits.roundUp(1)).isEqualTo(MS);
		assertThat(WholeMillisecondWaits.roundUp(TIMER_DELAY_NANOS)).isEqualTo(MS);
		assertThat(WholeMillisecondWaits.roundUp(MS - 1)).isEqualTo(MS);
		assertThat(WholeMillisecondWaits.roundUp(MS)).isEqualTo(MS);
		assertThat(WholeMillisecondWaits.roundUp(MS + 1)).isEqualTo(2 * MS);
		assertThat(WholeMillisecondWaits.roundUp(TimeUnit.SECONDS.toNanos(1))).isEqualTo(TimeUnit.SECONDS.toNanos(1));
	}

	@Test
	void aTimerAlreadyDueStaysDue() {
		assertThat(WholeMillisecondWaits.roundUp(0)).isZero();
		assertThat(WholeMillisecondWaits.roundUp(-1)).isZero();
		assertThat(WholeMillisecondWaits.roundUp(-5 * MS)).isNotPositive();
		assertThat(WholeMillisecondWaits.roundUp(Long.MIN_VALUE + 1)).isNotPositive();
	}

	@Test
	void delaysTooLongToRoundArePassedOnWithoutOverflowing() {
		assertThat(WholeMillisecondWaits.roundUp(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(WholeMillisecondWaits.roundUp(WholeMillisecondWaits.LONGEST_ROUNDED + 1))
			.isEqualTo(WholeMillisecondWaits.LONGEST_ROUNDED + 1);
		long longest = WholeMillisecondWaits.roundUp(WholeMillisecondWaits.LONGEST_ROUNDED);
		assertThat(longest).isGreaterThanOrEqualTo(WholeMillisecondWaits.LONGEST_ROUNDED);
		assertThat(longest % MS).isZero();
	}

	@Test
	void theWrappedHandlerSeesTheLoopsContextWithTheDelayRounded() throws Exception {
		List<String> asked = new ArrayList<>();
		IoHandlerContext loop = new IoHandlerContext() {

			@Override
			public boolean canBlock() {
				asked.add("canBlock");
				return true;
			}

			@Override
			public long delayNanos(long currentTimeNanos) {
				asked.add("delayNanos(" + currentTimeNanos + ")");
				return 1_234_567;
			}

			@Override
			public long deadlineNanos() {
				asked.add("deadlineNanos");
				return 42;
			}

			@Override
			public void reportActiveIoTime(long activeNanos) {
				asked.add("reportActiveIoTime(" + activeNanos + ")");
			}

			@Override
			public boolean shouldReportActiveIoTime() {
				asked.add("shouldReportActiveIoTime");
				return true;
			}

		};
		List<Object> seen = new ArrayList<>();
		IoHandler nio = new IoOf((context) -> {
			seen.add(context.canBlock());
			seen.add(context.delayNanos(7));
			seen.add(context.deadlineNanos());
			seen.add(context.shouldReportActiveIoTime());
			context.reportActiveIoTime(99);
			return 3;
		});
		assertThat(WholeMillisecondWaits.wrap(nio).run(loop)).isEqualTo(3);
		assertThat(seen).containsExactly(true, 2 * MS, 42L, true);
		assertThat(asked).containsExactly("canBlock", "delayNanos(7)", "deadlineNanos", "shouldReportActiveIoTime",
				"reportActiveIoTime(99)");
	}

	@Test
	void aNioLoopWaitsForATimerLessThanHalfAMillisecondAwayInsteadOfSpinning() throws Exception {
		Chain chain = runChain(WholeMillisecondWaits.wrap(NioIoHandler.newFactory()));
		// One turn per timer: the wait of a whole millisecond ends with the timer due.
		// Spurious wake-ups of the selector may add a few.
		assertThat(chain.turnsPerTimer()).isLessThan(3.0);
		assertThat(chain.earliestNanos()).isGreaterThanOrEqualTo(TIMER_DELAY_NANOS);
	}

	@Test
	void nettysOwnNioLoopSpinsBeforeSuchATimer() throws Exception {
		// What the wrapper is for; if a Netty upgrade stops spinning, it may be dropped.
		Chain chain = runChain(NioIoHandler.newFactory());
		assertThat(chain.turnsPerTimer()).isGreaterThan(5.0);
	}

	private static Chain runChain(IoHandlerFactory nio) throws InterruptedException {
		AtomicLong turns = new AtomicLong();
		MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
				(executor) -> new CountingTurns(nio.newHandler(executor), turns));
		try {
			EventLoop loop = group.next();
			CountDownLatch done = new CountDownLatch(1);
			AtomicLong earliest = new AtomicLong(Long.MAX_VALUE);
			long[] turnsAtStart = new long[1];
			loop.execute(() -> {
				turnsAtStart[0] = turns.get();
				scheduleNext(loop, TIMERS, earliest, done);
			});
			assertThat(done.await(30, TimeUnit.SECONDS)).as("%d timers ran", TIMERS).isTrue();
			return new Chain((turns.get() - turnsAtStart[0]) / (double) TIMERS, earliest.get());
		}
		finally {
			group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

	private static void scheduleNext(EventLoop loop, int left, AtomicLong earliest, CountDownLatch done) {
		if (left == 0) {
			done.countDown();
			return;
		}
		long scheduled = System.nanoTime();
		loop.schedule(() -> {
			earliest.accumulateAndGet(System.nanoTime() - scheduled, Math::min);
			scheduleNext(loop, left - 1, earliest, done);
		}, TIMER_DELAY_NANOS, TimeUnit.NANOSECONDS);
	}

	private record Chain(double turnsPerTimer, long earliestNanos) {
	}

	/** Counts the turns of the loop: each is one run of its I/O handler. */
	private static final class CountingTurns extends ForwardingIoHandler {

		private final AtomicLong turns;

		CountingTurns(IoHandler delegate, AtomicLong turns) {
			super(delegate);
			this.turns = turns;
		}

		@Override
		public int run(IoHandlerContext context) {
			this.turns.incrementAndGet();
			return this.delegate.run(context);
		}

	}

}
