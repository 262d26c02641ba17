package io.getty.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
 * same slot of the grid share a {@link Batch}: one timer and one task on the event loop
 * per tick of all of them, instead of a scheduled task each.
 *
 * <p>
 * The batches' timers run on one daemon thread for the whole JVM, {@code getty-cron},
 * which only hands each due batch to its event loop. The event loops' own scheduled-task
 * queues are left alone, and so stay empty unless something else schedules on them: an
 * event loop whose queue is not empty reads the clock at every turn to look for due
 * tasks, at every read of a busy server (docs/benchmarks.md), and keeping a task per
 * session in it costs a queue update per tick that grows with the number of sessions.
 *
 * <p>
 * Confined to its event loop's thread, like {@link EventLoopTurn}; the timer thread only
 * queues batches on the event loop.
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
			// Once per thread: a thread runs one event loop for its whole life.
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
		if (batch == null) {
			batch = new Batch(this, slot, first);
			this.batches.put(slot, batch);
			batch.start(Math.max(0, first - System.nanoTime()));
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
	 * The entries that tick together: a timer on the {@code getty-cron} thread queues the
	 * batch on its event loop every period, and the batch's run ticks each entry.
	 */
	static final class Batch implements Runnable {

		private final CronTicks owner;

		private final Slot slot;

		/** When the next run is due; runs come in the order the timer queues them. */
		private long due;

		private @Nullable Entry[] entries = new Entry[INITIAL_ENTRIES];

		private int size;

		/** Entries cancelled while the batch runs: their slots are emptied, then compacted. */
		private int holes;

		private boolean running;

		/** Written on the event loop; volatile for {@link #stopped()}, which tests call from theirs. */
		private volatile @Nullable ScheduledFuture<?> timer;

		Batch(CronTicks owner, Slot slot, long due) {
			this.owner = owner;
			this.slot = slot;
			this.due = due;
		}

		void start(long delayNanos) {
			this.timer = Timer.EXECUTOR.scheduleAtFixedRate(this::queue, delayNanos, this.slot.period(),
					TimeUnit.NANOSECONDS);
		}

		/** On the timer's thread: hand the batch to its event loop. */
		private void queue() {
			EventLoop eventLoop = this.owner.eventLoop;
			if (eventLoop.isShuttingDown()) {
				// Its sessions are closing with it. Throwing is how a periodic task of an
				// executor stops itself; the timer's future keeps the exception.
				throw new RejectedExecutionException(eventLoop + " is shutting down");
			}
			eventLoop.execute(this);
		}

		/**
		 * Return whether the timer has stopped; for tests.
		 * @return whether it was cancelled or stopped itself
		 */
		boolean stopped() {
			ScheduledFuture<?> current = this.timer;
			return current != null && current.isDone();
		}

		@Override
		public void run() {
			long now = this.due;
			this.due += this.slot.period();
			int count = this.size;
			this.running = true;
			try {
				for (int i = 0; i < count; i++) {
					Entry entry = this.entries[i];
					if (entry != null && entry.start <= now) {
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

	/** The timer thread, started with the first batch. */
	private static final class Timer {

		static final ScheduledThreadPoolExecutor EXECUTOR = create();

		private static ScheduledThreadPoolExecutor create() {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, "getty-cron");
				thread.setDaemon(true);
				// Not the loader of whichever application thread happened to start it, which
				// the thread would otherwise keep alive for as long as the JVM runs.
				thread.setContextClassLoader(CronTicks.class.getClassLoader());
				return thread;
			});
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

}
