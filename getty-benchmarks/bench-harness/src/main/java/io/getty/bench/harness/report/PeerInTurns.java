package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;

/**
 * getty-core (NIO) against one close peer over the runs of a throughput cell in which
 * they took turns. Each run measured both in the same window, so the ratio of their
 * throughputs in that run compares the servers rather than the minutes they ran in; the
 * comparison uses the median of those ratios.
 *
 * @param peer the peer
 * @param runs how many runs both passed
 * @param gettyPerSecond getty-core's median throughput over those runs
 * @param peerPerSecond the peer's median throughput over those runs
 * @param medianRatio the median of the runs' ratios, getty-core's throughput to the peer's
 * @param minRatio the lowest of them
 * @param maxRatio the highest of them
 * @param gettyUserCpu getty-core's median user CPU seconds per million messages
 * @param peerUserCpu the peer's median user CPU seconds per million messages
 * @author getty team
 * @since 0.1.0
 */
record PeerInTurns(ServerSpec peer, int runs, double gettyPerSecond, double peerPerSecond, double medianRatio,
		double minRatio, double maxRatio, double gettyUserCpu, double peerUserCpu) {

	/**
	 * Summarize the runs in turns of one cell, one summary per peer that took part.
	 * @param runs every run in turns of the cell: the results of the servers that took
	 * turns, in any order
	 * @return the summaries, in the catalog's order of peers; a peer with no passed run has
	 * {@code runs()} 0
	 */
	static List<PeerInTurns> of(List<List<CellResult>> runs) {
		List<PeerInTurns> summaries = new ArrayList<>();
		for (ServerSpec peer : ServerCatalog.peers()) {
			if (runs.stream().flatMap(List::stream).anyMatch((result) -> result.server().id().equals(peer.id()))) {
				summaries.add(of(runs, peer));
			}
		}
		return summaries;
	}

	private static PeerInTurns of(List<List<CellResult>> runs, ServerSpec peer) {
		List<CellResult[]> pairs = new ArrayList<>();
		for (List<CellResult> run : runs) {
			Optional<CellResult> getty = ResultTables.passedIn(run, ServerCatalog.GETTY_NIO);
			Optional<CellResult> other = ResultTables.passedIn(run, peer);
			if (getty.isPresent() && other.isPresent()) {
				pairs.add(new CellResult[] { getty.get(), other.get() });
			}
		}
		return InTurnsPairs.summarize(pairs, CellResult::userCpuSecondsPerMillion,
				(count, getty, other, median, min, max, gettyCpu, otherCpu) -> new PeerInTurns(peer, count, getty, other,
						median, min, max, gettyCpu, otherCpu));
	}

	/**
	 * Return whether getty-core was behind the peer: the median ratio is at most 1.
	 * @return {@code true} if behind or level
	 */
	boolean gettyBehind() {
		return this.runs > 0 && this.medianRatio <= 1.0;
	}

}
