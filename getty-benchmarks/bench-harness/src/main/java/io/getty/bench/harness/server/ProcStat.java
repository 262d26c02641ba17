package io.getty.bench.harness.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time from {@code /proc/<pid>/stat} (user plus system ticks),
 * from outside the process, so that every thread counts: I/O, JIT compiler and garbage
 * collector alike.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ProcStat {

	private static final int UTIME = 11;

	private static final int STIME = 12;

	private static final double TICKS_PER_SECOND = clockTicks();

	private ProcStat() {
	}

	/**
	 * Return the CPU time a process used so far.
	 * @param pid the process id
	 * @return user plus system seconds, or -1 where {@code /proc} is missing
	 */
	public static double cpuSeconds(long pid) {
		return seconds(pid, true);
	}

	/**
	 * Return the CPU time a process spent in its own code so far, outside the kernel:
	 * where servers make the same system calls, the part that tells their code apart.
	 * @param pid the process id
	 * @return user seconds, or -1 where {@code /proc} is missing
	 */
	public static double userSeconds(long pid) {
		return seconds(pid, false);
	}

	private static double seconds(long pid, boolean withSystem) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// The command name (field 2) may contain spaces; fields after it are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[UTIME]) + (withSystem ? Long.parseLong(fields[STIME]) : 0);
			return ticks / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static double clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
			getconf.waitFor();
			return Double.parseDouble(ticks);
		}
		catch (IOException | RuntimeException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
