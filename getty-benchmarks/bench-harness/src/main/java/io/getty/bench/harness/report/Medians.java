package io.getty.bench.harness.report;

import java.util.List;

import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.server.ServerSpec;

/**
 * The medians of one server's passed runs of a cell: with repeated runs on a shared
 * machine, one disturbed run must not decide a headline.
 *
 * @param runs how many runs passed
 * @param perSecond the median throughput
 * @param minPerSecond the lowest throughput
 * @param maxPerSecond the highest throughput
 * @param p50Micros the median of the runs' p50 latencies
 * @param p99Micros the median of the runs' p99 latencies
 * @param cpuSecondsPerMillion the median of the server's CPU seconds per million
 * messages
 * @param userCpuSecondsPerMillion the median of the user part of it
 * @author getty team
 * @since 0.1.0
 */
public record Medians(int runs, double perSecond, double minPerSecond, double maxPerSecond, double p50Micros,
		double p99Micros, double cpuSecondsPerMillion, double userCpuSecondsPerMillion) {

	/**
	 * Return the medians of a server's passed runs.
	 * @param results runs of one cell, of any servers
	 * @param server the server
	 * @return the medians; {@code runs} 0 and NaN values if none passed
	 */
	public static Medians of(List<CellResult> results, ServerSpec server) {
		List<CellResult> runs = results.stream()
			.filter((result) -> result.passed() && result.server().id().equals(server.id()))
			.toList();
		if (runs.isEmpty()) {
			return new Medians(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double[] rates = runs.stream().mapToDouble(CellResult::perSecond).sorted().toArray();
		return new Medians(runs.size(), median(rates), rates[0], rates[rates.length - 1],
				median(runs.stream().mapToDouble((run) -> run.load().latencyMicros(50)).sorted().toArray()),
				median(runs.stream().mapToDouble((run) -> run.load().latencyMicros(99)).sorted().toArray()),
				median(runs.stream().mapToDouble(CellResult::cpuSecondsPerMillion).sorted().toArray()),
				median(runs.stream().mapToDouble(CellResult::userCpuSecondsPerMillion).sorted().toArray()));
	}

	static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
