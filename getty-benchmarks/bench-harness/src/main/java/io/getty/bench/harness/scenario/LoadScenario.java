package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.getty.bench.harness.load.LoadFailure;
import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.load.MeasurementWindow;
import io.getty.bench.harness.server.ServerLauncher;
import io.getty.bench.harness.server.ServerProcess;
import io.getty.bench.harness.server.ServerSpec;

/**
 * Runs one load cell against a fresh server JVM: throughput (closed loop), latency at a
 * fixed rate (open loop) or connection churn.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class LoadScenario {

	/** Messages in flight per connection while a server warms up for a fixed-rate load. */
	public static final int JIT_WARMUP_DEPTH = 16;

	/**
	 * The share of the last {@link #JIT_QUIET_STEPS} warm-up steps that a server's JIT
	 * compiler threads may use and still count as quiet, so that the measurement window may
	 * open.
	 */
	public static final double JIT_QUIET_SHARE = JitActivity.QUIET_SHARE;

	/** How many warm-up steps the JIT compiler's quiet is judged over. */
	public static final int JIT_QUIET_STEPS = JitActivity.QUIET_STEPS;

	private final ServerLauncher launcher;

	private final LoadGenerator generator;

	private final Duration settleLimit;

	private final Duration fullSpeedWarmup;

	/**
	 * Create the scenario.
	 * @param launcher starts the servers
	 * @param generator the load generator
	 * @param settleLimit how much longer than a load's warm-up a server may warm up
	 * while its JIT compiler is still at work (zero never waits for it)
	 * @param fullSpeedWarmup how long a server echoes at full speed before a fixed-rate
	 * load (see {@link #prepare})
	 */
	public LoadScenario(ServerLauncher launcher, LoadGenerator generator, Duration settleLimit,
			Duration fullSpeedWarmup) {
		this.launcher = launcher;
		this.generator = generator;
		this.settleLimit = settleLimit;
		this.fullSpeedWarmup = fullSpeedWarmup;
	}

	/**
	 * Run a closed- or open-loop load against a fresh server, prepared first as
	 * {@link #prepare} describes.
	 * @param server the server
	 * @param spec the load
	 * @param logName the server's log file name
	 * @return the result; a failed correctness gate is a result too
	 * @throws InterruptedException if interrupted
	 */
	public CellResult run(ServerSpec server, LoadSpec spec, String logName) throws InterruptedException {
		return measure(server, spec, logName,
				(process, window) -> this.generator.run(address(process), spec, window));
	}

	/**
	 * Churn connections: connect, echo once, close, repeat.
	 * @param server the server
	 * @param concurrency connections in progress at once
	 * @param payloadSize the size of each connection's one message
	 * @param warmup the warm-up
	 * @param measure the measurement
	 * @param logName the server's log file name
	 * @return the result, counting connections as messages
	 * @throws InterruptedException if interrupted
	 */
	public CellResult churn(ServerSpec server, int concurrency, int payloadSize, Duration warmup, Duration measure,
			String logName) throws InterruptedException {
		LoadSpec spec = LoadSpec.closedLoop(concurrency, 1, payloadSize, warmup, measure);
		return measure(server, spec, logName, (process, window) -> this.generator.churn(address(process), concurrency,
				payloadSize, warmup, measure, window));
	}

	/**
	 * Run a load against several servers in turns, each in its own fresh JVM on the same
	 * CPUs, so that they are measured in the same window (see
	 * {@link LoadGenerator#runInTurns}).
	 * @param servers the servers
	 * @param spec the load each server gets in its turns
	 * @param slice the length of one turn
	 * @param seed the seed of the order of turns
	 * @param logSuffix appended to each server's id for its log file name
	 * @return one result per server, in the given order; if any server fails a gate, all
	 * results are failures naming it; a server that answered nothing in the window fails
	 * on its own
	 * @throws InterruptedException if interrupted
	 */
	public List<CellResult> runInTurns(List<ServerSpec> servers, LoadSpec spec, Duration slice, long seed,
			String logSuffix) throws InterruptedException {
		List<ServerProcess> processes = new ArrayList<>();
		try {
			List<String> logNames = inTurnsLogNames(servers, logSuffix);
			for (int i = 0; i < servers.size(); i++) {
				processes.add(this.launcher.start(servers.get(i), logNames.get(i)));
			}
			// One after another: each sits idle through the later ones' preparation, so the
			// caller varies which server starts first from run to run.
			for (ServerProcess process : processes) {
				prepare(process, spec);
			}
			List<ServerWindow> windows = processes.stream()
				.map((process) -> new ServerWindow(process, this.settleLimit))
				.toList();
			List<LoadResult> loads = this.generator.runInTurns(processes.stream().map(LoadScenario::address).toList(),
					spec, slice, seed, new MeasurementWindow() {
						@Override
						public boolean readyToOpen() {
							boolean ready = true;
							for (ServerWindow each : windows) {
								// Every window is asked, so that each measures from this question on.
								ready &= each.readyToOpen();
							}
							return ready;
						}

						@Override
						public Duration settleLimit() {
							return LoadScenario.this.settleLimit;
						}

						@Override
						public void opened() {
							windows.forEach(ServerWindow::opened);
						}

						@Override
						public void closed() {
							windows.forEach(ServerWindow::closed);
						}
					});
			List<CellResult> results = new ArrayList<>();
			for (int i = 0; i < servers.size(); i++) {
				LoadResult load = loads.get(i);
				results.add((load.messages() > 0) ? CellResult.ok(servers.get(i), load, windows.get(i).usage())
						: CellResult.failed(servers.get(i), spec, "no reply arrived in the measurement window"));
			}
			return results;
		}
		catch (LoadFailure | UncheckedIOException | IllegalStateException | IOException ex) {
			String diagnosis = processes.stream().map(ServerProcess::diagnosis).collect(Collectors.joining());
			String failure = "in turns with " + servers.stream().map(ServerSpec::id).toList() + ": "
					+ ex.getMessage() + diagnosis;
			return servers.stream().map((server) -> CellResult.failed(server, spec, failure)).toList();
		}
		finally {
			processes.forEach(ServerProcess::close);
		}
	}

	/**
	 * Return the log names of servers taking turns: a server that takes turns with
	 * another JVM of itself (the fixed rate's control) gets a number, so that neither's
	 * log or flight recording overwrites the other's.
	 * @param servers the servers, in the order they start
	 * @param logSuffix appended to each server's id
	 * @return one name per server
	 */
	static List<String> inTurnsLogNames(List<ServerSpec> servers, String logSuffix) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < servers.size(); i++) {
			ServerSpec server = servers.get(i);
			boolean repeated = servers.stream().filter(server::equals).count() > 1;
			names.add("in-turns-" + server.id() + "-" + logSuffix + (repeated ? "-" + (i + 1) : ""));
		}
		return names;
	}

	private CellResult measure(ServerSpec server, LoadSpec spec, String logName, Load load)
			throws InterruptedException {
		try (ServerProcess process = this.launcher.start(server, logName)) {
			try {
				prepare(process, spec);
				ServerWindow window = new ServerWindow(process, this.settleLimit);
				LoadResult result = load.run(process, window);
				if (result.messages() == 0) {
					return CellResult.failed(server, spec, "no reply arrived in the measurement window");
				}
				return CellResult.ok(server, result, window.usage());
			}
			catch (LoadFailure | IOException | UncheckedIOException | IllegalStateException ex) {
				return CellResult.failed(server, spec, ex.getMessage() + process.diagnosis());
			}
		}
		catch (IOException ex) {
			return CellResult.failed(server, spec, ex.getMessage());
		}
	}

	/**
	 * Bring a fresh server to the state of one that has run for a while, the same way for
	 * every server. Before a fixed-rate load it first echoes at full speed over as many
	 * connections, for the full-speed warm-up given at construction: at the fixed rate,
	 * warm-up alone leaves the JIT compiler still compiling the I/O path in the
	 * measurement window, on the server's one CPU, and more so for a framework with more
	 * code on the path. Then it collects garbage, so that what start-up left alive is
	 * old: otherwise the first young collections under load copy it, and their pauses
	 * grow with the framework's start-up heap rather than with what the server does per
	 * message.
	 */
	private void prepare(ServerProcess process, LoadSpec spec)
			throws IOException, LoadFailure, InterruptedException {
		if (spec.openLoop()) {
			try {
				this.generator.run(address(process), LoadSpec.closedLoop(spec.connections(), JIT_WARMUP_DEPTH,
						spec.payloadSize(), Duration.ZERO, this.fullSpeedWarmup), MeasurementWindow.NONE);
			}
			catch (LoadFailure ex) {
				throw new LoadFailure(process.spec().id() + " failed while warming up at full speed: "
						+ ex.getMessage(), ex);
			}
		}
		process.sampleAfterGc();
	}

	static InetSocketAddress address(ServerProcess process) {
		return new InetSocketAddress("127.0.0.1", process.port());
	}

	@FunctionalInterface
	private interface Load {

		LoadResult run(ServerProcess process, ServerWindow window) throws LoadFailure, InterruptedException;

	}

}
