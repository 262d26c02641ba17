package io.getty.bench.harness.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Latency over time in one measurement window: for every millisecond of intended send
 * times, how many replies arrived, their mean and their largest latency. A percentile
 * says how many replies were slow; the timeline says when, which tells a stall that hits
 * every connection at once (a GC pause, a timer, a descheduled thread) from slowness
 * spread evenly over the run.
 *
 * <p>
 * Only the load generator's event loop writes it; {@link #copy()} hands a snapshot to the
 * orchestrating thread.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class LatencyTimeline {

	private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final long origin;

	private final int[] replies;

	private final long[] sumNanos;

	private final long[] maxNanos;

	/**
	 * Create an empty timeline.
	 * @param origin the window's start ({@link System#nanoTime()})
	 * @param length the window's length
	 */
	LatencyTimeline(long origin, Duration length) {
		this(origin, (int) Math.min(Integer.MAX_VALUE - 8, length.toNanos() / BUCKET_NANOS + 1));
	}

	private LatencyTimeline(long origin, int buckets) {
		this.origin = origin;
		this.replies = new int[buckets];
		this.sumNanos = new long[buckets];
		this.maxNanos = new long[buckets];
	}

	/**
	 * Return a timeline with no buckets, for results that have none.
	 * @return the timeline
	 */
	public static LatencyTimeline none() {
		return new LatencyTimeline(0, 0);
	}

	/**
	 * Record one reply; replies to messages meant to be sent outside the window are
	 * ignored.
	 * @param stamp the message's intended send time
	 * @param latencyNanos its latency
	 */
	void record(long stamp, long latencyNanos) {
		long offset = stamp - this.origin;
		if (offset < 0) {
			return;
		}
		long bucket = offset / BUCKET_NANOS;
		if (bucket >= this.replies.length) {
			return;
		}
		int index = (int) bucket;
		this.replies[index]++;
		this.sumNanos[index] += latencyNanos;
		if (latencyNanos > this.maxNanos[index]) {
			this.maxNanos[index] = latencyNanos;
		}
	}

	LatencyTimeline copy() {
		LatencyTimeline copy = new LatencyTimeline(this.origin, this.replies.length);
		System.arraycopy(this.replies, 0, copy.replies, 0, this.replies.length);
		System.arraycopy(this.sumNanos, 0, copy.sumNanos, 0, this.sumNanos.length);
		System.arraycopy(this.maxNanos, 0, copy.maxNanos, 0, this.maxNanos.length);
		return copy;
	}

	/**
	 * Write the timeline as CSV: millisecond of the window, replies, mean and largest
	 * latency in microseconds; milliseconds without replies are left out.
	 * @param out where to write
	 */
	public void writeCsv(PrintStream out) {
		out.println("ms,replies,mean_us,max_us");
		for (int i = 0; i < this.replies.length; i++) {
			int count = this.replies[i];
			if (count > 0) {
				out.printf(java.util.Locale.ROOT, "%d,%d,%.1f,%.1f%n", i, count, this.sumNanos[i] / 1000.0 / count,
						this.maxNanos[i] / 1000.0);
			}
		}
	}

}
