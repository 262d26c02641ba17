package io.getty.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.getty.bench.harness.report.HistogramFiles;
import io.getty.bench.harness.server.ServerCatalog;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.getty.bench.harness.InTurnsResults.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histogram files of the runs in turns.
 */
class HistogramFilesTests {

	@TempDir
	Path directory;

	@Test
	void everyJvmOfARunInTurnsGetsItsOwnHistogramAlsoInTheControl() throws Exception {
		RunResults results = new RunResults();
		results.addInTurns(List.of(result(ServerCatalog.GETTY_NIO, 210), result(ServerCatalog.NETTY_NIO, 200)));
		results.addInTurns(List.of(result(ServerCatalog.NETTY_NIO, 300), result(ServerCatalog.NETTY_NIO, 100)));

		HistogramFiles.write(this.directory, results);

		assertThat(this.directory.resolve("in-turns-1-getty-nio.hgrm")).exists();
		assertThat(this.directory.resolve("in-turns-1-netty-nio.hgrm")).exists();
		assertThat(Files.readString(this.directory.resolve("in-turns-2-netty-nio-1.hgrm"))).contains("300.");
		assertThat(Files.readString(this.directory.resolve("in-turns-2-netty-nio-2.hgrm"))).contains("100.");
		assertThat(this.directory.resolve("in-turns-2-netty-nio.hgrm")).doesNotExist();
	}

	@Test
	void theRunsInTurnsKeepTheirWholeHistogramsForPoolingBatchesLater() throws Exception {
		Histogram latencies = new Histogram(1, 60_000_000_000L, 3);
		for (long micros = 50; micros <= 20_000; micros += 7) {
			latencies.recordValueWithCount(micros * 1000, 1 + micros % 5);
		}
		RunResults results = new RunResults();
		results.addInTurns(List.of(result(ServerCatalog.GETTY_NIO, latencies), result(ServerCatalog.NETTY_NIO, 200)));

		HistogramFiles.write(this.directory, results);

		try (HistogramLogReader reader = new HistogramLogReader(
				this.directory.resolve("in-turns-1-getty-nio.hlog").toFile())) {
			Histogram read = (Histogram) reader.nextIntervalHistogram();
			assertThat(read).isEqualTo(latencies);
			assertThat(reader.nextIntervalHistogram()).isNull();
		}
	}

}
