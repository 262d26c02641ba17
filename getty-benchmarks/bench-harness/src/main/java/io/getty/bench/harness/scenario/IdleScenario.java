package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.getty.bench.harness.load.IdleConnections;
import io.getty.bench.harness.load.LoadFailure;
import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.server.ProcStat;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerLauncher;
import io.getty.bench.harness.server.ServerProcess;
import io.getty.bench.harness.server.ServerSample;
import io.getty.bench.harness.server.ServerSpec;

/**
 * Holds many idle sessions open on a fresh server (each echoed one message first, so it
 * is fully set up) and measures the live heap they hold and the CPU the server spends
 * while they sit idle. getty's sessions run their cron every second meanwhile.
 * <p>
 * The idle CPU is measured only once the server's JIT compiler has gone quiet (up to a
 * limit): opening 10,000 sessions makes it compile for seconds after the last one is
 * open, and a framework with more code compiles longer. Measured straight after a fixed
 * settle, compiler bursts of up to half a core in single seconds made the same server read
 * anything from 1 % to 11 % of a core from run to run.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class IdleScenario {

	private static final int PAYLOAD = 128;

	/**
	 * How often the settle asks whether the JIT compiler is quiet: the warm-up's step, since
	 * {@link JitActivity} judges its quiet over a number of such steps.
	 */
	static final Duration STEP = LoadGenerator.SETTLE_STEP;

	private final ServerLauncher launcher;

	private final LoadGenerator generator;

	private final Duration jitSettleLimit;

	/**
	 * Create the scenario.
	 * @param launcher starts the servers
	 * @param generator the load generator
	 * @param jitSettleLimit how much longer than its settle a server may sit before its
	 * idle CPU is measured, while its JIT compiler is at work
	 */
	public IdleScenario(ServerLauncher launcher, LoadGenerator generator, Duration jitSettleLimit) {
		this.launcher = launcher;
		this.generator = generator;
		this.jitSettleLimit = jitSettleLimit;
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
	 * @param settle how long at least to let them sit before measuring, so heartbeats have
	 * run
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
			JitActivity jit = new JitActivity(() -> ProcStat.jitCpuSeconds(process.pid()), System::nanoTime);
			Duration jitWait = settle(jit::quiet, settle, this.jitSettleLimit, (step) -> Thread.sleep(step.toMillis()));
			ServerSample idleStart = process.sample();
			// Read where the samples read the process's CPU, after the server's answer, so
			// that the compiler's part covers the same time as the whole.
			double jitStart = ProcStat.jitCpuSeconds(process.pid());
			Thread.sleep(observe.toMillis());
			ServerSample idleEnd = process.sample();
			double jitEnd = ProcStat.jitCpuSeconds(process.pid());
			ServerSample after = process.sampleAfterGc();
			double seconds = observe.toNanos() / 1e9;
			double cpuPercent = 100 * (idleEnd.cpuSeconds() - idleStart.cpuSeconds()) / seconds;
			// Less at the end only if HotSpot stopped a compiler thread in between.
			double jitPercent = (jitStart < 0 || jitEnd < 0) ? -1 : 100 * Math.max(0, jitEnd - jitStart) / seconds;
			if (!process.isAlive()) {
				return IdleResult.failed(variant, sessions, "the server exited while holding idle sessions");
			}
			return new IdleResult(variant, idle.size(), before.heapUsed(), after.heapUsed(), before.rssBytes(),
					after.rssBytes(), after.threads(), cpuPercent, jitPercent, jitWait, null);
		}
	}

	/**
	 * Let the sessions sit for the settle time, then on, a {@link #STEP} at a time, until
	 * the JIT compiler is quiet or the limit has passed as well. It is asked at every step
	 * of the settle too, so that its answer after the settle covers the last steps of it.
	 * @param quiet whether the JIT compiler is quiet, asked once a step
	 * @param settle the least time to sit
	 * @param limit how much longer to sit at most while the compiler is not quiet
	 * @param pause sleeps for a step
	 * @return how much longer than the settle it sat
	 * @throws InterruptedException if interrupted
	 */
	static Duration settle(BooleanSupplier quiet, Duration settle, Duration limit, Pause pause)
			throws InterruptedException {
		Duration sat = Duration.ZERO;
		while (true) {
			pause.sleep(STEP);
			sat = sat.plus(STEP);
			boolean isQuiet = quiet.getAsBoolean();
			if (sat.compareTo(settle) >= 0 && (isQuiet || sat.compareTo(settle.plus(limit)) >= 0)) {
				return sat.minus(settle);
			}
		}
	}

	/**
	 * Sleeps for a step; a test passes one that does not.
	 */
	@FunctionalInterface
	interface Pause {

		/**
		 * Sleep.
		 * @param duration how long
		 * @throws InterruptedException if interrupted
		 */
		void sleep(Duration duration) throws InterruptedException;

	}

}
