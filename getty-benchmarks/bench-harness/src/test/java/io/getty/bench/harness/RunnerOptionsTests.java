package io.getty.bench.harness;

import java.time.Duration;

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
