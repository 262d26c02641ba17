package io.getty.bench.harness;

import java.time.Duration;
import java.util.List;

import io.getty.bench.harness.load.LoadSpec;

/**
 * What one benchmark run measures and for how long. {@link #standard()} is the matrix
 * behind {@code docs/benchmarks.md}, trimmed to fit in about 100 minutes on a 2-core
 * machine; {@link #quick()} checks the runner itself in a few minutes.
 *
 * @param name the plan's name
 * @param cells the throughput cells; the first is also the control cell
 * @param warmup warm-up of each throughput cell, and how long a server echoes at full
 * speed before a fixed-rate load
 * @param jitSettleLimit how much longer a cell's warm-up may run while a server's JIT
 * compiler is still at work (see {@code LoadScenario})
 * @param measure measurement of each throughput cell
 * @param latencyConnections connections of the fixed-rate cell
 * @param latencyPayload payload of the fixed-rate cell
 * @param latencyRate total rate of the fixed-rate cell, messages per second
 * @param latencyWarmup warm-up of the fixed-rate cell at its rate, per server (see
 * {@link #latencySpec()})
 * @param latencyMeasure measurement of the fixed-rate cell
 * @param idleSessions idle sessions held open
 * @param idleSettle how long idle sessions sit before measuring
 * @param idleObserve how long idle CPU is measured
 * @param churnConcurrency connections in progress at once while churning
 * @param churnWarmup warm-up of churning
 * @param churnMeasure measurement of churning
 * @param poolSize the getty client pool refilled after restarts
 * @param poolDowntime how long the server stays down
 * @param poolCycles how many restarts
 * @param headlineCells the cells the goals name, run {@code headlineRepeats} more times
 * @param headlineRepeats extra runs of the headline cells for getty and raw Netty, so the
 * headline ratios are medians rather than single runs
 * @param inTurnsRuns fixed-rate runs of each getty server in turns with raw Netty on the
 * same transport (see {@link #TURN}), and of the control, raw Netty in turns with a
 * second JVM of itself
 * @param throughputRunsInTurns runs in turns (see {@link #TURN}) of a throughput cell:
 * of getty-core (NIO) with every peer whose matrix run came within {@link #CLOSE_PEER} of
 * its median, and in the {@link #THROUGHPUT_GOAL_CELLS} of every getty server with raw
 * Netty and a second raw Netty JVM, so that neither a close ranking nor the throughput
 * goal is decided by which server ran in a quieter minute
 * @author getty team
 * @since 0.1.0
 */
public record RunPlan(String name, List<ThroughputCell> cells, Duration warmup, Duration jitSettleLimit, Duration measure,
		int latencyConnections, int latencyPayload, int latencyRate, Duration latencyWarmup, Duration latencyMeasure,
		int idleSessions, Duration idleSettle, Duration idleObserve, int churnConcurrency, Duration churnWarmup,
		Duration churnMeasure, int poolSize, Duration poolDowntime, int poolCycles, List<ThroughputCell> headlineCells,
		int headlineRepeats, int inTurnsRuns, int throughputRunsInTurns) {

	/**
	 * One turn when servers take turns at a load: short enough that the turns of two
	 * servers share the machine's slow drifts, long enough that a server echoes 2,000
	 * messages at the fixed rate, and about as many at ping-pong, before the other one's
	 * turn.
	 */
	public static final Duration TURN = Duration.ofMillis(100);

	/**
	 * A peer whose throughput in a cell's matrix run is at least this fraction of
	 * getty-core's (NIO) median there runs the cell again in turns with it: single runs on
	 * a shared machine vary by more than the gap. Separate runs of one server moved by up
	 * to 25 % within an hour on the benchmark machine, in its slow phases: at 95 %, a
	 * peer whose only run fell in one was ranked on that run (Reactor Netty at 128 B /
	 * 16 connections / depth 1 in the full run at 5be500b, 0.80× getty-core there and
	 * level with it in turns; docs/benchmarks.md).
	 */
	public static final double CLOSE_PEER = 0.75;

	/** Payload of the churn and idle scenarios. */
	public static final int SMALL_PAYLOAD = 128;

	/**
	 * The cells where getty must reach {@link #THROUGHPUT_GOAL} of raw Netty's throughput:
	 * pipelined small and medium messages.
	 */
	public static final List<ThroughputCell> THROUGHPUT_GOAL_CELLS = List.of(new ThroughputCell(128, 16, 16),
			new ThroughputCell(1024, 256, 16));

	/** The throughput goal: getty at least this fraction of raw Netty's msgs/s. */
	public static final double THROUGHPUT_GOAL = 0.95;

	/** The cells the goals name: pipelined small and medium messages, and ping-pong. */
	public static final List<ThroughputCell> HEADLINE_CELLS = List.of(THROUGHPUT_GOAL_CELLS.get(0),
			THROUGHPUT_GOAL_CELLS.get(1), new ThroughputCell(128, 1, 1));

	/**
	 * The standard matrix. Every 16-connection cell runs at depth 16, plus 16 connections
	 * at depth 1, 256 connections at depth 16 and 1 connection at depth 1 (ping-pong);
	 * 256 connections at depth 1 and 1 connection at depth 16 are cut for time. The
	 * headline cells run three more times for getty and raw Netty, a cell where a peer
	 * comes close to getty-core four more times with getty-core and the close peers taking
	 * turns (in the cells that the kernel bounds, such as ping-pong, two Netty-based
	 * servers differ by less than this machine's drift between separate runs), the cells
	 * of the throughput goal four more times with every getty server, raw Netty and a
	 * second raw Netty JVM taking turns (the machine's own speed drifts by up to a third
	 * over seconds, docs/benchmarks.md point 34), and each getty server takes turns with
	 * raw Netty at the fixed rate six times.
	 * @return the plan
	 */
	public static RunPlan standard() {
		List<ThroughputCell> cells = List.of(new ThroughputCell(128, 16, 16), new ThroughputCell(1024, 256, 16),
				new ThroughputCell(128, 1, 1), new ThroughputCell(16, 16, 16), new ThroughputCell(1024, 16, 16),
				new ThroughputCell(16 * 1024, 16, 16), new ThroughputCell(128, 16, 1));
		return new RunPlan("standard", cells, Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(6), 16,
				128, 20_000, Duration.ofSeconds(12), Duration.ofSeconds(8), 10_000, Duration.ofSeconds(3),
				Duration.ofSeconds(4), 16, Duration.ofSeconds(2), Duration.ofSeconds(4), 16, Duration.ofSeconds(2), 3,
				HEADLINE_CELLS, 3, 6, 4);
	}

	/**
	 * A short plan that exercises every scenario, for checking the runner.
	 * @return the plan
	 */
	public static RunPlan quick() {
		List<ThroughputCell> cells = List.of(new ThroughputCell(128, 16, 16), new ThroughputCell(128, 1, 1));
		return new RunPlan("quick", cells, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 16, 128,
				20_000, Duration.ofSeconds(1), Duration.ofSeconds(2), 1_000, Duration.ofSeconds(1),
				Duration.ofSeconds(1), 16, Duration.ofSeconds(1), Duration.ofSeconds(2), 4, Duration.ofSeconds(1), 1,
				List.of(cells.get(0)), 1, 1, 1);
	}

	/**
	 * Return the same plan with other throughput cells.
	 * @param otherCells the cells
	 * @return the plan
	 */
	public RunPlan withCells(List<ThroughputCell> otherCells) {
		return new RunPlan(this.name + " (cells given)", List.copyOf(otherCells), this.warmup, this.jitSettleLimit,
				this.measure,
				this.latencyConnections, this.latencyPayload, this.latencyRate, this.latencyWarmup, this.latencyMeasure,
				this.idleSessions, this.idleSettle, this.idleObserve, this.churnConcurrency, this.churnWarmup,
				this.churnMeasure,
				this.poolSize, this.poolDowntime, this.poolCycles,
				this.headlineCells.stream().filter(otherCells::contains).toList(), this.headlineRepeats,
				this.inTurnsRuns, this.throughputRunsInTurns);
	}

	/**
	 * Return the same plan with another number of fixed-rate runs in turns per getty server
	 * and for the control: more runs pool more of the machine's stalls into each side of a
	 * comparison, so a p99 ratio close to its goal can be checked with a longer run.
	 * @param runs the runs, at least 1
	 * @return the plan
	 */
	public RunPlan withInTurnsRuns(int runs) {
		if (runs < 1) {
			throw new IllegalArgumentException("Runs in turns must be at least 1, not " + runs);
		}
		return new RunPlan(this.name, this.cells, this.warmup, this.jitSettleLimit, this.measure, this.latencyConnections,
				this.latencyPayload, this.latencyRate, this.latencyWarmup, this.latencyMeasure, this.idleSessions,
				this.idleSettle, this.idleObserve, this.churnConcurrency, this.churnWarmup, this.churnMeasure, this.poolSize,
				this.poolDowntime, this.poolCycles, this.headlineCells, this.headlineRepeats, runs, this.throughputRunsInTurns);
	}

	/**
	 * Return the same plan with another limit on waiting for the servers' JIT compilers.
	 * @param limit the limit; zero never waits
	 * @return the plan
	 */
	public RunPlan withJitSettleLimit(Duration limit) {
		return new RunPlan(this.name, this.cells, this.warmup, limit, this.measure, this.latencyConnections,
				this.latencyPayload, this.latencyRate, this.latencyWarmup, this.latencyMeasure, this.idleSessions,
				this.idleSettle, this.idleObserve, this.churnConcurrency, this.churnWarmup, this.churnMeasure, this.poolSize,
				this.poolDowntime, this.poolCycles, this.headlineCells, this.headlineRepeats, this.inTurnsRuns,
				this.throughputRunsInTurns);
	}

	/**
	 * Return the fixed-rate cell. Its warm-up is longer than a throughput cell's so that
	 * what the servers do periodically, which no load speeds up, has run often enough to
	 * be compiled before the window: with the throughput cells' warm-up, the paths of
	 * getty's session cron (once a second per session) reached the JIT compiler's first
	 * thresholds inside the window, a tick at a time, and in one recording the compiled
	 * event loop was thrown away at a tick and compiled again (docs/benchmarks.md, point
	 * 21). A server without periodic work just warms up longer.
	 * @return the load
	 */
	public LoadSpec latencySpec() {
		return LoadSpec.fixedRate(this.latencyConnections, this.latencyPayload, this.latencyRate, this.latencyWarmup,
				this.latencyMeasure);
	}

	/**
	 * Return the control cell, run with raw Netty at the start and the end of a run.
	 * @return the first cell
	 */
	public ThroughputCell controlCell() {
		return this.cells.get(0);
	}

}
