package io.getty.bench.harness.scenario;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a server's JIT compiler counts as quiet, from readings of its compiler threads'
 * CPU time taken at each question.
 */
class JitActivityTests {

	private double jitSeconds;

	private long nanos;

	private final JitActivity activity = new JitActivity(() -> this.jitSeconds, () -> this.nanos);

	@Test
	void compilingForHalfAPerCentOfTheLastThreeStepsOrLessIsQuiet() {
		step(0.004);
		step(0.004);
		assertThat(step(0.004)).isTrue();
		// A trickle of small compilations, 1 ms a second.
		assertThat(step(0.001)).isTrue();
		assertThat(step(0.001)).isTrue();
	}

	@Test
	void compilingForMoreIsNotQuiet() {
		step(0.006);
		step(0.006);
		assertThat(step(0.006)).isFalse();
	}

	@Test
	void nothingIsQuietBeforeThreeSteps() {
		assertThat(step(0.0)).isFalse();
		assertThat(step(0.0)).isFalse();
		assertThat(step(0.0)).isTrue();
	}

	@Test
	void aBurstKeepsTheCompilerBusyUntilItIsThreeStepsBack() {
		assertThat(step(0.040)).isFalse();
		// A quiet second or two after a burst is a lull, not the end of the compiling.
		assertThat(step(0.0)).isFalse();
		assertThat(step(0.0)).isFalse();
		assertThat(step(0.0)).isTrue();
		// Nor do quiet steps hide a new burst.
		assertThat(step(0.020)).isFalse();
	}

	@Test
	void theFirstStepsLookBackToWhenWatchingBegan() {
		// Compiled before the first question: counted in the first three steps.
		this.jitSeconds += 0.030;
		step(0.0);
		step(0.0);
		assertThat(step(0.0)).isFalse();
		assertThat(step(0.0)).isTrue();
	}

	@Test
	void aCompilerThreadThatStoppedTakesItsTimeAlongAndCountsAsQuiet() {
		step(0.003);
		step(0.003);
		step(0.003);
		this.jitSeconds = 0.001;
		this.nanos += TimeUnit.SECONDS.toNanos(1);
		assertThat(this.activity.quiet()).isTrue();
	}

	@Test
	void aCompilerWhoseTimeCannotBeReadCountsAsQuiet() {
		JitActivity unreadable = new JitActivity(() -> -1, () -> this.nanos);
		this.nanos += TimeUnit.SECONDS.toNanos(1);
		assertThat(unreadable.quiet()).isTrue();
	}

	@Test
	void aReadingThatFailsOnceIsNotQuietAndIsSkipped() {
		step(0.0);
		step(0.0);
		this.jitSeconds = -1;
		this.nanos += TimeUnit.SECONDS.toNanos(1);
		assertThat(this.activity.quiet()).isFalse();
		// The readings around it still count: three intervals since watching began.
		this.jitSeconds = 0.001;
		this.nanos += TimeUnit.SECONDS.toNanos(1);
		assertThat(this.activity.quiet()).isTrue();
	}

	/** One second passes, in which the compiler used the given time; then ask. */
	private boolean step(double compiledSeconds) {
		this.nanos += TimeUnit.SECONDS.toNanos(1);
		this.jitSeconds += compiledSeconds;
		return this.activity.quiet();
	}

}
