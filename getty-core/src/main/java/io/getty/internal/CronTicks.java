package io.getty.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron ticks of the sessions of one event loop. A session's first tick comes one
 * period after it opens, rounded up to a grid of 10 ms (a tenth of the period, if
 * shorter), and then every period. Sessions with the same period whose ticks fall on the
 * same slot of the grid share a {@link Batch}: one periodic task in the event loop's
 * scheduled-task queue for all of them, instead of one each.
 *
 * <p>
 * Why: with a task per session, every tick took each session's task out of the queue and
 * put it back, a comparison per level of the queue's heap each way. On a server with a
 * few busy sessions that path runs a few dozen times a second: too rarely to be compiled
 * during warm-up, often enough to reach the JIT compiler's thresholds later, one tick at
 * a time, with a safepoint to clean up after each compilation while the server works
 * (docs/benchmarks.md, point 22). A batch's task is alone in its slot, so the queue never
 * compares, and its run is called once a period whatever the number of sessions.
 *
 * <p>
 * The batches stay in the event loop's own queue rather than on a timer thread of their
 * own: an event loop whose queue is nearly always empty is compiled for that, and the
 * timers that still come (read and write timeouts) then cost a recompilation of the loop
 * itself (tried and measured in docs/benchmarks.md, point 22).
 *
 * <p>
 * Confined to its event loop's thread, like {@link EventLoopTurn}.
 */
final class CronTicks {

	/** Ticks fall on this grid (or a tenth of the period, if shorter). */
	static final long GRID_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final Logger logger = LoggerFactory.getLogger(CronTicks.class);

	private static final FastThreadLocal<CronTicks> TICKS = new FastThreadLocal<>();

	private static final int INITIAL_ENTRIES = 4;

	private final EventLoop eventLoop;

	private final Map<Slot, Batch> batches = new HashMap<>();

	private CronTicks(EventLoop eventLoop) {
		this.eventLoop = eventLoop;
	}

	/**
	 * Return the cron ticks of the given event loop; call it on that loop's thread only.
	 * @param eventLoop the event loop whose thread calls
	 * @return its cron ticks
	 */
	static CronTicks of(EventLoop eventLoop) {
		if (!eventLoop.inEventLoop()) {
			throw new IllegalStateException("The cron ticks of " + eventLoop + " are confined to its thread, not "
					+ Thread.currentThread().getName());
		}
		CronTicks ticks = TICKS.getIfExists();
		if (ticks == null || ticks.eventLoop != eventLoop) {
			// A thread that runs another event loop than before (Netty lets a loop with no
			// channels move to another thread) starts afresh; the old loop's batches keep
			// ticking, they only stop being shared with new sessions.
			ticks = new CronTicks(eventLoop);
			TICKS.set(ticks);
		}
		return ticks;
	}

	/**
	 * Return the delay of a first tick: one period, rounded up so that the tick falls on a
	 * grid that all sessions share. Ten thousand idle sessions opened over a second would
	 * otherwise need ten thousand wake-ups a second, each a system call; on the grid they
	 * share at most one per 10 ms (docs/benchmarks.md, idle sessions).
	 * @param now the clock, in {@link System#nanoTime()} terms
	 * @param period the period
	 * @return the delay, at least one period and less than one period plus the grid
	 */
	static long firstDelay(long now, long period) {
		long grid = Math.max(1, Math.min(GRID_NANOS, period / 10));
		return period + Math.floorMod(-(now + period), grid);
	}

	/**
	 * Start ticking every period, from one period from now (see {@link #firstDelay}).
	 * @param periodNanos the period
	 * @param tick what to run at each tick, on the event loop; it should not throw
	 * @return the entry, to {@link Entry#cancel() cancel} on the event loop
	 */
	Entry add(long periodNanos, Runnable tick) {
		return add(periodNanos, tick, System.nanoTime());
	}

	/**
	 * Start ticking as if the clock read {@code now}.
	 * @param periodNanos the period
	 * @param tick what to run at each tick
	 * @param now the clock, in {@link System#nanoTime()} terms
	 * @return the entry
	 */
	Entry add(long periodNanos, Runnable tick, long now) {
		if (periodNanos <= 0) {
			throw new IllegalArgumentException("A cron period must be positive, not " + periodNanos + " ns");
		}
		long first = now + firstDelay(now, periodNanos);
		Slot slot = new Slot(periodNanos, Math.floorMod(first, periodNanos));
		Batch batch = this.batches.get(slot);
		if (batch == null || batch.stopped()) {
			// A batch whose timer Netty cancelled (its event loop is shutting down) is
			// replaced, so that a session opened meanwhile does not join a batch that never
			// runs; if the loop no longer takes timers, scheduling throws and nothing is kept.
			batch = new Batch(this, slot, first);
			batch.start(Math.max(0, first - System.nanoTime()));
			this.batches.put(slot, batch);
		}
		Entry entry = new Entry(tick, first);
		batch.add(entry);
		return entry;
	}

	/**
	 * Return how many batches tick; for tests.
	 * @return the batches
	 */
	int batches() {
		return this.batches.size();
	}

	private void removed(Batch batch) {
		this.batches.remove(batch.slot, batch);
	}

	/** Sessions share a batch when their ticks have the same period and phase. */
	private record Slot(long period, long phase) {
	}

	/**
	 * One session's ticks.
	 */
	static final class Entry {

		private final Runnable tick;

		/** The first tick's time: earlier ticks of a batch joined later skip this entry. */
		private final long start;

		private @Nullable Batch batch;

		/** Where this entry is in its batch. */
		private int index;

		Entry(Runnable tick, long start) {
			this.tick = tick;
			this.start = start;
		}

		/**
		 * Stop ticking; call it on the event loop. Cancelling twice does nothing.
		 */
		void cancel() {
			Batch current = this.batch;
			if (current != null) {
				current.remove(this);
			}
		}

		/**
		 * Return whether the entry still ticks.
		 * @return {@code false} once cancelled
		 */
		boolean active() {
			return this.batch != null;
		}

		/**
		 * Return the entry's batch; for tests.
		 * @return the batch, or {@code null} once cancelled
		 */
		@Nullable Batch batch() {
			return this.batch;
		}

	}

	/**
	 * The entries that tick together: a periodic task on the event loop whose run ticks
	 * each entry. After the event loop was held up for more than a period, Netty runs the
	 * task once for every period missed, one run per turn of the loop. The first of those
	 * runs ticks, for the latest slot the clock has passed, and the runs for the slots it
	 * covered do nothing, as a Go ticker drops the ticks its reader missed: a stalled I/O
	 * thread does not catch up with a burst of {@code onCron} calls per session. A loop
	 * whose turns take longer than a period, and so never catches up, still ticks about
	 * once a period.
	 */
	static final class Batch implements Runnable {

		private final CronTicks owner;

		private final Slot slot;

		/** The slot of the next run: one period more at each run, as Netty's own deadline. */
		private long due;

		/** The latest slot that has been ticked. */
		private long ticked;

		private @Nullable Entry[] entries = new Entry[INITIAL_ENTRIES];

		private int size;

		/** Entries cancelled while the batch runs: their slots are emptied, then compacted. */
		private int holes;

		private boolean running;

		/** Written on the event loop; volatile for {@link #stopped()}, which tests also call from theirs. */
		private volatile @Nullable ScheduledFuture<?> timer;

		Batch(CronTicks owner, Slot slot, long due) {
			this.owner = owner;
			this.slot = slot;
			this.due = due;
			this.ticked = due - slot.period();
		}

		void start(long delayNanos) {
			this.timer = this.owner.eventLoop.scheduleAtFixedRate(this, delayNanos, this.slot.period(),
					TimeUnit.NANOSECONDS);
		}

		/**
		 * Return whether the timer has stopped: the batch emptied, or Netty cancelled it
		 * because its event loop is shutting down.
		 * @return whether it was cancelled or stopped itself
		 */
		boolean stopped() {
			ScheduledFuture<?> current = this.timer;
			return current != null && current.isDone();
		}

		@Override
		public void run() {
			long period = this.slot.period();
			long slotTime = this.due;
			this.due += period;
			long late = System.nanoTime() - slotTime;
			// The latest slot the clock has passed: this run's own, unless the loop is behind.
			long latest = (late < period) ? slotTime : slotTime + late / period * period;
			if (latest - this.ticked <= 0) {
				// An earlier run that came late ticked for this slot already.
				return;
			}
			this.ticked = latest;
			int count = this.size;
			this.running = true;
			try {
				for (int i = 0; i < count; i++) {
					Entry entry = this.entries[i];
					if (entry != null && entry.start - latest <= 0) {
						tick(entry);
					}
				}
			}
			finally {
				this.running = false;
				if (this.holes > 0) {
					compact();
				}
				if (this.size == 0) {
					stop();
				}
			}
		}

		private static void tick(Entry entry) {
			try {
				entry.tick.run();
			}
			catch (Throwable ex) {
				// A tick handles its listener's failures itself; whatever escapes it must
				// not cost the other sessions of the batch their ticks.
				logger.warn("A cron tick threw; the other sessions still tick", ex);
			}
		}

		void add(Entry entry) {
			if (this.size == this.entries.length) {
				this.entries = Arrays.copyOf(this.entries, this.size * 2);
			}
			entry.batch = this;
			entry.index = this.size;
			this.entries[this.size++] = entry;
		}

		void remove(Entry entry) {
			entry.batch = null;
			int index = entry.index;
			if (this.running) {
				// The run's loop goes by index: moving an entry now could tick it twice or
				// skip it.
				this.entries[index] = null;
				this.holes++;
				return;
			}
			Entry last = this.entries[--this.size];
			this.entries[this.size] = null;
			if (last != entry) {
				this.entries[index] = last;
				last.index = index;
			}
			if (this.size == 0) {
				stop();
			}
		}

		private void compact() {
			int kept = 0;
			for (int i = 0; i < this.size; i++) {
				Entry entry = this.entries[i];
				if (entry != null) {
					entry.index = kept;
					this.entries[kept++] = entry;
				}
			}
			Arrays.fill(this.entries, kept, this.size, null);
			this.size = kept;
			this.holes = 0;
		}

		private void stop() {
			ScheduledFuture<?> current = this.timer;
			if (current != null) {
				current.cancel(false);
			}
			this.owner.removed(this);
		}

	}

}
