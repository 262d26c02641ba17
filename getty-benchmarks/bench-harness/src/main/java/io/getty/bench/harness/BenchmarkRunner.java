package io.getty.bench.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.report.HistogramFiles;
import io.getty.bench.harness.report.MarkdownReport;
import io.getty.bench.harness.report.RunEnvironment;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.IdleResult;
import io.getty.bench.harness.scenario.IdleScenario;
import io.getty.bench.harness.scenario.LoadScenario;
import io.getty.bench.harness.scenario.ReconnectResult;
import io.getty.bench.harness.scenario.ReconnectScenario;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.MachineLoad;
import io.getty.bench.harness.server.ServerLauncher;
import io.getty.bench.harness.server.ServerSpec;

/**
 * Runs the benchmark matrix and writes {@code docs/benchmarks.md}. Started by
 * {@code getty-benchmarks/run.sh}, which builds the modules and pins this JVM (the load
 * generator) to its own core; see {@link RunnerOptions} for the command line.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BenchmarkRunner {

	private final RunnerOptions options;

	private final ServerLauncher launcher;

	private final RunResults results = new RunResults();

	private static final double QUIET_SHARE = 0.15;

	private static final Duration QUIET_WAIT = Duration.ofSeconds(5);

	private final Random order;

	private int done;

	private BenchmarkRunner(RunnerOptions options) {
		this.options = options;
		this.launcher = new ServerLauncher(options.root(), ServerLauncher.currentJava(), ServerLauncher.JVM_FLAGS,
				options.pin(), options.results().resolve("logs"));
		this.order = new Random(options.seed());
		if (options.jfr()) {
			this.launcher.recordFlights(options.results().resolve("jfr"));
		}
	}

	/**
	 * Run the benchmark.
	 * @param args the options of {@link RunnerOptions}
	 * @throws Exception if the run cannot be carried out
	 */
	public static void main(String[] args) throws Exception {
		RunnerOptions options = RunnerOptions.parse(args);
		BenchmarkRunner runner = new BenchmarkRunner(options);
		// No server JVM may outlive the runner, whatever happens to it.
		Runtime.getRuntime().addShutdownHook(new Thread(runner.launcher::killAll, "bench-kill-servers"));
		int failures = runner.run();
		System.exit((failures == 0) ? 0 : 1);
	}

	private int run() throws IOException, InterruptedException {
		RunPlan plan = this.options.plan();
		RunEnvironment environment = RunEnvironment.capture(this.options.root(), ServerLauncher.currentJava());
		long started = System.nanoTime();
		log("Plan '%s', %d servers, scenarios %s, results in %s", plan.name(), this.options.servers().size(),
				this.options.scenarios(), this.options.results());
		try (LoadGenerator generator = new LoadGenerator(true)) {
			LoadScenario load = new LoadScenario(this.launcher, generator, plan.jitSettleLimit(), plan.warmup());
			if (this.options.scenarios().contains("throughput")) {
				control(load, plan, "start");
				for (ThroughputCell cell : plan.cells()) {
					for (ServerSpec server : shuffled()) {
						CellResult result = undisturbed(cell.title(), (attempt) -> load.run(server,
								cell.spec(plan.warmup(), plan.measure()), cell.id() + "-" + server.id() + "-" + attempt));
						this.results.addThroughput(cell, report(cell.title(), result));
					}
				}
				repeatHeadlines(load, plan);
				goalCellsInTurns(load, plan);
				closePeersInTurns(load, plan);
			}
			if (this.options.scenarios().contains("latency")) {
				LoadSpec spec = plan.latencySpec();
				for (ServerSpec server : shuffled()) {
					this.results.addLatency(report("fixed rate", undisturbed("fixed rate",
							(attempt) -> load.run(server, spec, "rate-" + server.id() + "-" + attempt))));
				}
				inTurns(load, plan);
			}
			if (this.options.scenarios().contains("idle")) {
				IdleScenario idle = new IdleScenario(this.launcher, generator, plan.jitSettleLimit());
				for (ServerSpec server : shuffled()) {
					quiet();
					IdleResult result = idle.run(server, plan.idleSessions(), plan.idleSettle(), plan.idleObserve(),
							"idle-" + server.id());
					log("[%3d] idle %-20s %s", ++this.done, server.id(), result.passed()
							? String.format("%.0f B/session, %.1f%% CPU (JIT compiler %.1f%%, waited %d s for it)",
									result.heapPerSession(), result.idleCpuPercent(), result.jitCpuPercent(),
									result.jitWait().toSeconds())
							: "FAILED: " + result.failure());
					this.results.addIdle(result);
				}
			}
			if (this.options.scenarios().contains("churn")) {
				for (ServerSpec server : shuffled()) {
					CellResult result = undisturbed("churn", (attempt) -> load.churn(server, plan.churnConcurrency(),
							RunPlan.SMALL_PAYLOAD, plan.churnWarmup(), plan.churnMeasure(),
							"churn-" + server.id() + "-" + attempt));
					this.results.addChurn(report("churn", result));
				}
			}
			if (this.options.scenarios().contains("reconnect")) {
				quiet();
				ReconnectResult result = new ReconnectScenario(this.launcher).run(ServerCatalog.GETTY_EPOLL,
						plan.poolSize(), plan.poolDowntime(), plan.poolCycles());
				log("[%3d] client pool refill %s", ++this.done,
						(result.failure() == null) ? result.cycles() : "FAILED: " + result.failure());
				this.results.setReconnect(result);
			}
			if (this.options.scenarios().contains("throughput")) {
				control(load, plan, "end");
			}
		}
		finally {
			this.launcher.killAll();
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		HistogramFiles.write(this.options.results().resolve("histograms"), this.results);
		new MarkdownReport(this.options, environment, this.launcher, this.results, elapsed).writeTo(this.options.out());
		List<String> failures = this.results.failures();
		log("Done in %d min %d s; wrote %s; %d failure(s)", elapsed.toMinutes(), elapsed.toSecondsPart(),
				this.options.out(), failures.size());
		failures.forEach((failure) -> log("FAILED %s", failure));
		return failures.size();
	}

	/**
	 * Run the headline cells again for getty and raw Netty: on a shared 2-core machine one
	 * run can be disturbed, and the goals are judged on these cells.
	 */
	private void repeatHeadlines(LoadScenario load, RunPlan plan) throws InterruptedException {
		for (int repeat = 1; repeat <= plan.headlineRepeats(); repeat++) {
			for (ThroughputCell cell : plan.headlineCells()) {
				runShuffled(load, plan, cell, this.options.headliners(), "repeat", repeat, this.results::addRepeat);
			}
		}
	}

	/**
	 * Run the cells of the throughput goal again with every getty server, raw Netty on
	 * its transport and a second raw Netty (NIO) JVM taking turns in one window (see
	 * {@link LoadScenario#runInTurns}), {@code throughputRunsInTurns} times. The machine's
	 * own speed drifts by up to a third over seconds, so separate runs of one server land
	 * in different phases of it and a median of four can fall wholly in a slow one;
	 * servers taking turns every {@link RunPlan#TURN} meet the same phases. The second raw
	 * Netty JVM is the control: how far it comes out from the first is how finely this
	 * method tells servers apart in this run.
	 */
	private void goalCellsInTurns(LoadScenario load, RunPlan plan) throws InterruptedException {
		List<ServerSpec> getty = this.options.gettyWithBaseline();
		if (getty.isEmpty()) {
			return;
		}
		List<ServerSpec> servers = new ArrayList<>(getty);
		getty.stream().map(ServerCatalog::baselineFor).distinct().forEach(servers::add);
		if (servers.contains(ServerCatalog.NETTY_NIO)) {
			servers.add(ServerCatalog.NETTY_NIO);
		}
		for (ThroughputCell cell : plan.cells()) {
			if (!RunPlan.THROUGHPUT_GOAL_CELLS.contains(cell)) {
				continue;
			}
			// Which raw Netty (NIO) JVM is the control follows the shuffled start order too.
			throughputInTurns(load, plan, cell, servers, "goal in turns", "goal", 19L, this.results::addGoalInTurns);
		}
	}

	/**
	 * Run the cells again where a peer came close to getty-core (NIO) or passed it (see
	 * {@link RunResults#closePeers}): getty-core and those peers in turns, in one window
	 * (see {@link LoadScenario#runInTurns}), {@code throughputRunsInTurns} times.
	 */
	private void closePeersInTurns(LoadScenario load, RunPlan plan) throws InterruptedException {
		if (!this.options.servers().contains(ServerCatalog.GETTY_NIO)) {
			return;
		}
		for (ThroughputCell cell : plan.cells()) {
			List<ServerSpec> close = this.results.closePeers(cell);
			if (close.isEmpty()) {
				continue;
			}
			List<ServerSpec> servers = new ArrayList<>(close);
			servers.add(ServerCatalog.GETTY_NIO);
			throughputInTurns(load, plan, cell, servers, "in turns", "run", 17L, this.results::addPeersInTurns);
		}
	}

	/**
	 * Run a throughput cell {@code throughputRunsInTurns} times with the given servers
	 * taking turns in one window, each run in a new random order of starting (the JVM
	 * started first sits idle while the others start); the order of turns is random per
	 * round. {@code what} names the runs in the log, {@code tag} in the servers' log names.
	 */
	private void throughputInTurns(LoadScenario load, RunPlan plan, ThroughputCell cell, List<ServerSpec> servers,
			String what, String tag, long seedStep, BiConsumer<ThroughputCell, List<CellResult>> results)
			throws InterruptedException {
		List<ServerSpec> started = new ArrayList<>(servers);
		for (int run = 1; run <= plan.throughputRunsInTurns(); run++) {
			Collections.shuffle(started, this.order);
			quiet();
			List<CellResult> measured = load.runInTurns(started, cell.spec(plan.warmup(), plan.measure()),
					RunPlan.TURN, this.options.seed() + seedStep * run, cell.id() + "-" + tag + run);
			results.accept(cell, measured);
			logInTurns(cell.title() + " " + what + " (run " + run + ")", measured);
		}
	}

	private void logInTurns(String what, List<CellResult> results) {
		if (results.stream().allMatch(CellResult::passed)) {
			log("[%3d] %-40s %s  (warm-up %.1f s)", ++this.done, what, results.stream()
				.map((result) -> String.format("%s %,.0f /s (user CPU %.2f s/M, JIT %s ms)", result.server().id(),
						result.perSecond(), result.userCpuSecondsPerMillion(), jitMillis(result)))
				.collect(Collectors.joining(", ")), results.get(0).usage().warmupSeconds());
		}
		else {
			log("[%3d] %-40s FAILED: %s", ++this.done, what,
					results.stream().filter((result) -> !result.passed()).findFirst().orElseThrow().failure());
		}
	}

	/**
	 * Run one more round of a throughput cell for the given servers, in a shuffled order.
	 */
	private void runShuffled(LoadScenario load, RunPlan plan, ThroughputCell cell, List<ServerSpec> servers,
			String what, int round, BiConsumer<ThroughputCell, CellResult> results) throws InterruptedException {
		List<ServerSpec> shuffled = new ArrayList<>(servers);
		Collections.shuffle(shuffled, this.order);
		String logSuffix = "-" + what.replace(' ', '-') + round + "-";
		for (ServerSpec server : shuffled) {
			CellResult result = undisturbed(cell.title(), (attempt) -> load.run(server,
					cell.spec(plan.warmup(), plan.measure()), cell.id() + "-" + server.id() + logSuffix + attempt));
			results.accept(cell, report(cell.title() + " (" + what + " " + round + ")", result));
		}
	}

	/**
	 * Run each getty server at the fixed rate in turns with raw Netty on its transport:
	 * separate runs meet different stalls of a shared machine, and at p99 those stalls, not
	 * the servers, decide the number; taking turns in one window, both meet the same ones.
	 * Then, as a control, raw Netty (NIO) in turns with a second JVM of itself as often:
	 * how far apart two identical servers come out this way in this run is what a getty
	 * server's ratio can be told apart from.
	 */
	private void inTurns(LoadScenario load, RunPlan plan) throws InterruptedException {
		LoadSpec spec = plan.latencySpec();
		boolean nioInTurns = false;
		for (ServerSpec getty : this.options.headliners()) {
			ServerSpec netty = ServerCatalog.baselineFor(getty);
			if (netty.id().equals(getty.id()) || !this.options.servers().contains(netty)) {
				continue;
			}
			nioInTurns |= netty.equals(ServerCatalog.NETTY_NIO);
			for (int run = 1; run <= plan.inTurnsRuns(); run++) {
				// Alternate which server's JVM starts first; the order of turns is random per round.
				List<ServerSpec> servers = (run % 2 == 1) ? List.of(getty, netty) : List.of(netty, getty);
				inTurnsRun(load, spec, servers, servers.indexOf(getty), run, getty.id(), 31L * run);
			}
		}
		if (nioInTurns) {
			List<ServerSpec> twice = List.of(ServerCatalog.NETTY_NIO, ServerCatalog.NETTY_NIO);
			for (int run = 1; run <= plan.inTurnsRuns(); run++) {
				// The JVM started first idles through the other's preparation, as in the
				// getty runs: each takes the getty server's place in every other run.
				inTurnsRun(load, spec, twice, (run % 2 == 1) ? 0 : 1, run, "control", 37L * run + 1);
			}
		}
	}

	/**
	 * One fixed-rate run of two servers in turns, started in the given order and recorded
	 * as the result at {@code first} (the getty server's, or the control's JVM in its
	 * place) and then the other's. {@code pair} names the comparison in the servers' log
	 * names, so that raw Netty's logs of different comparisons stay apart.
	 */
	private void inTurnsRun(LoadScenario load, LoadSpec spec, List<ServerSpec> servers, int first, int run,
			String pair, long seedOffset) throws InterruptedException {
		quiet();
		List<CellResult> results = load.runInTurns(servers, spec, RunPlan.TURN, this.options.seed() + seedOffset,
				"run" + run + "-" + pair);
		CellResult firstResult = results.get(first);
		CellResult otherResult = results.get(1 - first);
		this.results.addInTurns(List.of(firstResult, otherResult));
		String what = firstResult.server().equals(otherResult.server())
				? firstResult.server().id() + " (control)" : firstResult.server().id();
		if (firstResult.passed() && otherResult.passed()) {
			double firstP99 = firstResult.load().latencyMicros(99);
			double otherP99 = otherResult.load().latencyMicros(99);
			log("[%3d] fixed rate in turns (run %d)           %-20s p99 %8.1f us  %-12s p99 %8.1f us  (%.2fx)"
					+ "  JIT %s / %s ms  (warm-up %.1f s)", ++this.done, run, what, firstP99,
					otherResult.server().id(), otherP99, firstP99 / otherP99, jitMillis(firstResult),
					jitMillis(otherResult), firstResult.usage().warmupSeconds());
		}
		else {
			log("[%3d] fixed rate in turns (run %d)           %-20s FAILED: %s", ++this.done, run, what,
					(firstResult.passed() ? otherResult : firstResult).failure());
		}
	}

	private CellResult undisturbed(String what, UndisturbedRuns.Attempt cell) throws InterruptedException {
		return UndisturbedRuns.run((attempt) -> {
			quiet();
			return cell.run(attempt);
		}, (disturbed) -> log("      %s / %s: other processes used %.0f%% of a core during the window; running it again",
				what, disturbed.server().id(), disturbed.usage().otherCpuPercent()));
	}

	private void control(LoadScenario load, RunPlan plan, String when) throws InterruptedException {
		quiet();
		ThroughputCell cell = plan.controlCell();
		CellResult result = load.run(ServerCatalog.NETTY_NIO, cell.spec(plan.warmup(), plan.measure()),
				"control-" + when);
		this.results.addControl(report("control (" + when + ")", result));
	}

	private void quiet() throws InterruptedException {
		long start = System.nanoTime();
		double others = MachineLoad.awaitQuiet(QUIET_SHARE, QUIET_WAIT);
		long waited = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		if (others > QUIET_SHARE) {
			log("      other processes still use %.0f%% of a core after %d s; going on", 100 * others, waited);
		}
		else if (waited > 2) {
			log("      waited %d s for other processes to quiet down", waited);
		}
	}

	private List<ServerSpec> shuffled() {
		// A random order per cell keeps slow drift of the machine from favouring one server.
		List<ServerSpec> servers = new ArrayList<>(this.options.servers());
		Collections.shuffle(servers, this.order);
		return servers;
	}

	private static String jitMillis(CellResult result) {
		double seconds = result.usage().jitCpuSeconds();
		return (seconds < 0) ? "?" : String.format("%.0f", 1000 * seconds);
	}

	private CellResult report(String what, CellResult result) {
		if (result.passed()) {
			log("[%3d] %-40s %-20s %,12.0f /s  p50 %8.1f us  p99 %8.1f us  CPU %6.2f s/M (user %5.2f)  alloc %7.1f B/msg"
					+ "  JIT %4s ms  (warm-up %.1f s)", ++this.done, what, result.server().id(), result.perSecond(),
					result.load().latencyMicros(50), result.load().latencyMicros(99), result.cpuSecondsPerMillion(),
					result.userCpuSecondsPerMillion(), result.allocatedBytesPerMessage(), jitMillis(result),
					result.usage().warmupSeconds());
		}
		else {
			log("[%3d] %-40s %-20s FAILED: %s", ++this.done, what, result.server().id(), result.failure());
		}
		return result;
	}

	private static void log(String format, Object... args) {
		System.out.println(String.format(format, args));
		System.out.flush();
	}

}
