package io.getty.bench.harness.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.getty.bench.harness.load.MeasurementWindow;
import io.getty.bench.harness.server.MachineLoad;
import io.getty.bench.harness.server.ProcStat;
import io.getty.bench.harness.server.ServerProcess;
import io.getty.bench.harness.server.ServerSample;

/**
 * Samples the server when the load generator's measurement window opens and closes, so
 * that CPU and allocation cover exactly the counted messages, and holds the window
 * shut, up to a limit, while the server's JIT compiler is still at work.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ServerWindow implements MeasurementWindow {

	private final ServerProcess server;

	private final JitActivity jit;

	private final Duration settleLimit;

	/** When the load started, about: the window is created just before it. */
	private final long nanosCreated;

	private ServerSample start;

	private ServerSample end;

	private double machineStart;

	private double ownStart;

	private long nanosStart;

	private double machine;

	private double own;

	private double seconds;

	private double jitStart;

	private double jitSeconds;

	/**
	 * Watch a server.
	 * @param server the server
	 * @param settleLimit how much longer than its minimum the warm-up may run while the
	 * server's JIT compiler is at work; zero never waits for it
	 */
	ServerWindow(ServerProcess server, Duration settleLimit) {
		this.server = server;
		this.settleLimit = settleLimit;
		this.nanosCreated = System.nanoTime();
		this.jit = new JitActivity(() -> ProcStat.jitCpuSeconds(server.pid()), System::nanoTime);
	}

	@Override
	public boolean readyToOpen() {
		return this.jit.quiet();
	}

	@Override
	public Duration settleLimit() {
		return this.settleLimit;
	}

	@Override
	public void opened() {
		this.start = sample();
		// After the opening sample's answer and before the closing one's request, so that
		// what answering makes the JVM compile (its command reader, once) is left out.
		this.jitStart = ProcStat.jitCpuSeconds(this.server.pid());
		this.machineStart = MachineLoad.busySeconds();
		this.ownStart = MachineLoad.ownSeconds();
		this.nanosStart = System.nanoTime();
	}

	@Override
	public void closed() {
		this.machine = MachineLoad.busySeconds() - this.machineStart;
		this.own = MachineLoad.ownSeconds() - this.ownStart;
		this.seconds = (System.nanoTime() - this.nanosStart) / 1e9;
		double jitEnd = ProcStat.jitCpuSeconds(this.server.pid());
		// Less at the end only if HotSpot stopped a compiler thread in between.
		this.jitSeconds = (this.jitStart < 0 || jitEnd < 0) ? -1 : Math.max(0, jitEnd - this.jitStart);
		this.end = sample();
	}

	private ServerSample sample() {
		try {
			return this.server.sample();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ServerUsage usage() {
		if (this.start == null || this.end == null) {
			throw new IllegalStateException("The measurement window of " + this.server + " never closed");
		}
		return ServerUsage.between(this.start, this.end, this.machine, this.own, this.jitSeconds, this.seconds,
				(this.nanosStart - this.nanosCreated) / 1e9);
	}

}
