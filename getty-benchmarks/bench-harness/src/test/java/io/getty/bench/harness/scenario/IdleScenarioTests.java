package io.getty.bench.harness.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long idle sessions sit before their server's idle CPU is measured: the settle time,
 * then on until the JIT compiler is quiet, up to a limit. No time passes: the pauses are
 * counted, not slept.
 */
class IdleScenarioTests {

	private static final Duration SETTLE = Duration.ofSeconds(3);

	private static final Duration LIMIT = Duration.ofSeconds(20);

	private final List<Duration> pauses = new ArrayList<>();

	@Test
	void aCompilerQuietByTheEndOfTheSettleAddsNoWait() throws InterruptedException {
		assertThat(settle(false, false, true)).isZero();
		assertThat(this.pauses).containsExactly(IdleScenario.STEP, IdleScenario.STEP, IdleScenario.STEP);
	}

	@Test
	void aQuietAnswerBeforeTheSettleHasPassedDoesNotCutItShort() throws InterruptedException {
		assertThat(settle(true, true, true)).isZero();
		assertThat(this.pauses).hasSize(3);
	}

	@Test
	void aBusyCompilerIsWaitedForOneStepAtATimeUntilItIsQuiet() throws InterruptedException {
		assertThat(settle(false, false, false, false, false, true)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.pauses).hasSize(6);
	}

	@Test
	void aCompilerThatNeverGoesQuietIsWaitedForUpToTheLimit() throws InterruptedException {
		Boolean[] never = new Boolean[100];
		Arrays.fill(never, false);
		assertThat(settle(never)).isEqualTo(LIMIT);
		assertThat(this.pauses).hasSize(23);
	}

	private Duration settle(Boolean... answers) throws InterruptedException {
		Iterator<Boolean> quiet = List.of(answers).iterator();
		return IdleScenario.settle(quiet::next, SETTLE, LIMIT, this.pauses::add);
	}

}
