package io.getty.bench.harness.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time the whole machine spent in user and kernel mode, from {@code /proc/stat}. The
 * harness subtracts the server's and its own CPU time from it to see how much other
 * processes took during a measurement: on a shared 2-core machine a build running next to
 * the benchmark changes every number, and the report should say so.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class MachineLoad {

	private static final double TICKS_PER_SECOND = 100;

	private MachineLoad() {
	}

	/**
	 * Return the user, nice and system CPU seconds of all CPUs so far (interrupt time and
	 * steal excluded, since no process is charged with them).
	 * @return seconds, or -1 where {@code /proc/stat} is missing
	 */
	public static double busySeconds() {
		try {
			String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
			String[] fields = cpu.trim().split("\\s+");
			return (Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3]))
					/ TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Return this process's CPU seconds so far.
	 * @return seconds
	 */
	public static double ownSeconds() {
		return ProcStat.cpuSeconds(ProcessHandle.current().pid());
	}

	/**
	 * Wait until other processes leave the machine nearly idle, measured over half-second
	 * samples while no server runs, but no longer than {@code maxWait}.
	 * @param threshold the largest acceptable share of one core used by others, 0 to 1
	 * @param maxWait how long to wait at most
	 * @return the share of one core others used in the last sample
	 * @throws InterruptedException if interrupted
	 */
	public static double awaitQuiet(double threshold, Duration maxWait) throws InterruptedException {
		long deadline = System.nanoTime() + maxWait.toNanos();
		double others;
		do {
			double busy = busySeconds();
			double own = ownSeconds();
			long start = System.nanoTime();
			Thread.sleep(500);
			double seconds = (System.nanoTime() - start) / 1e9;
			others = ((busySeconds() - busy) - (ownSeconds() - own)) / seconds;
		}
		while (others > threshold && System.nanoTime() < deadline);
		return Math.max(0, others);
	}

}
