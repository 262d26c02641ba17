package io.getty.bench.harness;

import java.time.Duration;

import io.getty.bench.harness.server.ServerCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RunnerOptions}.
 *
 * @author getty team
 */
class RunnerOptionsTests {

	@Test
	void theStandardPlanRunsSixTimesInTurnsUnlessTold() {
		assertThat(RunnerOptions.parse().plan().inTurnsRuns()).isEqualTo(6);
		RunPlan plan = RunnerOptions.parse("--in-turns-runs=24", "--jit-settle=5").plan();
		assertThat(plan.inTurnsRuns()).isEqualTo(24);
		assertThat(plan.jitSettleLimit()).isEqualTo(Duration.ofSeconds(5));
		assertThat(plan.latencyWarmup()).isEqualTo(RunPlan.standard().latencyWarmup());
		assertThat(plan.cells()).isEqualTo(RunPlan.standard().cells());
	}

	@Test
	void theGoalsCompareOnlyTheGettyServersChosenWithRawNettyOnTheirTransport() {
		assertThat(RunnerOptions.parse("--servers=getty-nio,getty-epoll,netty-nio,mina").gettyWithBaseline())
			.containsExactly(ServerCatalog.GETTY_NIO);
		assertThat(RunnerOptions.parse("--servers=getty-boot,netty-nio,getty-epoll,netty-epoll").gettyWithBaseline())
			.containsExactly(ServerCatalog.GETTY_BOOT, ServerCatalog.GETTY_EPOLL);
		assertThat(RunnerOptions.parse("--servers=netty-nio,mina").gettyWithBaseline()).isEmpty();
	}

	@Test
	void runsInTurnsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--in-turns-runs=0"))
			.withMessageContaining("--in-turns-runs")
			.withMessageContaining("not 0");
	}

	@Test
	void unknownOptionsNameTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunnerOptions.parse("--in-turn-runs=3"))
			.withMessageContaining("in-turns-runs");
	}

}
