package io.getty.bench.harness.load;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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

	@Test
	void fixedRateSendsAtTheRateAndVerifiesReplies() throws Exception {
		LoadSpec spec = LoadSpec.fixedRate(4, 128, 2_000, Duration.ofMillis(100), Duration.ofMillis(1_000));
		try (MisbehavingEchoServer server = new MisbehavingEchoServer(MisbehavingEchoServer.Fault.NONE)) {
			LoadResult result = generator.run(server.address(), spec, MeasurementWindow.NONE);
			assertThat(result.messagesPerSecond()).isBetween(1_500.0, 2_500.0);
		}
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

}
