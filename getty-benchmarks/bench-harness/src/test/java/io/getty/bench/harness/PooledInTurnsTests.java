package io.getty.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.getty.bench.harness.report.HistogramFiles;
import io.getty.bench.harness.report.PooledInTurns;
import io.getty.bench.harness.server.ServerCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.getty.bench.harness.InTurnsResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PooledInTurns}: the runs in turns of several batches pooled from the
 * histogram logs they wrote.
 */
class PooledInTurnsTests {

	@TempDir
	Path directory;

	@Test
	void runsOfSeveralBatchesArePooledAsOneBatchOfAllOfThemWouldBe() throws Exception {
		RunResults first = new RunResults();
		first.addInTurns(List.of(result(ServerCatalog.GETTY_NIO, 210), result(ServerCatalog.NETTY_NIO, 200)));
		first.addInTurns(List.of(result(ServerCatalog.NETTY_NIO, 300), result(ServerCatalog.NETTY_NIO, 200)));
		RunResults second = new RunResults();
		second.addInTurns(List.of(result(ServerCatalog.GETTY_NIO, 900), result(ServerCatalog.NETTY_NIO, 1_000)));
		second.addInTurns(List.of(result(ServerCatalog.GETTY_NIO, 130), result(ServerCatalog.NETTY_NIO, 100)));
		second.addInTurns(List.of(result(ServerCatalog.NETTY_NIO, 120), result(ServerCatalog.NETTY_NIO, 100)));
		second.addInTurns(List.of(result(ServerCatalog.NETTY_NIO, 100), result(ServerCatalog.NETTY_NIO, 200)));
		Path firstBatch = this.directory.resolve("first");
		Path secondBatch = this.directory.resolve("second");
		HistogramFiles.write(firstBatch.resolve("histograms"), first);
		HistogramFiles.write(secondBatch.resolve("histograms"), second);

		List<String> lines = PooledInTurns.summarize(List.of(firstBatch, secondBatch));

		// The same three runs as MarkdownReportTests' pooled headline, and its control.
		assertThat(lines).containsExactly(
				"getty-nio against netty-nio: 3 runs from 2 directories; p99 900 vs 1,000 µs, 0.90× "
						+ "(95 % interval 0.90×–1.30×); replies ≥ 1 ms 0.00 % vs 33.33 %",
				"netty-nio against itself (control): 3 runs from 2 directories; p99 300 vs 200 µs, 1.50× "
						+ "(95 % interval 0.50×–1.50×); replies ≥ 1 ms 0.00 % vs 0.00 %");
	}

	@Test
	void aDirectoryWithoutHistogramLogsIsNamedWithWhatToGiveInstead() throws Exception {
		Files.createDirectories(this.directory.resolve("histograms"));
		Files.writeString(this.directory.resolve("histograms/in-turns-1-getty-nio.hgrm"), "percentiles only");

		assertThatIllegalArgumentException().isThrownBy(() -> PooledInTurns.summarize(List.of(this.directory)))
			.withMessageContaining("No histogram logs of runs in turns (in-turns-N-SERVER.hlog) in "
					+ this.directory.resolve("histograms"))
			.withMessageContaining("which cannot be pooled exactly");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PooledInTurns.summarize(List.of(this.directory.resolve("missing"))))
			.withMessageStartingWith("No results directory " + this.directory.resolve("missing"));
	}

}
