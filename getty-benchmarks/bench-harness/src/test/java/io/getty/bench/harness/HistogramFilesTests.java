package io.getty.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.report.HistogramFiles;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.ServerUsage;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The histogram files of the runs in turns.
 */
class HistogramFilesTests {

	private static final LoadSpec SPEC = LoadSpec.fixedRate(16, 128, 20_000, Duration.ofSeconds(1),
			Duration.ofSeconds(1));

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

	private static CellResult result(ServerSpec server, long micros) {
		Histogram histogram = new Histogram(1, 60_000_000_000L, 3);
		histogram.recordValue(micros * 1000);
		return result(server, histogram);
	}

	private static CellResult result(ServerSpec server, Histogram histogram) {
		return new CellResult(server, SPEC, new LoadResult(SPEC, 20_000, 1.0, histogram),
				new ServerUsage(1.0, 0.2, 100, 1, 5, 0.0, 0.0, 1.0, 3.0), null);
	}

}
