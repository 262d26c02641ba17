package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.getty.EventLoops;
import io.getty.bench.harness.server.ServerLauncher;
import io.getty.bench.harness.server.ServerProcess;
import io.getty.bench.harness.server.ServerSpec;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpClient;

/**
 * Measures how long a getty {@link TcpClient} pool, with its default reconnect settings,
 * takes to refill after its server is killed (SIGKILL) and restarted on the same port.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ReconnectScenario {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final ServerLauncher launcher;

	/**
	 * Create the scenario.
	 * @param launcher starts the servers
	 */
	public ReconnectScenario(ServerLauncher launcher) {
		this.launcher = launcher;
	}

	/**
	 * Run the scenario.
	 * @param server a getty server
	 * @param poolSize the client's {@code connectionNumber}
	 * @param downtime how long the server stays down
	 * @param cycles how many restarts
	 * @return the result
	 * @throws InterruptedException if interrupted
	 */
	public ReconnectResult run(ServerSpec server, int poolSize, Duration downtime, int cycles)
			throws InterruptedException {
		PoolProbe probe = new PoolProbe();
		List<ReconnectResult.Cycle> measured = new ArrayList<>();
		ServerProcess process = null;
		TcpClient client = null;
		EventLoops loops = EventLoops.create(1, true);
		try {
			process = this.launcher.start(server, "reconnect-" + server.id() + "-0");
			int port = process.port();
			client = TcpClient.builder()
				.name("bench-pool")
				.serverAddress("127.0.0.1", port)
				.connectionNumber(poolSize)
				.eventLoops(loops)
				.codec(LengthFieldCodec.int32BigEndian())
				.listener(probe)
				.build();
			client.start();
			awaitTrue(() -> probe.openSessions() == poolSize, "the pool never filled");
			for (int cycle = 1; cycle <= cycles; cycle++) {
				long killed = System.nanoTime();
				process.kill();
				awaitTrue(() -> probe.openSessions() == 0, "sessions stayed open after the server died");
				Thread.sleep(downtime.toMillis());
				probe.arm();
				process = this.launcher.start(server, "reconnect-" + server.id() + "-" + cycle, "--port=" + port);
				long listening = System.nanoTime();
				awaitTrue(() -> probe.openSessions() == poolSize, "the pool did not refill");
				long full = System.nanoTime();
				awaitTrue(() -> probe.firstEchoNanos() != 0 || probe.failure() != null, "the probe got no echo");
				if (probe.failure() != null) {
					throw new IllegalStateException(probe.failure());
				}
				measured.add(new ReconnectResult.Cycle(millis(listening - killed),
						millis(probe.firstEchoNanos() - listening), millis(full - listening)));
			}
			long reconnects = client.reconnectCount();
			return new ReconnectResult(poolSize, downtime, TcpClient.DEFAULT_RECONNECT_INTERVAL, measured, reconnects,
					null);
		}
		catch (IOException | RuntimeException ex) {
			return new ReconnectResult(poolSize, downtime, TcpClient.DEFAULT_RECONNECT_INTERVAL, measured, 0,
					String.valueOf(ex.getMessage()));
		}
		finally {
			if (client != null) {
				client.close(Duration.ofSeconds(5));
			}
			loops.close();
			if (process != null) {
				process.close();
			}
		}
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private static void awaitTrue(BooleanSupplier condition, String failure) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(failure + " within " + WAIT.toSeconds() + " s");
			}
			// Polling every millisecond keeps the measurement error below a millisecond.
			TimeUnit.MILLISECONDS.sleep(1);
		}
	}

}
