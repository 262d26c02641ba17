package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import io.getty.bench.harness.load.LoadFailure;
import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
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

	private final ServerLauncher launcher;

	private final LoadGenerator generator;

	/**
	 * Create the scenario.
	 * @param launcher starts the servers
	 * @param generator the load generator
	 */
	public LoadScenario(ServerLauncher launcher, LoadGenerator generator) {
		this.launcher = launcher;
		this.generator = generator;
	}

	/**
	 * Run a closed- or open-loop load.
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

	private CellResult measure(ServerSpec server, LoadSpec spec, String logName, Load load)
			throws InterruptedException {
		try (ServerProcess process = this.launcher.start(server, logName)) {
			try {
				ServerWindow window = new ServerWindow(process);
				LoadResult result = load.run(process, window);
				if (result.messages() == 0) {
					return CellResult.failed(server, spec, "no reply arrived in the measurement window");
				}
				return CellResult.ok(server, result, window.usage());
			}
			catch (LoadFailure | UncheckedIOException | IllegalStateException ex) {
				return CellResult.failed(server, spec, ex.getMessage() + process.diagnosis());
			}
		}
		catch (IOException ex) {
			return CellResult.failed(server, spec, ex.getMessage());
		}
	}

	static InetSocketAddress address(ServerProcess process) {
		return new InetSocketAddress("127.0.0.1", process.port());
	}

	@FunctionalInterface
	private interface Load {

		LoadResult run(ServerProcess process, ServerWindow window) throws LoadFailure, InterruptedException;

	}

}
