package io.getty.bench.harness.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Tells whether a server's JIT compiler has gone quiet: whether its compiler threads used
 * at most {@link #QUIET_SHARE} of the time over the last {@link #QUIET_STEPS} questions.
 * While they compile, they take the server's one CPU from its I/O thread for milliseconds
 * at a time, which a fixed-rate load sees as slow replies and a closed loop as lost
 * throughput; a framework with more code on its path compiles longer
 * (docs/benchmarks.md, "Fixed-rate latency"). Compilations come in bursts with quiet
 * seconds between them, so one quiet step is not enough.
 *
 * @author getty team
 * @since 0.1.0
 */
final class JitActivity {

	/** Compiler CPU time, as a share of the time looked at, that counts as quiet. */
	static final double QUIET_SHARE = 0.005;

	/** How many of the last questions' intervals a quiet answer looks at. */
	static final int QUIET_STEPS = 3;

	private final DoubleSupplier jitCpuSeconds;

	private final LongSupplier nanoTime;

	/** The readings at the last {@link #QUIET_STEPS} questions and before: oldest first. */
	private final Deque<Reading> readings = new ArrayDeque<>();

	/**
	 * Start watching.
	 * @param jitCpuSeconds the compiler threads' CPU time so far, negative if unknown
	 * @param nanoTime the clock
	 */
	JitActivity(DoubleSupplier jitCpuSeconds, LongSupplier nanoTime) {
		this.jitCpuSeconds = jitCpuSeconds;
		this.nanoTime = nanoTime;
		Reading first = read();
		if (first.jitSeconds() >= 0) {
			this.readings.addLast(first);
		}
	}

	/**
	 * Return whether the compiler was quiet over the intervals between the last
	 * {@link #QUIET_STEPS} questions, this one included; never before that many intervals
	 * have been read since watching began. Where its time cannot be read at all (no
	 * {@code /proc}), it counts as quiet: the warm-up is then as long as before this check
	 * existed. A reading that fails once is skipped, and counts as not quiet.
	 * @return whether it was quiet
	 */
	boolean quiet() {
		Reading now = read();
		if (now.jitSeconds() < 0) {
			return this.readings.isEmpty();
		}
		this.readings.addLast(now);
		if (this.readings.size() > QUIET_STEPS + 1) {
			this.readings.removeFirst();
		}
		if (this.readings.size() <= QUIET_STEPS) {
			return false;
		}
		Reading then = this.readings.peekFirst();
		// A compiler thread that HotSpot stopped takes its time with it: less is quiet.
		return now.jitSeconds() - then.jitSeconds() <= QUIET_SHARE * (now.nanos() - then.nanos()) / 1e9;
	}

	private Reading read() {
		return new Reading(this.jitCpuSeconds.getAsDouble(), this.nanoTime.getAsLong());
	}

	private record Reading(double jitSeconds, long nanos) {

	}

}
