package io.getty.bench.harness.report;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * How far the ratio of two servers' pooled percentiles could have come out by chance, given
 * how much the runs in turns differed from each other: a 95 % percentile bootstrap over the
 * runs. The runs are drawn again with replacement, as many as there were, the latencies of
 * the drawn runs pooled again for each server, and the ratio taken again; this
 * {@value #RESAMPLES} times, keeping the middle 95 % of those ratios.
 *
 * <p>
 * A run is drawn as a pair, getty's latencies with raw Netty's of the same run, because the
 * two met the same stalls of the machine: what varies from run to run is mostly how many
 * stalls a run met, and that moves both servers' p99 together. On a quiet machine the
 * interval is narrow and says whether the goal is met; when a few runs with long stalls
 * decide the pooled p99, it is wide and says that the runs can not tell. The draws are
 * seeded, so the same results give the same interval.
 *
 * @param low the ratio below which 2.5 % of the resampled ratios fell
 * @param high the ratio above which 2.5 % of them fell
 * @author getty team
 * @since 0.1.0
 */
record BootstrapInterval(double low, double high) {

	/** How many times the runs are drawn again. */
	static final int RESAMPLES = 2_000;

	/** Fixed, so that the same results give the same interval. */
	private static final long SEED = 1;

	/**
	 * Return the interval of the ratio of the pooled p99s, first to second.
	 * @param first the first server's latencies, one histogram per run
	 * @param second the second server's latencies in the same runs, in the same order
	 * @return the interval; both bounds NaN without runs
	 */
	static BootstrapInterval ofP99Ratio(List<Histogram> first, List<Histogram> second) {
		return ofRatio(first, second, 99, RESAMPLES, SEED);
	}

	/**
	 * Return the interval of the ratio of the pooled values at a percentile, first to
	 * second.
	 * @param first the first server's latencies, one histogram per run
	 * @param second the second server's latencies in the same runs, in the same order
	 * @param percentile for example 99
	 * @param resamples how many times to draw the runs again
	 * @param seed the draws' seed
	 * @return the interval; both bounds NaN without runs or latencies
	 */
	static BootstrapInterval ofRatio(List<Histogram> first, List<Histogram> second, double percentile, int resamples,
			long seed) {
		if (first.size() != second.size()) {
			throw new IllegalArgumentException(
					"Runs in turns come in pairs, but got " + first.size() + " and " + second.size() + " histograms");
		}
		int runs = first.size();
		// Every histogram's counts on one grid of the values recorded in any of them, so that
		// pooling a draw is adding arrays rather than histograms.
		long[] grid = grid(first, second);
		if (runs == 0 || grid.length == 0) {
			return new BootstrapInterval(Double.NaN, Double.NaN);
		}
		long[][] firstCounts = counts(first, grid);
		long[][] secondCounts = counts(second, grid);
		SplittableRandom random = new SplittableRandom(seed);
		int[] draws = new int[runs];
		long[] firstPooled = new long[grid.length];
		long[] secondPooled = new long[grid.length];
		double[] ratios = new double[resamples];
		for (int resample = 0; resample < resamples; resample++) {
			Arrays.fill(draws, 0);
			for (int i = 0; i < runs; i++) {
				draws[random.nextInt(runs)]++;
			}
			pool(firstCounts, draws, firstPooled);
			pool(secondCounts, draws, secondPooled);
			ratios[resample] = (double) valueAtPercentile(grid, firstPooled, percentile)
					/ valueAtPercentile(grid, secondPooled, percentile);
		}
		Arrays.sort(ratios);
		return new BootstrapInterval(ratios[(int) Math.floor(0.025 * resamples)],
				ratios[(int) Math.ceil(0.975 * resamples) - 1]);
	}

	/**
	 * Return whether the whole interval is at or below a bound: the goal is met even allowing
	 * for chance.
	 * @param bound for example 1.1
	 * @return whether the high end is at most the bound
	 */
	boolean atMost(double bound) {
		return this.high <= bound;
	}

	/**
	 * Return whether the whole interval is above a bound: the goal is missed even allowing
	 * for chance.
	 * @param bound for example 1.1
	 * @return whether the low end is above the bound
	 */
	boolean above(double bound) {
		return this.low > bound;
	}

	@Override
	public String toString() {
		return String.format("%.2f×–%.2f×", this.low, this.high);
	}

	private static long[] grid(List<Histogram> first, List<Histogram> second) {
		TreeSet<Long> values = new TreeSet<>();
		for (List<Histogram> server : List.of(first, second)) {
			for (Histogram histogram : server) {
				for (HistogramIterationValue value : histogram.recordedValues()) {
					values.add(value.getValueIteratedTo());
				}
			}
		}
		return values.stream().mapToLong(Long::longValue).toArray();
	}

	private static long[][] counts(List<Histogram> histograms, long[] grid) {
		long[][] counts = new long[histograms.size()][grid.length];
		for (int run = 0; run < histograms.size(); run++) {
			for (HistogramIterationValue value : histograms.get(run).recordedValues()) {
				counts[run][Arrays.binarySearch(grid, value.getValueIteratedTo())] += value.getCountAtValueIteratedTo();
			}
		}
		return counts;
	}

	private static void pool(long[][] counts, int[] draws, long[] pooled) {
		Arrays.fill(pooled, 0);
		for (int run = 0; run < draws.length; run++) {
			int times = draws[run];
			if (times == 0) {
				continue;
			}
			long[] runCounts = counts[run];
			for (int i = 0; i < pooled.length; i++) {
				pooled[i] += times * runCounts[i];
			}
		}
	}

	/**
	 * The value at a percentile, as {@link Histogram#getValueAtPercentile(double)} finds it:
	 * the first value whose cumulative count reaches the percentile's share of the total.
	 */
	private static long valueAtPercentile(long[] grid, long[] counts, double percentile) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		double share = Math.min(Math.max(Math.nextDown(percentile), 0.0), 100.0) / 100.0;
		long countAtPercentile = Math.max(1, (long) Math.ceil(share * total));
		long cumulative = 0;
		for (int i = 0; i < grid.length; i++) {
			cumulative += counts[i];
			if (cumulative >= countAtPercentile) {
				return grid[i];
			}
		}
		return grid[grid.length - 1];
	}

}
