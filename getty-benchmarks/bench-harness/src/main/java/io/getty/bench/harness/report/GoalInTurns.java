package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;

/**
 * One getty server against raw Netty on its transport, or the control (a second raw
 * Netty NIO JVM against the first), over the runs of a throughput goal cell in which they
 * all took turns. Each run measured both in the same window, so the ratio of their
 * throughputs in that run compares the servers rather than the seconds they ran in; the
 * goal is judged on the median of those ratios.
 *
 * @param server the getty server, or raw Netty (NIO) for the control
 * @param runs how many runs both passed
 * @param serverPerSecond the server's median throughput over those runs
 * @param nettyPerSecond raw Netty's median throughput over those runs
 * @param medianRatio the median of the runs' ratios, the server's throughput to raw Netty's
 * @param minRatio the lowest of them
 * @param maxRatio the highest of them
 * @param serverCpu the server's median CPU seconds per million messages
 * @param nettyCpu raw Netty's median CPU seconds per million messages
 * @author getty team
 * @since 0.1.0
 */
record GoalInTurns(ServerSpec server, int runs, double serverPerSecond, double nettyPerSecond, double medianRatio,
		double minRatio, double maxRatio, double serverCpu, double nettyCpu) {

	/**
	 * Compare a getty server with raw Netty on its transport over the runs in turns.
	 * @param runs the runs in turns of one cell, each in the order its JVMs started
	 * @param getty the getty server
	 * @return the comparison; {@code runs()} is 0 if no run has both passed
	 */
	static GoalInTurns of(List<List<CellResult>> runs, ServerSpec getty) {
		ServerSpec netty = ServerCatalog.baselineFor(getty);
		return of(runs, getty, (run) -> pair(passedAt(run, getty, 0), passedAt(run, netty, 0)));
	}

	/**
	 * Compare the control, the second raw Netty (NIO) JVM of each run, with the first.
	 * @param runs the runs in turns of one cell, each in the order its JVMs started
	 * @return the comparison; {@code runs()} is 0 if no run has both passed
	 */
	static GoalInTurns control(List<List<CellResult>> runs) {
		ServerSpec netty = ServerCatalog.NETTY_NIO;
		return of(runs, netty, (run) -> pair(passedAt(run, netty, 1), passedAt(run, netty, 0)));
	}

	/**
	 * Return whether a control took part: a run with a second raw Netty (NIO) JVM.
	 * @param runs the runs in turns of one cell
	 * @return {@code true} if any run had two raw Netty (NIO) JVMs
	 */
	static boolean hasControl(List<List<CellResult>> runs) {
		String netty = ServerCatalog.NETTY_NIO.id();
		return runs.stream()
			.anyMatch((run) -> run.stream().filter((result) -> result.server().id().equals(netty)).count() > 1);
	}

	/**
	 * Return how far apart the control's two JVMs came out, either way up: neither is the
	 * reference, so 0.97× is as far apart as 1.03×.
	 * @return the largest of the runs' ratios taken at least 1
	 */
	double widestApart() {
		return Math.max(this.maxRatio, 1 / this.minRatio);
	}

	private static GoalInTurns of(List<List<CellResult>> runs, ServerSpec server,
			Function<List<CellResult>, Optional<CellResult[]>> pairing) {
		List<CellResult[]> pairs = new ArrayList<>();
		runs.forEach((run) -> pairing.apply(run).ifPresent(pairs::add));
		return InTurnsPairs.summarize(pairs, CellResult::cpuSecondsPerMillion,
				(count, own, netty, median, min, max, ownCpu, nettyCpu) -> new GoalInTurns(server, count, own, netty,
						median, min, max, ownCpu, nettyCpu));
	}

	private static Optional<CellResult[]> pair(Optional<CellResult> server, Optional<CellResult> netty) {
		return (server.isPresent() && netty.isPresent()) ? Optional.of(new CellResult[] { server.get(), netty.get() })
				: Optional.empty();
	}

	/**
	 * Return a server's result at the given occurrence in a run (0 for its first JVM, 1
	 * for its second), if that one passed.
	 */
	private static Optional<CellResult> passedAt(List<CellResult> run, ServerSpec server, int occurrence) {
		return run.stream()
			.filter((result) -> result.server().id().equals(server.id()))
			.skip(occurrence)
			.findFirst()
			.filter(CellResult::passed);
	}

}
