package io.getty.bench.harness.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.getty.bench.harness.RunResults;
import io.getty.bench.harness.scenario.CellResult;

/**
 * Writes the full latency distribution of every passed cell as an HdrHistogram
 * percentile file ({@code .hgrm}, microseconds), next to the logs of the run.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class HistogramFiles {

	private HistogramFiles() {
	}

	/**
	 * Write the files.
	 * @param directory where to write them
	 * @param results the results
	 * @throws IOException if a file cannot be written
	 */
	public static void write(Path directory, RunResults results) throws IOException {
		Files.createDirectories(directory);
		for (var entry : results.throughput().entrySet()) {
			write(directory, entry.getKey().id(), entry.getValue());
		}
		write(directory, "fixed-rate", results.latency());
		write(directory, "churn", results.churn());
	}

	private static void write(Path directory, String prefix, List<CellResult> cells) throws IOException {
		for (CellResult cell : cells) {
			if (cell.passed()) {
				Path file = directory.resolve(prefix + "-" + cell.server().id() + ".hgrm");
				try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
					cell.load().histogram().outputPercentileDistribution(out, 1000.0);
				}
			}
		}
	}

}
