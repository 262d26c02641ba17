package io.getty.bench.harness.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The load generator against in-process servers that echo correctly or break the echo
 * in one specific way: every fault must fail the run with a message that says what
 * happened.
 */
class LoadGeneratorTests {

	private static final LoadSpec SPEC = LoadSpec.closedLoop(4, 8, 256, Duration.ofMillis(100),
			Duration.ofMillis(400));

	private static LoadGenerator generator;

	@BeforeAll
	static void startGenerator() {
		generator = new LoadGenerator(true, Duration.ofSeconds(2));
	}

	@AfterAll
	static void stopGenerator() {
		generator.close();
	}

	@Test
	void correctEchoPassesAndIsMeasured() throws Exception {
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			LoadResult result = generator.run(server.address(), SPEC, MeasurementWindow.NONE);
			assertThat(result.messages()).isPositive();
			assertThat(result.histogram().getTotalCount()).isEqualTo(result.messages());
			assertThat(result.latencyMicros(50)).isPositive();
		}
	}

	@ParameterizedTest
	@EnumSource(value = MisbehavingEchoServer.Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
	void everyFaultFailsTheRun(MisbehavingEchoServer.Fault fault) throws Exception {
		String expected = switch (fault) {
			case CORRUPT_LAST_BYTE -> "has a body that differs";
			case SWAP_TWO -> "out of order";
			case DROP_ONE -> "out of order";
			case CLOSE -> "was closed by the server";
			default -> throw new IllegalStateException();
		};
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(fault)) {
			assertThatExceptionOfType(LoadFailure.class)
				.isThrownBy(() -> generator.run(server.address(), SPEC, MeasurementWindow.NONE))
				.withMessageContaining(expected);
		}
	}

	@ParameterizedTest
	@EnumSource(value = MisbehavingEchoServer.Fault.class, names = { "NONE", "CORRUPT_LAST_BYTE" })
	void largeBodiesSentAsSlicesOfThePatternAreVerified(MisbehavingEchoServer.Fault fault) throws Exception {
		LoadSpec large = LoadSpec.closedLoop(2, 4, 16 * 1024, Duration.ofMillis(100), Duration.ofMillis(300));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(fault)) {
			if (fault == MisbehavingEchoServer.Fault.NONE) {
				assertThat(generator.run(server.address(), large, MeasurementWindow.NONE).messages()).isPositive();
			}
			else {
				assertThatExceptionOfType(LoadFailure.class)
					.isThrownBy(() -> generator.run(server.address(), large, MeasurementWindow.NONE))
					.withMessageContaining("has a body that differs");
			}
		}
	}

	@Test
	void fixedRateSendsAtTheRateAndVerifiesReplies() throws Exception {
		LoadSpec spec = LoadSpec.fixedRate(4, 128, 2_000, Duration.ofMillis(100), Duration.ofMillis(1_000));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			LoadResult result = generator.run(server.address(), spec, MeasurementWindow.NONE);
			assertThat(result.messagesPerSecond()).isBetween(1_500.0, 2_500.0);
		}
	}

	@Test
	void fixedRateRecordsATimelineOfTheWindow() throws Exception {
		LoadSpec spec = LoadSpec.fixedRate(4, 128, 2_000, Duration.ofMillis(100), Duration.ofMillis(1_000));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			LoadResult result = generator.run(server.address(), spec, MeasurementWindow.NONE);
			ByteArrayOutputStream csv = new ByteArrayOutputStream();
			result.timeline().writeCsv(new PrintStream(csv, true, StandardCharsets.UTF_8));
			List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
			assertThat(lines.get(0)).isEqualTo("ms,replies,mean_us,max_us");
			// 2,000 msgs/s is two messages in every millisecond of the one-second window.
			assertThat(lines.subList(1, lines.size())).hasSizeBetween(900, 1_001)
				.allSatisfy((line) -> assertThat(Integer.parseInt(line.split(",")[0])).isBetween(0, 1_000));
			long replies = lines.stream().skip(1).mapToLong((line) -> Long.parseLong(line.split(",")[1])).sum();
			assertThat(replies).isCloseTo(result.messages(), within(20L));
		}
	}

	@Test
	void warmUpGoesOnWhileTheWindowIsNotReadyToOpen() throws Exception {
		// Not ready at the end of the minimum warm-up nor a step later; ready the step after.
		SettlingWindow window = new SettlingWindow(2, Duration.ofSeconds(10));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			long start = System.nanoTime();
			LoadResult result = generator.run(server.address(), SPEC, window);
			assertThat(result.messages()).isPositive();
			assertThat(window.questions).isEqualTo(3);
			assertThat(window.openedAfterNanos - start)
				.isGreaterThanOrEqualTo(SPEC.warmup().plus(LoadGenerator.SETTLE_STEP.multipliedBy(2)).toNanos());
		}
	}

	@Test
	@Timeout(30)
	void warmUpStopsWaitingForTheWindowAtItsSettleLimit() throws Exception {
		SettlingWindow window = new SettlingWindow(Integer.MAX_VALUE, Duration.ofMillis(1_500));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			long start = System.nanoTime();
			assertThat(generator.run(server.address(), SPEC, window).messages()).isPositive();
			// Asked at the end of the minimum, a step later, and when the limit ran out.
			assertThat(window.questions).isEqualTo(3);
			long warmedUp = window.openedAfterNanos - start;
			assertThat(warmedUp).isGreaterThanOrEqualTo(SPEC.warmup().plusMillis(1_500).toNanos())
				.isLessThan(SPEC.warmup().plusMillis(1_500).plus(LoadGenerator.SETTLE_STEP).toNanos());
		}
	}

	@Test
	void aWindowReadyAtTheEndOfTheMinimumWarmUpOpensThen() throws Exception {
		SettlingWindow window = new SettlingWindow(0, Duration.ofSeconds(10));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			long start = System.nanoTime();
			assertThat(generator.run(server.address(), SPEC, window).messages()).isPositive();
			assertThat(window.questions).isEqualTo(1);
			assertThat(window.openedAfterNanos - start).isGreaterThanOrEqualTo(SPEC.warmup().toNanos())
				.isLessThan(SPEC.warmup().plus(LoadGenerator.SETTLE_STEP).toNanos());
		}
	}

	@Test
	void aReadyWindowStillWaitsForTheMinimumWarmUp() throws Exception {
		LoadSpec longer = LoadSpec.closedLoop(4, 8, 256, Duration.ofMillis(1_500), Duration.ofMillis(200));
		SettlingWindow window = new SettlingWindow(0, Duration.ofSeconds(10));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			long start = System.nanoTime();
			assertThat(generator.run(server.address(), longer, window).messages()).isPositive();
			// Asked after the first step, ready, and kept warming up until the minimum.
			assertThat(window.questions).isEqualTo(2);
			assertThat(window.openedAfterNanos - start).isGreaterThanOrEqualTo(longer.warmup().toNanos());
		}
	}

	@Test
	void serversTakingTurnsEachGetTheRateInTheirTurns() throws Exception {
		LoadSpec spec = LoadSpec.fixedRate(4, 128, 2_000, Duration.ofMillis(100), Duration.ofMillis(600));
		try (MisbehavingEchoServer first = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE);
				MisbehavingEchoServer second = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			List<LoadResult> results = generator.runInTurns(List.of(first.address(), second.address()), spec,
					Duration.ofMillis(50), 42, MeasurementWindow.NONE);
			assertThat(results).hasSize(2).allSatisfy((result) -> {
				// Each server had the whole rate for half of a 1.2 s window.
				assertThat(result.messages()).isBetween(900L, 1_500L);
				assertThat(result.messagesPerSecond()).isBetween(1_500.0, 2_500.0);
				assertThat(result.histogram().getTotalCount()).isEqualTo(result.messages());
			});
			assertThat(first.framesEchoed()).isPositive();
			assertThat(second.framesEchoed()).isPositive();
		}
	}

	@Test
	void aFaultOfOneServerTakingTurnsFailsTheRun() throws Exception {
		LoadSpec spec = LoadSpec.fixedRate(4, 128, 2_000, Duration.ofMillis(100), Duration.ofMillis(600));
		try (MisbehavingEchoServer good = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE);
				MisbehavingEchoServer bad = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.CORRUPT_LAST_BYTE)) {
			assertThatExceptionOfType(LoadFailure.class)
				.isThrownBy(() -> generator.runInTurns(List.of(good.address(), bad.address()), spec,
						Duration.ofMillis(50), 42, MeasurementWindow.NONE))
				.withMessageContaining("has a body that differs");
		}
	}

	@Test
	void serversTakingTurnsInAClosedLoopGetTheLoadOneAtATime() throws Exception {
		LoadSpec spec = LoadSpec.closedLoop(4, 8, 256, Duration.ofMillis(200), Duration.ofMillis(600));
		try (MisbehavingEchoServer first = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE);
				MisbehavingEchoServer second = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			List<LoadResult> results = generator.runInTurns(List.of(first.address(), second.address()), spec,
					Duration.ofMillis(100), 42, MeasurementWindow.NONE);
			assertThat(results).hasSize(2).allSatisfy((result) -> {
				assertThat(result.messages()).isPositive();
				assertThat(result.histogram().getTotalCount()).isEqualTo(result.messages());
				// Each server is measured over its turns: about half of the 1.2 s window.
				assertThat(result.seconds()).isCloseTo(0.6, within(0.1));
			});
			assertThat(results.get(0).seconds() + results.get(1).seconds()).isCloseTo(1.2, within(0.05));
			// 1.6 s of 100 ms turns, in 10 ms intervals: each server is busy in about half of
			// them, and both only around the 15 changes of turn, while the replies in flight
			// arrive. Loaded at once, they would share almost every interval.
			Set<Long> both = new HashSet<>(first.busyIntervals());
			both.retainAll(second.busyIntervals());
			assertThat(first.busyIntervals()).hasSizeGreaterThan(50);
			assertThat(second.busyIntervals()).hasSizeGreaterThan(50);
			assertThat(both).hasSizeLessThanOrEqualTo(2 * 16);
		}
	}

	@Test
	void takingTurnsNeedsAServer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> generator.runInTurns(List.of(), SPEC, Duration.ofMillis(50), 42, MeasurementWindow.NONE))
			.withMessageContaining("at least one server");
	}

	@Test
	void idleConnectionsEchoOnceAndStayOpen() throws Exception {
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE);
				IdleConnections idle = generator.openIdle(server.address(), 50, 64)) {
			assertThat(idle.size()).isEqualTo(50);
		}
	}

	@Test
	void churnCountsCompletedConnections() throws Exception {
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			LoadResult result = generator.churn(server.address(), 4, 128, Duration.ofMillis(100), Duration.ofMillis(500),
					MeasurementWindow.NONE);
			assertThat(result.messages()).isPositive();
		}
	}


	/** Says "not ready" a given number of times, then "ready", and notes when it opened. */
	private static final class SettlingWindow implements MeasurementWindow {

		private final int notReady;

		private final Duration limit;

		volatile int questions;

		volatile long openedAfterNanos;

		SettlingWindow(int notReady, Duration limit) {
			this.notReady = notReady;
			this.limit = limit;
		}

		@Override
		public boolean readyToOpen() {
			return ++this.questions > this.notReady;
		}

		@Override
		public Duration settleLimit() {
			return this.limit;
		}

		@Override
		public void opened() {
			this.openedAfterNanos = System.nanoTime();
		}

	}

}
