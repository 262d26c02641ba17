package io.getty.bench.harness.load;

import org.HdrHistogram.Histogram;

/**
 * What the client measured in the window of one run.
 *
 * @param spec the load
 * @param messages replies verified in the window
 * @param seconds the window's length
 * @param histogram latencies of those replies, in nanoseconds
 * @param timeline the same latencies by millisecond of the window
 * @author getty team
 * @since 0.1.0
 */
public record LoadResult(LoadSpec spec, long messages, double seconds, Histogram histogram,
		LatencyTimeline timeline) {

	/**
	 * Create a result without a timeline.
	 * @param spec the load
	 * @param messages replies verified in the window
	 * @param seconds the window's length
	 * @param histogram latencies of those replies, in nanoseconds
	 */
	public LoadResult(LoadSpec spec, long messages, double seconds, Histogram histogram) {
		this(spec, messages, seconds, histogram, LatencyTimeline.none());
	}

	/**
	 * Return the throughput.
	 * @return messages per second
	 */
	public double messagesPerSecond() {
		return this.messages / this.seconds;
	}

	/**
	 * Return a latency percentile.
	 * @param percentile for example 99.9
	 * @return the latency in microseconds
	 */
	public double latencyMicros(double percentile) {
		return this.histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * Return the largest latency.
	 * @return the latency in microseconds
	 */
	public double maxLatencyMicros() {
		return this.histogram.getMaxValue() / 1000.0;
	}

}
