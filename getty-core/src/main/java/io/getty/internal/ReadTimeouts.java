package io.getty.internal;

import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read timeouts of the sessions of one event loop, checked by one timer. A session
 * is watched from the moment a package starts arriving; the timer runs at the earliest
 * deadline of the watched sessions, rounded up to a grid of 10 ms, reports the sessions
 * whose package is still incomplete past their read timeout, stops watching the ones
 * that have none, and is set again for the earliest deadline left.
 *
 * <p>
 * Why one timer and not one per session: the sessions of a server that starts under
 * load see their first incomplete packages within the same millisecond, so their timers
 * came due together, one read timeout later, each a few microseconds after the other.
 * The first run of such a check is interpreted, slow enough for the next timer to fall
 * due meanwhile, and the event loop then found a timer already due when it came back to
 * its select: a branch of Netty's NIO loop that a loop without such bursts hardly ever
 * takes, which the JIT compiler had compiled away. Taking it threw the loop's compiled code
 * away and compiled it again, on the I/O thread's CPU, thirty seconds into the load
 * (docs/benchmarks.md, point 26). One timer on a 10 ms grid comes due once for all of
 * them.
 *
 * <p>
 * Confined to its event loop's thread, like {@link CronTicks}.
 */
final class ReadTimeouts implements Runnable {

	/**
	 * Checks fall on this grid: a read timeout is reported at most this much late. It is
	 * the cron ticks' grid, so a check and a tick that fall due together wake the event
	 * loop once.
	 */
	static final long GRID_NANOS = CronTicks.GRID_NANOS;

	private static final Logger logger = LoggerFactory.getLogger(ReadTimeouts.class);

	private static final FastThreadLocal<ReadTimeouts> TIMEOUTS = new FastThreadLocal<>();

	private static final int INITIAL_WATCHED = 4;

	private final EventLoop eventLoop;

	private Watched[] watched = new Watched[INITIAL_WATCHED];

	private int size;

	private @Nullable ScheduledFuture<?> timer;

	/** When the timer runs, in {@link System#nanoTime()} terms; meaningless without one. */
	private long timerDeadline;

	/** How many times the timer ran; for tests. */
	private int checks;

	private ReadTimeouts(EventLoop eventLoop) {
		this.eventLoop = eventLoop;
	}

	/**
	 * Return the read timeouts of the given event loop; call it on that loop's thread
	 * only.
	 * @param eventLoop the event loop whose thread calls
	 * @return its read timeouts
	 */
	static ReadTimeouts of(EventLoop eventLoop) {
		if (!eventLoop.inEventLoop()) {
			throw new IllegalStateException("The read timeouts of " + eventLoop + " are confined to its thread, not "
					+ Thread.currentThread().getName());
		}
		ReadTimeouts timeouts = TIMEOUTS.getIfExists();
		if (timeouts == null || timeouts.eventLoop != eventLoop) {
			// As in CronTicks: a thread that now runs another event loop starts afresh, and
			// the old loop's timer still checks the sessions it watches.
			timeouts = new ReadTimeouts(eventLoop);
			TIMEOUTS.set(timeouts);
		}
		return timeouts;
	}

	/**
	 * Return the time a check for the given deadline runs: the deadline rounded up to the
	 * grid, so that sessions whose packages started arriving in the same 10 ms are checked
	 * together.
	 * @param deadline a deadline, in {@link System#nanoTime()} terms
	 * @return the first grid point at or after it
	 */
	static long checkTime(long deadline) {
		return deadline + Math.floorMod(-deadline, GRID_NANOS);
	}

	/**
	 * Watch a session whose package started arriving; watching one that is watched
	 * already does nothing.
	 * @param session the session's read timeout
	 * @param deadline when its package must be complete, in {@link System#nanoTime()}
	 * terms
	 */
	void watch(Watched session, long deadline) {
		if (session.index >= 0) {
			return;
		}
		if (this.size == this.watched.length) {
			this.watched = Arrays.copyOf(this.watched, this.size * 2);
		}
		session.index = this.size;
		this.watched[this.size++] = session;
		armFor(deadline);
	}

	/**
	 * Stop watching a session, for example because it closed; forgetting one that is not
	 * watched does nothing.
	 * @param session the session's read timeout
	 */
	void forget(Watched session) {
		int index = session.index;
		if (index < 0) {
			return;
		}
		session.index = -1;
		Watched last = this.watched[--this.size];
		this.watched[this.size] = null;
		if (last != session) {
			this.watched[index] = last;
			last.index = index;
		}
		if (this.size == 0 && this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	/**
	 * Return how many sessions are watched; for tests.
	 * @return the sessions
	 */
	int watched() {
		return this.size;
	}

	/**
	 * Return when the timer runs next; for tests.
	 * @return its time in {@link System#nanoTime()} terms, or {@code null} if none is set
	 */
	@Nullable Long timerDeadline() {
		return (this.timer != null) ? this.timerDeadline : null;
	}

	/**
	 * Return how many times the timer has run; for tests.
	 * @return the checks so far
	 */
	int checks() {
		return this.checks;
	}

	@Override
	public void run() {
		this.timer = null;
		this.checks++;
		long now = System.nanoTime();
		long next = Long.MAX_VALUE;
		Watched[] expired = null;
		int expiredCount = 0;
		// Backwards, so that forgetting the current session moves only one already checked.
		for (int i = this.size - 1; i >= 0; i--) {
			Watched session = this.watched[i];
			long deadline = session.deadline();
			if (deadline == Watched.NONE) {
				forget(session);
			}
			else if (deadline - now <= 0) {
				forget(session);
				if (expired == null) {
					expired = new Watched[i + 1];
				}
				expired[expiredCount++] = session;
			}
			else if (next == Long.MAX_VALUE || deadline - next < 0) {
				next = deadline;
			}
		}
		if (next != Long.MAX_VALUE) {
			armFor(next);
		}
		// Reported after the sweep: a session that closes on its timeout leaves the array
		// while nothing walks it.
		for (int i = 0; i < expiredCount; i++) {
			try {
				expired[i].timedOut();
			}
			catch (Throwable ex) {
				logger.warn("Reporting a read timeout threw; the other sessions are still checked", ex);
			}
		}
	}

	private void armFor(long deadline) {
		long at = checkTime(deadline);
		ScheduledFuture<?> current = this.timer;
		if (current != null && !current.isDone()) {
			if (this.timerDeadline - at <= 0) {
				return;
			}
			// Only a session with a shorter read timeout than the others gets here.
			current.cancel(false);
		}
		this.timerDeadline = at;
		this.timer = this.eventLoop.schedule(this, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
	}

	/**
	 * A session's read timeout, as its event loop's {@link ReadTimeouts} sees it.
	 */
	abstract static class Watched {

		/** {@link #deadline()} when nothing is arriving: the session needs no watching. */
		static final long NONE = Long.MIN_VALUE;

		/** Where it is in its loop's array; negative when not watched. */
		private int index = -1;

		/**
		 * Return when the package arriving now must be complete.
		 * @return the deadline in {@link System#nanoTime()} terms, or {@link #NONE}
		 */
		abstract long deadline();

		/** The package arriving is still incomplete past the deadline: report it. */
		abstract void timedOut();

		/**
		 * Return whether the session is watched; for tests.
		 * @return whether a check will look at it
		 */
		boolean isWatched() {
			return this.index >= 0;
		}

	}

}
