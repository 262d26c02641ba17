package io.getty.bench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.IdleResult;
import io.getty.bench.harness.scenario.ReconnectResult;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;

/**
 * The result tables of the report. Every ratio compares a row with raw Netty on the same
 * transport, measured in the same cell of the same run.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ResultTables {

	private ResultTables() {
	}

	static String load(List<CellResult> results, String rateHeader) {
		MarkdownTable table = new MarkdownTable(2, "server", "transport", rateHeader, "p50 µs", "p99 µs", "p99.9 µs",
				"server CPU s / M msgs", "user CPU s / M msgs", "server core busy %", "alloc B / msg", "GCs",
				"JIT CPU ms", "other CPU %");
		for (CellResult result : inCatalogOrder(results)) {
			if (!result.passed()) {
				table.row(label(result.server()), result.server().transport(), "**failed**", Format.NONE, Format.NONE,
						Format.NONE, Format.NONE, Format.NONE, Format.NONE, Format.NONE, Format.NONE, Format.NONE,
						Format.NONE);
				continue;
			}
			Optional<CellResult> base = baseline(results, result.server());
			table.row(label(result.server()), result.server().transport(),
					withRatio(result, base, CellResult::perSecond, Format::count),
					withRatio(result, base, (r) -> r.load().latencyMicros(50), Format::micros),
					withRatio(result, base, (r) -> r.load().latencyMicros(99), Format::micros),
					withRatio(result, base, (r) -> r.load().latencyMicros(99.9), Format::micros),
					withRatio(result, base, CellResult::cpuSecondsPerMillion, (v) -> Format.decimal(v, 2)),
					withRatio(result, base, CellResult::userCpuSecondsPerMillion, (v) -> Format.decimal(v, 2)),
					Format.percent(result.serverBusyPercent()),
					withRatio(result, base, CellResult::allocatedBytesPerMessage, Format::bytes),
					String.valueOf(result.usage().gcCount()), Format.millis(result.usage().jitCpuSeconds()),
					Format.percent(result.usage().otherCpuPercent()));
		}
		return table.toString();
	}

	static String churn(List<CellResult> results) {
		MarkdownTable table = new MarkdownTable(2, "server", "transport", "connections / s", "first echo p50 µs",
				"first echo p99 µs", "server CPU ms / 1k conn", "alloc KiB / conn", "other CPU %");
		for (CellResult result : inCatalogOrder(results)) {
			if (!result.passed()) {
				table.row(label(result.server()), result.server().transport(), "**failed**", Format.NONE, Format.NONE,
						Format.NONE, Format.NONE, Format.NONE);
				continue;
			}
			Optional<CellResult> base = baseline(results, result.server());
			table.row(label(result.server()), result.server().transport(),
					withRatio(result, base, CellResult::perSecond, Format::count),
					withRatio(result, base, (r) -> r.load().latencyMicros(50), Format::micros),
					withRatio(result, base, (r) -> r.load().latencyMicros(99), Format::micros),
					withRatio(result, base, CellResult::cpuSecondsPerMillion, (v) -> Format.decimal(v, 1)),
					withRatio(result, base, (r) -> r.allocatedBytesPerMessage() / 1024, (v) -> Format.decimal(v, 1)),
					Format.percent(result.usage().otherCpuPercent()));
		}
		return table.toString();
	}

	static String idle(List<IdleResult> results) {
		MarkdownTable table = new MarkdownTable(2, "server", "transport", "sessions", "heap B / session",
				"beyond Netty B / session", "RSS B / session", "idle CPU % of a core", "of it JIT compiler %",
				"JIT wait s", "threads");
		List<IdleResult> ordered = results.stream()
			.sorted(Comparator.comparingInt((IdleResult result) -> catalogIndex(result.server())))
			.toList();
		for (IdleResult result : ordered) {
			if (!result.passed()) {
				table.row(result.server().label(), result.server().transport(), "**failed**", Format.NONE, Format.NONE,
						Format.NONE, Format.NONE, Format.NONE, Format.NONE, Format.NONE);
				continue;
			}
			Optional<IdleResult> base = idleBaseline(results, result.server());
			double baseHeap = base.map(IdleResult::heapPerSession).orElse(Double.NaN);
			table.row(result.server().label(), result.server().transport(), Format.count(result.sessions()),
					Format.count(result.heapPerSession()) + ((base.isPresent() && base.get() != result)
							? " (" + Format.ratio(result.heapPerSession(), baseHeap) + ")" : ""),
					base.isPresent() ? Format.count(result.heapPerSession() - baseHeap) : Format.NONE,
					Format.count(result.rssPerSession()), Format.percent(result.idleCpuPercent()),
					(result.jitCpuPercent() < 0) ? Format.NONE : Format.percent(result.jitCpuPercent()),
					String.valueOf(result.jitWait().toSeconds()), String.valueOf(result.threadsAfter()));
		}
		return table.toString();
	}

	static String repeats(List<CellResult> runs, List<ServerSpec> servers) {
		MarkdownTable table = new MarkdownTable(2, "server", "transport", "runs", "median msgs/s", "× Netty (medians)",
				"min", "max", "× Netty (best runs)", "median p50 µs", "median p99 µs", "median user CPU s / M msgs");
		for (ServerSpec server : servers) {
			Medians row = Medians.of(runs, server);
			if (row.runs() == 0) {
				continue;
			}
			Medians base = Medians.of(runs, ServerCatalog.baselineFor(server));
			table.row(label(server), server.transport(), String.valueOf(row.runs()), Format.count(row.perSecond()),
					Format.ratio(row.perSecond(), base.perSecond()), Format.count(row.minPerSecond()),
					Format.count(row.maxPerSecond()), Format.ratio(row.maxPerSecond(), base.maxPerSecond()),
					Format.micros(row.p50Micros()), Format.micros(row.p99Micros()),
					Format.decimal(row.userCpuSecondsPerMillion(), 2));
		}
		return table.toString();
	}

	static String inTurns(List<List<CellResult>> runs, List<ServerSpec> servers) {
		MarkdownTable table = new MarkdownTable(2, "server", "transport", "runs", "p50 µs, getty / Netty",
				"p90 µs, getty / Netty", "p99 µs, getty / Netty", "p99 × Netty", "95 % interval", "p99.9 µs, getty / Netty",
				"replies ≥ 1 ms, getty / Netty", "run p99 × Netty: median (lowest–highest)");
		// The control (raw Netty against itself) after the getty servers.
		for (ServerSpec server : servers.stream().sorted(Comparator.comparing(ServerSpec::isBaseline)).toList()) {
			InTurns row = InTurns.of(runs, server);
			if (row.runs() == 0) {
				continue;
			}
			table.row(row.isControl() ? label(server) + " against itself (control)" : label(server),
					server.transport(), String.valueOf(row.runs()), pair(row, 50), pair(row, 90),
					pair(row, 99), String.format("%.2f×", row.p99Ratio()), row.p99Interval().toString(), pair(row, 99.9),
					String.format("%.2f %% / %.2f %%", row.gettySlowPercent(), row.nettySlowPercent()),
					String.format("%.2f× (%.2f×–%.2f×)", row.medianRunRatio(), row.minRunRatio(), row.maxRunRatio()));
		}
		return table.toString();
	}

	private static String pair(InTurns row, double percentile) {
		return Format.micros(row.gettyMicros(percentile)) + " / " + Format.micros(row.nettyMicros(percentile));
	}

	static String inTurnsRuns(List<List<CellResult>> runs) {
		MarkdownTable table = new MarkdownTable(1, "run", "getty server", "getty p50 / p99 / p99.9 µs",
				"raw Netty p50 / p99 / p99.9 µs", "p99 × Netty", "server CPU s / M msgs, getty / Netty",
				"JIT CPU ms, getty / Netty", "warm-up s");
		int number = 1;
		for (List<CellResult> run : runs) {
			CellResult getty = run.get(0);
			CellResult netty = run.get(1);
			String server = label(getty.server()) + " (" + getty.server().transport() + ")"
					+ (InTurns.isControl(run) ? ", against itself" : "");
			if (!getty.passed() || !netty.passed()) {
				table.row(String.valueOf(number++), server, "**failed**", Format.NONE, Format.NONE, Format.NONE,
						Format.NONE, Format.NONE);
				continue;
			}
			table.row(String.valueOf(number++), server, percentiles(getty), percentiles(netty),
					String.format("%.2f×", getty.load().latencyMicros(99) / netty.load().latencyMicros(99)),
					Format.decimal(getty.cpuSecondsPerMillion(), 2) + " / " + Format.decimal(netty.cpuSecondsPerMillion(), 2),
					Format.millis(getty.usage().jitCpuSeconds()) + " / " + Format.millis(netty.usage().jitCpuSeconds()),
					Format.decimal(getty.usage().warmupSeconds(), 1));
		}
		return table.toString();
	}

	static String peersInTurns(List<List<CellResult>> runs) {
		MarkdownTable table = new MarkdownTable(1, "peer", "runs", "getty-core median msgs/s", "peer median msgs/s",
				"getty-core ÷ peer per run: median (lowest–highest)", "user CPU s / M msgs, getty-core / peer (medians)");
		for (PeerInTurns row : PeerInTurns.of(runs)) {
			if (row.runs() == 0) {
				table.row(label(row.peer()), "0", "**failed**", Format.NONE, Format.NONE, Format.NONE);
				continue;
			}
			table.row(label(row.peer()), String.valueOf(row.runs()), Format.count(row.gettyPerSecond()),
					Format.count(row.peerPerSecond()),
					String.format("%.3f× (%.3f×–%.3f×)", row.medianRatio(), row.minRatio(), row.maxRatio()),
					Format.decimal(row.gettyUserCpu(), 2) + " / " + Format.decimal(row.peerUserCpu(), 2));
		}
		return table.toString();
	}

	static String peersInTurnsRuns(List<List<CellResult>> runs) {
		List<ServerSpec> servers = new ArrayList<>();
		servers.add(ServerCatalog.GETTY_NIO);
		PeerInTurns.of(runs).forEach((row) -> servers.add(row.peer()));
		List<String> headers = new ArrayList<>();
		headers.add("run");
		servers.forEach((server) -> headers.add(label(server) + " msgs/s (user CPU s / M)"));
		servers.subList(1, servers.size()).forEach((peer) -> headers.add("getty-core ÷ " + label(peer)));
		MarkdownTable table = new MarkdownTable(1, headers.toArray(String[]::new));
		int number = 1;
		for (List<CellResult> run : runs) {
			List<String> cells = new ArrayList<>();
			cells.add(String.valueOf(number++));
			Optional<CellResult> getty = passedIn(run, ServerCatalog.GETTY_NIO);
			for (ServerSpec server : servers) {
				cells.add(passedIn(run, server).map((result) -> Format.count(result.perSecond()) + " ("
						+ Format.decimal(result.userCpuSecondsPerMillion(), 2) + ")").orElse("**failed**"));
			}
			for (ServerSpec peer : servers.subList(1, servers.size())) {
				Optional<CellResult> other = passedIn(run, peer);
				cells.add((getty.isPresent() && other.isPresent())
						? String.format("%.3f×", getty.get().perSecond() / other.get().perSecond()) : Format.NONE);
			}
			table.row(cells.toArray(String[]::new));
		}
		return table.toString();
	}

	/**
	 * Return the summary of a throughput goal cell's runs in turns: each getty server
	 * against raw Netty on its transport, and the control.
	 * @param runs the cell's runs in turns
	 * @param gettyServers the getty servers that may have taken part
	 * @return the table
	 */
	static String goalInTurns(List<List<CellResult>> runs, List<ServerSpec> gettyServers) {
		MarkdownTable table = new MarkdownTable(1, "server", "runs", "median msgs/s", "raw Netty median msgs/s",
				"÷ raw Netty per run: median (lowest–highest)", "server CPU s / M msgs, server / raw Netty (medians)");
		List<GoalInTurns> rows = new ArrayList<>();
		gettyServers.forEach((getty) -> rows.add(GoalInTurns.of(runs, getty)));
		if (GoalInTurns.hasControl(runs)) {
			rows.add(GoalInTurns.control(runs));
		}
		for (int i = 0; i < rows.size(); i++) {
			GoalInTurns row = rows.get(i);
			String name = (i < gettyServers.size()) ? row.server().label() + " (" + row.server().transport() + ")"
					: "control: a second " + label(row.server()) + " (" + row.server().transport() + ") JVM";
			if (row.runs() == 0) {
				table.row(name, "0", "**failed**", Format.NONE, Format.NONE, Format.NONE);
				continue;
			}
			table.row(name, String.valueOf(row.runs()), Format.count(row.serverPerSecond()),
					Format.count(row.nettyPerSecond()),
					String.format("%.3f× (%.3f×–%.3f×)", row.medianRatio(), row.minRatio(), row.maxRatio()),
					Format.decimal(row.serverCpu(), 2) + " / " + Format.decimal(row.nettyCpu(), 2));
		}
		return table.toString();
	}

	/**
	 * Return each run in turns of a throughput goal cell: every getty server's msgs/s and
	 * the control's, each over raw Netty's in the same run.
	 * @param runs the cell's runs in turns
	 * @param gettyServers the getty servers that may have taken part
	 * @return the table
	 */
	static String goalInTurnsRuns(List<List<CellResult>> runs, List<ServerSpec> gettyServers) {
		List<String> headers = new ArrayList<>();
		headers.add("run");
		gettyServers.forEach((getty) -> headers.add(getty.label() + " (" + getty.transport() + ") ÷ "
				+ label(ServerCatalog.baselineFor(getty)) + " (" + ServerCatalog.baselineFor(getty).transport() + ")"));
		boolean control = GoalInTurns.hasControl(runs);
		if (control) {
			headers.add("control ÷ " + label(ServerCatalog.NETTY_NIO) + " (nio)");
		}
		MarkdownTable table = new MarkdownTable(1, headers.toArray(String[]::new));
		int number = 1;
		for (List<CellResult> run : runs) {
			List<String> cells = new ArrayList<>();
			cells.add(String.valueOf(number++));
			List<List<CellResult>> single = List.of(run);
			gettyServers.forEach((getty) -> cells.add(goalRatio(GoalInTurns.of(single, getty))));
			if (control) {
				cells.add(goalRatio(GoalInTurns.control(single)));
			}
			table.row(cells.toArray(String[]::new));
		}
		return table.toString();
	}

	private static String goalRatio(GoalInTurns one) {
		return (one.runs() == 0) ? "**failed**" : String.format("%.3f× (%s / %s)", one.medianRatio(),
				Format.count(one.serverPerSecond()), Format.count(one.nettyPerSecond()));
	}

	/**
	 * Return a server's passed result among results of any servers.
	 */
	static Optional<CellResult> passedIn(List<CellResult> results, ServerSpec server) {
		return results.stream().filter((result) -> result.passed() && result.server().id().equals(server.id()))
			.findFirst();
	}

	private static String percentiles(CellResult result) {
		return Format.micros(result.load().latencyMicros(50)) + " / " + Format.micros(result.load().latencyMicros(99))
				+ " / " + Format.micros(result.load().latencyMicros(99.9));
	}

	static String reconnect(ReconnectResult result) {
		MarkdownTable table = new MarkdownTable(1, "restart", "kill → new server listening ms",
				"listening → first echo ms", "listening → full pool ms", "kill → full pool ms");
		int restart = 1;
		for (ReconnectResult.Cycle cycle : result.cycles()) {
			table.row(String.valueOf(restart++), Format.count(cycle.serverStartMillis()),
					Format.count(cycle.firstEchoMillis()), Format.count(cycle.fullPoolMillis()),
					Format.count(cycle.outageMillis()));
		}
		return table.toString();
	}

	static String controls(List<CellResult> controls) {
		MarkdownTable table = new MarkdownTable(1, "control run", "msgs/s", "p99 µs");
		String[] names = { "start", "end" };
		for (int i = 0; i < controls.size(); i++) {
			CellResult control = controls.get(i);
			String name = (i < names.length) ? names[i] : String.valueOf(i);
			table.row(name, control.passed() ? Format.count(control.perSecond()) : "**failed**",
					control.passed() ? Format.micros(control.load().latencyMicros(99)) : Format.NONE);
		}
		return table.toString();
	}

	static List<CellResult> inCatalogOrder(List<CellResult> results) {
		return results.stream()
			.sorted(Comparator.comparingInt((CellResult result) -> catalogIndex(result.server())))
			.toList();
	}

	private static int catalogIndex(ServerSpec server) {
		List<String> ids = ServerCatalog.all().stream().map(ServerSpec::id).toList();
		return ids.indexOf(server.id());
	}

	static String label(ServerSpec server) {
		return server.isBaseline() ? "**" + server.label() + "**" : server.label();
	}

	static Optional<CellResult> baseline(List<CellResult> results, ServerSpec server) {
		String baseline = ServerCatalog.baselineFor(server).id();
		return results.stream().filter((r) -> r.passed() && r.server().id().equals(baseline)).findFirst();
	}

	private static Optional<IdleResult> idleBaseline(List<IdleResult> results, ServerSpec server) {
		String baseline = ServerCatalog.baselineFor(server).id();
		return results.stream().filter((r) -> r.passed() && r.server().id().equals(baseline)).findFirst();
	}

	/**
	 * Write a value with its ratio to the baseline, "612,345 (0.97×)"; the baseline row
	 * itself shows the bare value.
	 */
	private static String withRatio(CellResult result, Optional<CellResult> base, ToDoubleFunction<CellResult> metric,
			DoubleFunction<String> format) {
		double value = metric.applyAsDouble(result);
		if (base.isEmpty() || base.get() == result) {
			return format.apply(value);
		}
		return format.apply(value) + " (" + Format.ratio(value, metric.applyAsDouble(base.get())) + ")";
	}

}
