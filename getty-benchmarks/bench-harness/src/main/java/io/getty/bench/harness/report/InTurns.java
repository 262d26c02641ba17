package io.getty.bench.harness.report;

import java.util.List;

import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.server.ServerSpec;
import org.HdrHistogram.Histogram;

/**
 * One getty server's fixed-rate runs in turns with raw Netty. The two servers were
 * measured in the same windows and met the same stalls of the machine, so their latencies
 * pooled over all runs compare the servers rather than the minutes they ran in. For the
 * control, raw Netty's runs in turns with a second JVM of itself, "getty" is the
 * results of the JVM in getty's place, the one started first in every other run.
 *
 * @param getty the getty server
 * @param netty raw Netty on its transport
 * @param runs how many runs passed
 * @param gettyLatencies getty's latencies of every passed run, in nanoseconds
 * @param nettyLatencies raw Netty's latencies of the same runs
 * @param medianRunRatio the median of the runs' own p99 ratios, getty to raw Netty
 * @param minRunRatio the lowest of them
 * @param maxRunRatio the highest of them
 * @param p99Interval how far the ratio of the pooled p99s could have come out by chance
 * (see {@link BootstrapInterval})
 * @author getty team
 * @since 0.1.0
 */
record InTurns(ServerSpec getty, ServerSpec netty, int runs, Histogram gettyLatencies, Histogram nettyLatencies,
		double medianRunRatio, double minRunRatio, double maxRunRatio, BootstrapInterval p99Interval) {

	/**
	 * Whether a run in turns is the control: raw Netty in turns with a second JVM of
	 * itself, whose ratio shows how far apart two identical servers come out.
	 * @param run the run: the first server's result, then the other's
	 * @return whether both are the same server
	 */
	static boolean isControl(List<CellResult> run) {
		return run.get(0).server().equals(run.get(1).server());
	}

	/**
	 * Return whether these are the control's runs (see {@link #isControl(List)}).
	 * @return whether the "getty" server is raw Netty itself
	 */
	boolean isControl() {
		return this.getty.equals(this.netty);
	}

	/** A reply this late means its server, its CPU or the load generator stalled. */
	static final long SLOW_NANOS = 1_000_000;

	/**
	 * Summarize the runs of one getty server.
	 * @param runs every run in turns: getty's result, then raw Netty's
	 * @param getty the getty server
	 * @return the summary; {@code runs()} is 0 if none passed
	 */
	static InTurns of(List<List<CellResult>> runs, ServerSpec getty) {
		List<List<CellResult>> mine = runs.stream().filter((run) -> run.get(0).server().id().equals(getty.id())).toList();
		ServerSpec netty = mine.isEmpty() ? getty : mine.get(0).get(1).server();
		List<List<CellResult>> passed = mine.stream().filter((run) -> run.get(0).passed() && run.get(1).passed()).toList();
		List<Histogram> gettyRuns = latencies(passed, 0);
		List<Histogram> nettyRuns = latencies(passed, 1);
		Histogram gettyLatencies = pooled(gettyRuns);
		Histogram nettyLatencies = pooled(nettyRuns);
		BootstrapInterval p99Interval = BootstrapInterval.ofP99Ratio(gettyRuns, nettyRuns);
		if (passed.isEmpty()) {
			return new InTurns(getty, netty, 0, gettyLatencies, nettyLatencies, Double.NaN, Double.NaN, Double.NaN,
					p99Interval);
		}
		double[] ratios = passed.stream()
			.mapToDouble((run) -> run.get(0).load().latencyMicros(99) / run.get(1).load().latencyMicros(99))
			.sorted()
			.toArray();
		return new InTurns(getty, netty, passed.size(), gettyLatencies, nettyLatencies, Medians.median(ratios),
				ratios[0], ratios[ratios.length - 1], p99Interval);
	}

	private static List<Histogram> latencies(List<List<CellResult>> runs, int index) {
		return runs.stream().map((run) -> run.get(index).load().histogram()).toList();
	}

	static Histogram pooled(List<Histogram> runs) {
		Histogram pooled = null;
		for (Histogram histogram : runs) {
			if (pooled == null) {
				pooled = new Histogram(histogram.getLowestDiscernibleValue(), histogram.getHighestTrackableValue(),
						histogram.getNumberOfSignificantValueDigits());
			}
			pooled.add(histogram);
		}
		return (pooled != null) ? pooled : new Histogram(3);
	}

	/**
	 * Return getty's pooled latency at a percentile.
	 * @param percentile for example 99
	 * @return microseconds
	 */
	double gettyMicros(double percentile) {
		return this.gettyLatencies.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * Return raw Netty's pooled latency at a percentile.
	 * @param percentile for example 99
	 * @return microseconds
	 */
	double nettyMicros(double percentile) {
		return this.nettyLatencies.getValueAtPercentile(percentile) / 1000.0;
	}

	/**
	 * Return the ratio of the pooled p99s, getty to raw Netty: the headline.
	 * @return the ratio
	 */
	double p99Ratio() {
		return gettyMicros(99) / nettyMicros(99);
	}

	/**
	 * Return the share of getty's replies that took {@link #SLOW_NANOS} or more.
	 * @return a percentage
	 */
	double gettySlowPercent() {
		return slowPercent(this.gettyLatencies);
	}

	/**
	 * Return the share of raw Netty's replies that took {@link #SLOW_NANOS} or more.
	 * @return a percentage
	 */
	double nettySlowPercent() {
		return slowPercent(this.nettyLatencies);
	}

	static double slowPercent(Histogram histogram) {
		long total = histogram.getTotalCount();
		return (total == 0) ? Double.NaN
				: 100.0 * histogram.getCountBetweenValues(SLOW_NANOS, histogram.getMaxValue()) / total;
	}

}
