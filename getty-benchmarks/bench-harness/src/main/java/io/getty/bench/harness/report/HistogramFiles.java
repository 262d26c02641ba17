package io.getty.bench.harness.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.getty.bench.harness.RunResults;
import io.getty.bench.harness.scenario.CellResult;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes the full latency distribution of every passed cell as an HdrHistogram
 * percentile file ({@code .hgrm}, microseconds), next to the logs of the run, and for
 * every fixed-rate run its latency timeline ({@code .timeline.csv}, see
 * {@link io.getty.bench.harness.load.LatencyTimeline}). The runs in turns also keep their
 * histograms whole, as an HdrHistogram log ({@code .hlog}, nanoseconds, read back with
 * {@code HistogramLogReader}), so that the runs of several batches can be pooled exactly
 * later; a percentile file has lost the counts between its steps.
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
			write(directory, entry.getKey().id(), entry.getValue(), false);
		}
		write(directory, "fixed-rate", results.latency(), true);
		int run = 1;
		for (List<CellResult> pair : results.inTurns()) {
			boolean control = InTurns.isControl(pair);
			for (int i = 0; i < pair.size(); i++) {
				CellResult result = pair.get(i);
				if (result.passed()) {
					// The control's two JVMs are one server: number them by column, 1 for the
					// "getty" columns (its logs are numbered by which JVM started first).
					String name = "in-turns-" + run + "-" + result.server().id() + (control ? "-" + (i + 1) : "");
					writeHistogram(directory.resolve(name + ".hgrm"), result);
					writeHistogramLog(directory.resolve(name + ".hlog"), result);
					writeTimeline(directory.resolve(name + ".timeline.csv"), result);
				}
			}
			run++;
		}
		write(directory, "churn", results.churn(), false);
	}

	private static void write(Path directory, String prefix, List<CellResult> cells, boolean timelines)
			throws IOException {
		for (CellResult cell : cells) {
			if (cell.passed()) {
				writeHistogram(directory.resolve(prefix + "-" + cell.server().id() + ".hgrm"), cell);
				if (timelines) {
					writeTimeline(directory.resolve(prefix + "-" + cell.server().id() + ".timeline.csv"), cell);
				}
			}
		}
	}

	private static void writeHistogram(Path file, CellResult result) throws IOException {
		try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
			result.load().histogram().outputPercentileDistribution(out, 1000.0);
		}
	}

	private static void writeHistogramLog(Path file, CellResult result) throws IOException {
		try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
			HistogramLogWriter log = new HistogramLogWriter(out);
			log.outputLogFormatVersion();
			log.outputLegend();
			log.outputIntervalHistogram(result.load().histogram());
		}
	}

	private static void writeTimeline(Path file, CellResult result) throws IOException {
		try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
			result.load().timeline().writeCsv(out);
		}
	}

}
