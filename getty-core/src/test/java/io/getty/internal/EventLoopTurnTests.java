package io.getty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The turn of an event loop: the held flushes of every session run at its end, in order,
 * from one task or, on getty's own event loops, as the loop's I/O is done; its reads share
 * one clock reading, and it tells a session served alone.
 */
class EventLoopTurnTests {

	/** What Netty's loop would hand its I/O handler; the handlers here never ask it. */
	private static final IoHandlerContext NO_CONTEXT = NoIoHandlerContext.INSTANCE;

	private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);

	private final EventLoop loop = this.group.next();

	private final List<String> ran = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutDown() throws InterruptedException {
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
	}

	@Test
	void theFlushesOfSeveralSessionsRunFromOneTaskAtTheEndOfTheTurnInTheOrderAsked() throws Exception {
		int queuedByTheTurn = inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			int before = pendingTasks();
			turn.flushAtEnd(() -> this.ran.add("first"));
			turn.flushAtEnd(() -> this.ran.add("second"));
			turn.flushAtEnd(() -> this.ran.add("third"));
			assertThat(this.ran).isEmpty();
			return pendingTasks() - before;
		});

		assertThat(queuedByTheTurn).isEqualTo(1);
		assertThat(this.ran).containsExactly("first", "second", "third");
	}

	@Test
	void aFlushAskedForWhileTheTurnEndsRunsInATaskOfItsOwn() throws Exception {
		inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			turn.flushAtEnd(() -> {
				this.ran.add("first");
				this.loop.execute(() -> this.ran.add("a task queued meanwhile"));
				// A write completion's callback that writes again on the same event loop: its
				// flush waits for a task of its own, so that a session that keeps writing
				// cannot hold the event loop in one task.
				turn.flushAtEnd(() -> this.ran.add("asked for by the first"));
			});
			turn.flushAtEnd(() -> this.ran.add("second"));
			return null;
		});
		// The tasks queued meanwhile were queued after the helper task of inOneTurn.
		inOneTurn(() -> null);

		assertThat(this.ran).containsExactly("first", "second", "a task queued meanwhile", "asked for by the first");
	}

	@Test
	void onALoopWhoseIoHandlerEndsTheTurnTheFlushesRunAsTheIoIsDoneWithNoTask() throws Exception {
		int queuedByTheTurn = inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			int[] queued = new int[1];
			IoHandler io = TurnEndingIoHandler.wrap(new IoOf(() -> {
				this.loop.execute(() -> this.ran.add("a task queued during the I/O"));
				int before = pendingTasks();
				turn.readNanos();
				turn.flushAtEnd(() -> this.ran.add("first"));
				turn.flushAtEnd(() -> this.ran.add("second"));
				queued[0] = pendingTasks() - before;
				this.ran.add("I/O done");
			}), this.loop);
			io.run(NO_CONTEXT);
			assertThat(this.ran).containsExactly("I/O done", "first", "second");
			return queued[0];
		});

		assertThat(queuedByTheTurn).isZero();
		// The loop's tasks, a timer's among them, run after the turn's end, not before it.
		assertThat(this.ran).containsExactly("I/O done", "first", "second", "a task queued during the I/O");
	}

	@Test
	void aFlushAskedForWhileTheIoEndsTheTurnRunsInATaskOfItsOwn() throws Exception {
		inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			IoHandler io = TurnEndingIoHandler.wrap(new IoOf(() -> turn.flushAtEnd(() -> {
				this.ran.add("first");
				turn.flushAtEnd(() -> this.ran.add("asked for by the first"));
			})), this.loop);
			io.run(NO_CONTEXT);
			assertThat(this.ran).containsExactly("first");
			return null;
		});

		assertThat(this.ran).containsExactly("first", "asked for by the first");
	}

	@Test
	void aTurnWhoseEndWasQueuedAsATaskBeforeTheIoEndsFromThatTask() throws Exception {
		int queuedByTheTurn = inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			int before = pendingTasks();
			turn.flushAtEnd(() -> this.ran.add("asked for before the I/O"));
			IoHandler io = TurnEndingIoHandler.wrap(new IoOf(() -> turn.flushAtEnd(() -> this.ran.add("asked for in the I/O"))),
					this.loop);
			io.run(NO_CONTEXT);
			assertThat(this.ran).isEmpty();
			return pendingTasks() - before;
		});

		assertThat(queuedByTheTurn).isEqualTo(1);
		assertThat(this.ran).containsExactly("asked for before the I/O", "asked for in the I/O");
	}

	@Test
	void aFlushThatThrowsDoesNotKeepTheOthersFromRunning() throws Exception {
		inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			turn.flushAtEnd(() -> {
				throw new IllegalStateException("broken handler");
			});
			turn.flushAtEnd(() -> this.ran.add("second"));
			return null;
		});

		assertThat(this.ran).containsExactly("second");
	}

	@Test
	void theReadsOfOneTurnShareOneClockReadingAndTheNextTurnReadsItAgain() throws Exception {
		long[] times = inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			long first = turn.readNanos();
			awaitClockPast(first);
			return new long[] { first, turn.readNanos() };
		});
		assertThat(times[1]).isEqualTo(times[0]);
		awaitClockPast(times[0]);

		long nextTurn = inOneTurn(() -> EventLoopTurn.of(this.loop).readNanos());

		assertThat(nextTurn).isGreaterThan(times[0]);
	}

	@Test
	void aSessionIsServedAloneWhileNoTurnServesTwo() throws Exception {
		// The first turn of an event loop has no turn before it.
		List<Boolean> first = inOneTurn(() -> repliesReady(2));
		List<Boolean> afterTwo = inOneTurn(() -> repliesReady(1));
		List<Boolean> afterOne = inOneTurn(() -> repliesReady(1));
		List<Boolean> afterOneAgain = inOneTurn(() -> repliesReady(3));
		List<Boolean> afterThree = inOneTurn(() -> repliesReady(1));

		assertThat(first).containsExactly(true, false);
		assertThat(afterTwo).containsExactly(false);
		assertThat(afterOne).containsExactly(true);
		assertThat(afterOneAgain).containsExactly(true, false, false);
		assertThat(afterThree).containsExactly(false);
	}

	@Test
	void anEndOfTurnWithoutReadsLeavesTheLastTurnThatReadAsTheTurnBefore() throws Exception {
		inOneTurn(() -> repliesReady(2));
		// A flush asked for outside any read: the task runs, but no session read.
		inOneTurn(() -> {
			EventLoopTurn.of(this.loop).flushAtEnd(() -> this.ran.add("handed over"));
			return null;
		});

		List<Boolean> next = inOneTurn(() -> repliesReady(1));

		assertThat(this.ran).containsExactly("handed over");
		assertThat(next).containsExactly(false);
	}

	@Test
	void anEventLoopHasOneTurnAndOnlyItsThreadMayUseIt() throws Exception {
		EventLoop other = this.group.next();
		assertThat(other).isNotSameAs(this.loop);
		EventLoopTurn first = this.loop.submit(() -> EventLoopTurn.of(this.loop)).get(5, TimeUnit.SECONDS);
		EventLoopTurn again = this.loop.submit(() -> EventLoopTurn.of(this.loop)).get(5, TimeUnit.SECONDS);

		assertThat(again).isSameAs(first);
		assertThatIllegalStateException().isThrownBy(() -> EventLoopTurn.of(this.loop))
			.withMessageContaining("confined to its thread");
		Future<?> fromAnotherLoop = other.submit(() -> EventLoopTurn.of(this.loop));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> fromAnotherLoop.get(5, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	@SuppressWarnings("deprecation")
	void whileTheEventLoopShutsDownFlushesRunAtOnceAndNoneIsLost() throws Exception {
		inOneTurn(() -> {
			EventLoopTurn turn = EventLoopTurn.of(this.loop);
			// From now on the event loop refuses every task (it still finishes this one).
			this.loop.shutdown();
			turn.flushAtEnd(() -> {
				this.ran.add("first");
				turn.flushAtEnd(() -> this.ran.add("asked for by the first"));
				turn.flushAtEnd(() -> this.ran.add("asked for by the first, again"));
				this.ran.add("first, done");
			});
			turn.flushAtEnd(() -> this.ran.add("second"));
			return null;
		});

		assertThat(this.ran).containsExactly("first", "first, done", "asked for by the first",
				"asked for by the first, again", "second");
	}

	/**
	 * Run the step as one task of the event loop, then wait until the tasks it queued ran
	 * too (tasks run in order).
	 */
	private <T> T inOneTurn(Callable<T> step) throws Exception {
		T result = this.loop.submit(step).get(5, TimeUnit.SECONDS);
		if (!this.loop.isShutdown()) {
			this.loop.submit(() -> { }).get(5, TimeUnit.SECONDS);
		}
		return result;
	}

	/** Tell the turn that the given number of sessions have replies ready, one after the other. */
	private List<Boolean> repliesReady(int sessions) {
		EventLoopTurn turn = EventLoopTurn.of(this.loop);
		List<Boolean> alone = new ArrayList<>();
		for (int i = 0; i < sessions; i++) {
			alone.add(turn.repliesReady());
		}
		return alone;
	}

	private int pendingTasks() {
		return ((DefaultEventLoop) this.loop).pendingTasks();
	}

	/** Spin until the clock moves past the given time: it has nanosecond ticks, so briefly. */
	private static void awaitClockPast(long time) {
		while (System.nanoTime() <= time) {
			Thread.onSpinWait();
		}
	}

}
