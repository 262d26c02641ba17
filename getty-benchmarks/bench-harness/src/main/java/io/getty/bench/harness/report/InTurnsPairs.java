package io.getty.bench.harness.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.getty.bench.harness.scenario.CellResult;

/**
 * Sums up pairs of results measured in turns in one window, a server and the one it is
 * compared with: the median throughput and CPU of each side, and the median, lowest and
 * highest of the runs' ratios of their throughputs. The ratio is taken within each run,
 * where both met the same speed of the machine.
 *
 * @author getty team
 * @since 0.1.0
 */
final class InTurnsPairs {

	private InTurnsPairs() {
	}

	/**
	 * Sum up the pairs.
	 * @param <T> what the summary is made into
	 * @param pairs the pairs, each the server's result and then the other's
	 * @param cpu which CPU measure to take the medians of
	 * @param summary makes the summary; with no pairs it gets 0 runs and NaN for the rest
	 * @return the summary
	 */
	static <T> T summarize(List<CellResult[]> pairs, ToDoubleFunction<CellResult> cpu, Summary<T> summary) {
		if (pairs.isEmpty()) {
			return summary.of(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double[] ratios = pairs.stream()
			.mapToDouble((pair) -> pair[0].perSecond() / pair[1].perSecond())
			.sorted()
			.toArray();
		return summary.of(pairs.size(), ofSide(pairs, 0, CellResult::perSecond),
				ofSide(pairs, 1, CellResult::perSecond), Medians.median(ratios), ratios[0], ratios[ratios.length - 1],
				ofSide(pairs, 0, cpu), ofSide(pairs, 1, cpu));
	}

	private static double ofSide(List<CellResult[]> pairs, int side, ToDoubleFunction<CellResult> value) {
		return Medians.median(pairs.stream().mapToDouble((pair) -> value.applyAsDouble(pair[side])).sorted().toArray());
	}

	/**
	 * Makes the summary of pairs of results.
	 *
	 * @param <T> what it makes
	 */
	@FunctionalInterface
	interface Summary<T> {

		/**
		 * Make the summary.
		 * @param runs how many pairs
		 * @param firstPerSecond the server's median throughput
		 * @param secondPerSecond the other's median throughput
		 * @param medianRatio the median of the pairs' throughput ratios, the server's to the
		 * other's
		 * @param minRatio the lowest of them
		 * @param maxRatio the highest of them
		 * @param firstCpu the server's median CPU measure
		 * @param secondCpu the other's median CPU measure
		 * @return the summary
		 */
		T of(int runs, double firstPerSecond, double secondPerSecond, double medianRatio, double minRatio,
				double maxRatio, double firstCpu, double secondCpu);

	}

}
