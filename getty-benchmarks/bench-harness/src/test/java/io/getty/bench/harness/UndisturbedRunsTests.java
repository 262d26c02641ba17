package io.getty.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.ServerUsage;
import io.getty.bench.harness.server.ServerCatalog;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UndisturbedRuns}.
 */
class UndisturbedRunsTests {

	private static final LoadSpec SPEC = new ThroughputCell(128, 16, 16).spec(Duration.ofSeconds(1),
			Duration.ofSeconds(1));

	private final List<CellResult> retried = new ArrayList<>();

	@Test
	void anUndisturbedRunIsKeptAtOnce() throws InterruptedException {
		CellResult result = UndisturbedRuns.run((attempt) -> passed(attempt, 5), this.retried::add);
		assertThat(result.perSecond()).isEqualTo(1);
		assertThat(this.retried).isEmpty();
	}

	@Test
	void aDisturbedRunIsRepeatedUntilOneIsQuiet() throws InterruptedException {
		double[] otherCpu = { 60, 35, 10 };
		CellResult result = UndisturbedRuns.run((attempt) -> passed(attempt, otherCpu[attempt - 1]),
				this.retried::add);
		assertThat(result.perSecond()).isEqualTo(3);
		assertThat(this.retried).hasSize(2);
	}

	@Test
	void afterTheLastAttemptTheLeastDisturbedRunIsKept() throws InterruptedException {
		double[] otherCpu = { 60, 25, 40 };
		CellResult result = UndisturbedRuns.run((attempt) -> passed(attempt, otherCpu[attempt - 1]),
				this.retried::add);
		assertThat(result.perSecond()).isEqualTo(2);
		assertThat(this.retried).hasSize(UndisturbedRuns.MAX_ATTEMPTS - 1);
	}

	@Test
	void aFailedRunIsNeverRetried() throws InterruptedException {
		CellResult result = UndisturbedRuns.run(
				(attempt) -> new CellResult(ServerCatalog.GETTY_NIO, SPEC, null, null, "byte 7 of reply 3 differs"),
				this.retried::add);
		assertThat(result.passed()).isFalse();
		assertThat(this.retried).isEmpty();
	}

	/** A passed run whose throughput is its attempt number, to tell runs apart. */
	private static CellResult passed(int attempt, double otherCpuPercent) {
		Histogram histogram = new Histogram(1, 60_000_000_000L, 3);
		histogram.recordValue(100_000);
		LoadResult load = new LoadResult(SPEC, attempt, 1.0, histogram);
		return new CellResult(ServerCatalog.GETTY_NIO, SPEC, load,
				new ServerUsage(1.0, 0.2, 100, 1, 5, 0.0, otherCpuPercent / 100, 1.0, 3.0), null);
	}

}
