package io.getty.bench.harness.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Counters and the latency histogram of one run. Only the load generator's event loop
 * touches them, so they need no locks; the orchestrating thread reads them through tasks
 * on that loop.
 *
 * @author getty team
 * @since 0.1.0
 */
final class LoadStats {

	/** Highest latency the histogram tracks: 60 s, in nanoseconds. */
	static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final Histogram histogram = new Histogram(1, HIGHEST_NANOS, 3);

	private LatencyTimeline timeline = LatencyTimeline.none();

	private long replies;

	private long sent;

	private long outstanding;

	void sent() {
		this.sent++;
		this.outstanding++;
	}

	void replied(long stamp, long now) {
		long latencyNanos = now - stamp;
		this.replies++;
		this.outstanding--;
		this.histogram.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, latencyNanos)));
		this.timeline.record(stamp, latencyNanos);
	}

	long replies() {
		return this.replies;
	}

	long outstanding() {
		return this.outstanding;
	}

	/**
	 * Forget the latencies so far, at the start of the measurement window.
	 * @param now the window's start
	 * @param length the window's length
	 */
	void startWindow(long now, Duration length) {
		this.histogram.reset();
		this.timeline = new LatencyTimeline(now, length);
	}

	Histogram copyHistogram() {
		return this.histogram.copy();
	}

	LatencyTimeline copyTimeline() {
		return this.timeline.copy();
	}

}
