package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.getty.bench.harness.RunPlan;
import io.getty.bench.harness.RunResults;
import io.getty.bench.harness.ThroughputCell;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.IdleResult;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;

/**
 * The "what this shows" bullets: getty against raw Netty in the cells the goals name,
 * and against its Java peers, each with the goal it is measured against.
 *
 * @author getty team
 * @since 0.1.0
 */
final class Headlines {

	private static final List<ServerSpec> GETTY = List.of(ServerCatalog.GETTY_NIO, ServerCatalog.GETTY_EPOLL,
			ServerCatalog.GETTY_BOOT);

	/** The fixed-rate goal: getty's p99 at most this many times raw Netty's. */
	private static final double P99_GOAL = 1.1;

	private Headlines() {
	}

	static List<String> of(RunResults results) {
		List<String> lines = new ArrayList<>();
		for (ThroughputCell cell : RunPlan.THROUGHPUT_GOAL_CELLS) {
			throughput(results, cell).ifPresent(lines::add);
		}
		latency(results).ifPresent(lines::add);
		idle(results).ifPresent(lines::add);
		pingPong(results).ifPresent(lines::add);
		peers(results).ifPresent(lines::add);
		return lines;
	}

	private static Optional<String> throughput(RunResults results, ThroughputCell cell) {
		List<CellResult> runs = results.allRuns(cell);
		List<List<CellResult>> turns = results.goalInTurns().getOrDefault(cell, List.of());
		List<String> parts = new ArrayList<>();
		boolean met = true;
		boolean judgedInTurns = false;
		for (ServerSpec getty : GETTY) {
			Medians row = Medians.of(runs, getty);
			Medians base = Medians.of(runs, ServerCatalog.baselineFor(getty));
			boolean separate = row.runs() > 0 && base.runs() > 0;
			double separateRatio = row.perSecond() / base.perSecond();
			GoalInTurns inTurns = GoalInTurns.of(turns, getty);
			if (inTurns.runs() > 0) {
				judgedInTurns = true;
				met &= inTurns.medianRatio() >= RunPlan.THROUGHPUT_GOAL;
				parts.add(getty.label() + " (" + getty.transport() + ") **"
						+ String.format("%.2f×", inTurns.medianRatio()) + "** in turns (median of " + inTurns.runs()
						+ " runs, " + String.format("%.2f×–%.2f×", inTurns.minRatio(), inTurns.maxRatio()) + "; "
						+ Format.count(inTurns.serverPerSecond()) + " vs " + Format.count(inTurns.nettyPerSecond())
						+ " msgs/s; server CPU per message " + Format.ratio(inTurns.serverCpu(), inTurns.nettyCpu()) + ")"
						+ (separate ? ", separate runs " + String.format("%.2f×", separateRatio) + " (medians of "
								+ row.runs() + " and " + base.runs() + ")" : ""));
			}
			else if (separate) {
				met &= separateRatio >= RunPlan.THROUGHPUT_GOAL;
				parts.add(getty.label() + " (" + getty.transport() + ") **" + String.format("%.2f×", separateRatio)
						+ "** (" + Format.count(row.perSecond()) + " vs " + Format.count(base.perSecond()) + " msgs/s"
						+ ((row.runs() > 1) ? ", medians of " + row.runs() + " and " + base.runs() + " runs" : "")
						+ "; server CPU per message " + Format.ratio(row.cpuSecondsPerMillion(), base.cpuSecondsPerMillion())
						+ ", user CPU " + Format.ratio(row.userCpuSecondsPerMillion(), base.userCpuSecondsPerMillion())
						+ ")");
			}
		}
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("Throughput at " + cell.title() + ", as a fraction of raw Netty on the same transport: "
				+ String.join("; ", parts) + ". Goal ≥ " + RunPlan.THROUGHPUT_GOAL + "×"
				+ (judgedInTurns ? ", judged on the runs in turns" : "") + ": " + verdict(met) + "."
				+ throughputControl(turns));
	}

	/**
	 * What the control of the goal cell's runs in turns shows: how far a second raw Netty
	 * (NIO) JVM, taking the same turns, came out from the first. Not part of the verdict.
	 */
	private static String throughputControl(List<List<CellResult>> turns) {
		GoalInTurns control = GoalInTurns.control(turns);
		if (control.runs() == 0) {
			return "";
		}
		return String.format(" Control: a second raw Netty (nio) JVM taking the same turns came out %.3f× the first "
				+ "(median of %d runs; single runs up to %.3f× apart).", control.medianRatio(), control.runs(),
				control.widestApart());
	}

	private static Optional<String> latency(RunResults results) {
		List<String> parts = new ArrayList<>();
		boolean met = true;
		boolean missed = false;
		boolean inTurns = !results.inTurns().isEmpty();
		for (ServerSpec getty : GETTY) {
			Optional<CellResult> single = ResultTables.passedIn(results.latency(), getty);
			Optional<CellResult> base = ResultTables.passedIn(results.latency(), ServerCatalog.baselineFor(getty));
			boolean bothRan = single.isPresent() && base.isPresent();
			String separateRatio = bothRan ? String.format("%.2f×", p99(single.get()) / p99(base.get())) : "";
			String separateDetail = bothRan
					? " (" + Format.micros(p99(single.get())) + " vs " + Format.micros(p99(base.get())) + " µs)" : "";
			InTurns turns = InTurns.of(results.inTurns(), getty);
			if (turns.runs() > 0) {
				// Judged allowing for chance: met only if the whole interval is within the goal.
				met &= turns.p99Interval().atMost(P99_GOAL);
				missed |= turns.p99Interval().above(P99_GOAL);
				parts.add(getty.label() + " (" + getty.transport() + ") **" + String.format("%.2f×", turns.p99Ratio())
						+ "** in turns (" + Format.micros(turns.gettyMicros(99)) + " vs " + Format.micros(turns.nettyMicros(99))
						+ " µs, " + turns.runs() + " runs pooled, 95 % interval " + turns.p99Interval()
						+ "; replies ≥ 1 ms " + String.format("%.2f %% vs %.2f %%", turns.gettySlowPercent(),
								turns.nettySlowPercent()) + ")"
						+ (bothRan ? ", separate single runs " + separateRatio + separateDetail : ""));
			}
			else if (!inTurns && bothRan) {
				boolean within = p99(single.get()) <= P99_GOAL * p99(base.get());
				met &= within;
				missed |= !within;
				parts.add(getty.label() + " (" + getty.transport() + ") **" + separateRatio + "**" + separateDetail);
			}
		}
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		String rate = results.latency().isEmpty() ? "" : " (" + results.latency().get(0).spec() + ")";
		String verdict = missed ? verdict(false) : met ? verdict(true)
				: "not shown by these runs (a 95 % interval spans " + P99_GOAL + "×)";
		return Optional.of("p99 latency at a fixed rate" + rate + ", relative to raw Netty: " + String.join("; ", parts)
				+ ". Goal ≤ " + P99_GOAL + "×" + (inTurns ? ", judged on the runs in turns" : "") + ": " + verdict + "."
				+ control(results));
	}

	/**
	 * What the control of the runs in turns shows: how far apart raw Netty and a second
	 * JVM of itself came out, which would be 1× on a quiet machine. Neither JVM is the
	 * reference, so the spread is given either way up (0.66× is 1.52× apart). Not part
	 * of the verdict.
	 */
	private static String control(RunResults results) {
		InTurns control = InTurns.of(results.inTurns(), ServerCatalog.NETTY_NIO);
		if (control.runs() == 0) {
			return "";
		}
		return String.format(" Control: raw Netty (nio) in turns with a second JVM of itself, run the same way, came out "
				+ "%.2f× apart (%s vs %s µs, %d runs pooled, 95 %% interval of the ratio %s; single runs up to "
				+ "%.2f× apart).", apart(control.p99Ratio()), Format.micros(control.gettyMicros(99)),
				Format.micros(control.nettyMicros(99)), control.runs(), control.p99Interval(),
				Math.max(apart(control.minRunRatio()), apart(control.maxRunRatio())));
	}

	private static double apart(double ratio) {
		return Math.max(ratio, 1 / ratio);
	}

	private static double p99(CellResult result) {
		return result.load().latencyMicros(99);
	}

	private static Optional<String> idle(RunResults results) {
		List<String> parts = new ArrayList<>();
		boolean met = true;
		for (ServerSpec getty : GETTY) {
			Optional<IdleResult> row = results.idle().stream().filter((r) -> r.passed() && r.server().id().equals(getty.id())).findFirst();
			String baseline = ServerCatalog.baselineFor(getty).id();
			Optional<IdleResult> base = results.idle().stream().filter((r) -> r.passed() && r.server().id().equals(baseline)).findFirst();
			if (row.isPresent() && base.isPresent()) {
				double beyond = row.get().heapPerSession() - base.get().heapPerSession();
				met &= beyond <= 2048;
				parts.add(getty.label() + " (" + getty.transport() + ") **" + Format.count(beyond) + " B** ("
						+ Format.count(row.get().heapPerSession()) + " vs " + Format.count(base.get().heapPerSession())
						+ " B per session)");
			}
		}
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("Heap per idle session beyond raw Netty's own channel and pipeline, with "
				+ Format.count(results.idle().get(0).sessions()) + " sessions and getty's cron every second: "
				+ String.join("; ", parts) + ". Goal ≤ 2,048 B: " + verdict(met) + ".");
	}

	private static Optional<String> pingPong(RunResults results) {
		List<CellResult> runs = results.allRuns(new ThroughputCell(128, 1, 1));
		List<String> parts = new ArrayList<>();
		for (ServerSpec server : List.of(ServerCatalog.GETTY_NIO, ServerCatalog.GETTY_EPOLL, ServerCatalog.NETTY_NIO,
				ServerCatalog.NETTY_EPOLL)) {
			Medians row = Medians.of(runs, server);
			if (row.runs() > 0) {
				parts.add(server.label() + " (" + server.transport() + ") " + Format.count(row.perSecond())
						+ " msgs/s, p50 " + Format.micros(row.p50Micros()) + " µs");
			}
		}
		return parts.isEmpty() ? Optional.empty()
				: Optional.of("Ping-pong (128 B, 1 connection; medians of all runs): " + String.join("; ", parts)
						+ ". The mission's bar is Go getty's ~21k-22k msgs/s and p50 ~45-51 µs, measured on the same kind of machine.");
	}

	private static Optional<String> peers(RunResults results) {
		List<String> losses = new ArrayList<>();
		int cells = 0;
		for (ThroughputCell cell : results.throughput().keySet()) {
			List<CellResult> runs = results.allRuns(cell);
			Medians getty = Medians.of(runs, ServerCatalog.GETTY_NIO);
			if (getty.runs() == 0) {
				continue;
			}
			cells++;
			List<PeerInTurns> inTurns = PeerInTurns.of(results.peersInTurns().getOrDefault(cell, List.of()));
			for (ServerSpec peer : ServerCatalog.peers()) {
				Optional<PeerInTurns> turns = inTurns.stream().filter((each) -> each.peer().equals(peer)).findFirst();
				if (turns.isPresent() && turns.get().runs() > 0) {
					if (turns.get().gettyBehind()) {
						PeerInTurns row = turns.get();
						losses.add(peer.label() + " at " + cell.title() + " (getty-core's msgs/s "
								+ String.format("%.3f×", row.medianRatio()) + " the peer's, median of " + row.runs()
								+ " runs in turns; median msgs/s " + Format.count(row.gettyPerSecond()) + " vs "
								+ Format.count(row.peerPerSecond()) + ")");
					}
					continue;
				}
				Medians row = Medians.of(runs, peer);
				if (row.runs() > 0 && row.perSecond() >= getty.perSecond()) {
					losses.add(peer.label() + " at " + cell.title() + " (" + Format.count(row.perSecond()) + " vs "
							+ Format.count(getty.perSecond())
							+ ((row.runs() > 1) ? ", medians of " + row.runs() + " and " + getty.runs() + " runs" : "")
							+ ")");
				}
			}
		}
		if (cells == 0) {
			return Optional.empty();
		}
		return Optional.of("getty-core (NIO) against MINA, Spring Integration, Reactor Netty and Vert.x in " + cells
				+ " throughput cells (where a peer came within " + Math.round(100 * (1 - RunPlan.CLOSE_PEER))
				+ " %, judged on the runs in turns with it): "
				+ (losses.isEmpty() ? "ahead in every one. Goal: met."
						: "behind " + String.join("; ", losses) + ". Goal (ahead everywhere): **missed**."));
	}

	private static String verdict(boolean met) {
		return met ? "met" : "**missed**";
	}

}
