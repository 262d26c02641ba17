package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.getty.bench.harness.load.IdleConnections;
import io.getty.bench.harness.load.LoadFailure;
import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerLauncher;
import io.getty.bench.harness.server.ServerProcess;
import io.getty.bench.harness.server.ServerSample;
import io.getty.bench.harness.server.ServerSpec;

/**
 * Holds many idle sessions open on a fresh server (each echoed one message first, so it
 * is fully set up) and measures the live heap they hold and the CPU the server spends
 * while they sit idle. getty's sessions run their cron every second meanwhile.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class IdleScenario {

	private static final int PAYLOAD = 128;

	private final ServerLauncher launcher;

	private final LoadGenerator generator;

	/**
	 * Create the scenario.
	 * @param launcher starts the servers
	 * @param generator the load generator
	 */
	public IdleScenario(ServerLauncher launcher, LoadGenerator generator) {
		this.launcher = launcher;
		this.generator = generator;
	}

	/**
	 * Return the variant of a server used for idle sessions: Spring Integration in NIO
	 * mode, because its Net mode spends a thread on every connection. Order does not
	 * matter here.
	 * @param server the server
	 * @return the variant to run
	 */
	public static ServerSpec variantFor(ServerSpec server) {
		if (server.equals(ServerCatalog.SPRING_INTEGRATION)) {
			return new ServerSpec(server.id(), "Spring Integration IP (NIO)", server.module(), server.mainClass(),
					List.of("--transport=nio", "--mode=nio", "--send-buffer=" + ServerCatalog.SPRING_INTEGRATION_SEND_BUFFER),
					server.transport(),
					server.handling());
		}
		return server;
	}

	/**
	 * Run the scenario.
	 * @param server the server
	 * @param sessions how many idle sessions to open
	 * @param settle how long to let them sit before measuring, so heartbeats have run
	 * @param observe how long to measure idle CPU
	 * @param logName the server's log file name
	 * @return the result
	 * @throws InterruptedException if interrupted
	 */
	public IdleResult run(ServerSpec server, int sessions, Duration settle, Duration observe, String logName)
			throws InterruptedException {
		ServerSpec variant = variantFor(server);
		try (ServerProcess process = this.launcher.start(variant, logName)) {
			try {
				return measure(process, variant, sessions, settle, observe);
			}
			catch (LoadFailure | IOException | RuntimeException ex) {
				return IdleResult.failed(variant, sessions, ex.getMessage() + process.diagnosis());
			}
		}
		catch (IOException | RuntimeException ex) {
			return IdleResult.failed(variant, sessions, ex.getMessage());
		}
	}

	private IdleResult measure(ServerProcess process, ServerSpec variant, int sessions, Duration settle,
			Duration observe) throws LoadFailure, IOException, InterruptedException {
		ServerSample before = process.sampleAfterGc();
		try (IdleConnections idle = this.generator.openIdle(LoadScenario.address(process), sessions, PAYLOAD)) {
			Thread.sleep(settle.toMillis());
			ServerSample idleStart = process.sample();
			Thread.sleep(observe.toMillis());
			ServerSample idleEnd = process.sample();
			ServerSample after = process.sampleAfterGc();
			double cpuPercent = 100 * (idleEnd.cpuSeconds() - idleStart.cpuSeconds()) / (observe.toNanos() / 1e9);
			if (!process.isAlive()) {
				return IdleResult.failed(variant, sessions, "the server exited while holding idle sessions");
			}
			return new IdleResult(variant, idle.size(), before.heapUsed(), after.heapUsed(), before.rssBytes(),
					after.rssBytes(), after.threads(), cpuPercent, null);
		}
	}

}
