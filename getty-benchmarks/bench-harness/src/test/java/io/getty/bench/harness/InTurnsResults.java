package io.getty.bench.harness;

import java.time.Duration;

import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.ServerUsage;
import io.getty.bench.harness.server.ServerSpec;
import org.HdrHistogram.Histogram;

/**
 * Passed fixed-rate results, as runs in turns give them, for the tests of what is made of
 * those runs.
 */
final class InTurnsResults {

	static final LoadSpec SPEC = LoadSpec.fixedRate(16, 128, 20_000, Duration.ofSeconds(1), Duration.ofSeconds(1));

	private InTurnsResults() {
	}

	/** A result whose every reply took the given time. */
	static CellResult result(ServerSpec server, long micros) {
		Histogram histogram = new Histogram(1, 60_000_000_000L, 3);
		histogram.recordValue(micros * 1000);
		return result(server, histogram);
	}

	/** A result with the given latencies, in nanoseconds. */
	static CellResult result(ServerSpec server, Histogram latencies) {
		return new CellResult(server, SPEC, new LoadResult(SPEC, 20_000, 1.0, latencies),
				new ServerUsage(1.0, 0.2, 100, 1, 5, 0.0, 0.0, 1.0, 3.0), null);
	}

}
