package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link BootstrapInterval}: runs that agree give a narrow interval, runs decided
 * by a few stalls a wide one.
 */
class BootstrapIntervalTests {

	private static final int RUNS = 20;

	@Test
	void twoServersWithTheSameLatenciesInEveryRunComeOutAtExactlyOne() {
		Random random = new Random(1);
		List<Histogram> first = new ArrayList<>();
		List<Histogram> second = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			// Each run its own level, as the machine's quiet and noisy minutes would give.
			Histogram latencies = latencies(random, 80_000 + run * 10_000, 1.0);
			first.add(latencies);
			second.add(latencies.copy());
		}

		BootstrapInterval interval = BootstrapInterval.ofP99Ratio(first, second);

		assertThat(interval.low()).isEqualTo(1.0);
		assertThat(interval.high()).isEqualTo(1.0);
		assertThat(interval.atMost(1.1)).isTrue();
		assertThat(interval.above(1.1)).isFalse();
	}

	@Test
	void aServerSlowerInEveryRunIsBeyondTheGoalWhateverRunsAreDrawn() {
		Random random = new Random(2);
		List<Histogram> first = new ArrayList<>();
		List<Histogram> second = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			long seed = random.nextLong();
			first.add(latencies(new Random(seed), 100_000 + run * 5_000, 1.5));
			second.add(latencies(new Random(seed), 100_000 + run * 5_000, 1.0));
		}

		BootstrapInterval interval = BootstrapInterval.ofP99Ratio(first, second);

		// 1.5x, to the histograms' 3 significant digits.
		assertThat(interval.low()).isCloseTo(1.5, within(0.005));
		assertThat(interval.high()).isCloseTo(1.5, within(0.005));
		assertThat(interval.above(1.1)).isTrue();
		assertThat(interval.atMost(1.1)).isFalse();
	}

	@Test
	void aPooledP99DecidedByAFewRunsWithStallsGivesAnIntervalThatCanNotTell() {
		List<Histogram> first = new ArrayList<>();
		List<Histogram> second = new ArrayList<>();
		for (int run = 0; run < RUNS; run++) {
			// Replies take 100 µs, but in 4 of the runs 6 % of them met a stall of the
			// machine, longer for one server in some of those runs and for the other in the rest.
			long firstStall = (run % 5 != 0) ? 0 : (run % 10 == 0) ? 8_000_000 : 4_000_000;
			long secondStall = (run % 5 != 0) ? 0 : (run % 10 == 0) ? 5_000_000 : 6_000_000;
			first.add(withStalls(firstStall));
			second.add(withStalls(secondStall));
		}

		BootstrapInterval interval = BootstrapInterval.ofP99Ratio(first, second);

		assertThat(interval.low()).isLessThan(1.0);
		assertThat(interval.high()).isGreaterThan(1.1);
		assertThat(interval.atMost(1.1)).isFalse();
		assertThat(interval.above(1.1)).isFalse();
		assertThat(interval).hasToString(String.format("%.2f×–%.2f×", interval.low(), interval.high()));
	}

	@Test
	void thePooledValueIsTheHistogramsOwnPercentile() {
		Random random = new Random(3);
		Histogram first = latencies(random, 90_000, 1.0);
		Histogram second = latencies(random, 70_000, 1.0);
		// Every draw of copies of one run pools to that run's distribution.
		List<Histogram> firsts = Collections.nCopies(5, first);
		List<Histogram> seconds = Collections.nCopies(5, second);

		for (double percentile : new double[] { 50, 90, 99, 99.9 }) {
			double expected = (double) first.getValueAtPercentile(percentile) / second.getValueAtPercentile(percentile);
			BootstrapInterval interval = BootstrapInterval.ofRatio(firsts, seconds, percentile, 50, 7);
			assertThat(interval.low()).isEqualTo(expected);
			assertThat(interval.high()).isEqualTo(expected);
		}
	}

	@Test
	void theSameRunsGiveTheSameInterval() {
		List<Histogram> first = new ArrayList<>();
		List<Histogram> second = new ArrayList<>();
		Random random = new Random(4);
		for (int run = 0; run < RUNS; run++) {
			first.add(latencies(random, 100_000, 1.0));
			second.add(latencies(random, 100_000, 1.0));
		}

		assertThat(BootstrapInterval.ofP99Ratio(first, second)).isEqualTo(BootstrapInterval.ofP99Ratio(first, second));
	}

	@Test
	void runsThatDoNotComeInPairsAreRefused() {
		Histogram one = latencies(new Random(5), 100_000, 1.0);

		assertThatIllegalArgumentException().isThrownBy(() -> BootstrapInterval.ofP99Ratio(List.of(one, one), List.of(one)))
			.withMessage("Runs in turns come in pairs, but got 2 and 1 histograms");
		assertThat(BootstrapInterval.ofP99Ratio(List.of(), List.of()).low()).isNaN();
	}

	/** 10,000 latencies around a typical value, with a tail, times a factor. */
	private static Histogram latencies(Random random, long typicalNanos, double factor) {
		Histogram histogram = new Histogram(1, 60_000_000_000L, 3);
		for (int i = 0; i < 10_000; i++) {
			double tail = -Math.log(1 - random.nextDouble());
			histogram.recordValue(Math.round(factor * typicalNanos * (0.8 + 0.4 * tail)));
		}
		return histogram;
	}

	private static Histogram withStalls(long stallNanos) {
		Histogram histogram = new Histogram(1, 60_000_000_000L, 3);
		histogram.recordValueWithCount(100_000, (stallNanos > 0) ? 9_400 : 10_000);
		if (stallNanos > 0) {
			histogram.recordValueWithCount(stallNanos, 600);
		}
		return histogram;
	}

}
