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
		return times(pid).totalSeconds();
	}

	/**
	 * Return the CPU time a process used so far, split into its own code and the kernel's
	 * work for it: where servers make the same system calls, the user part is what tells
	 * their code apart.
	 * @param pid the process id
	 * @return the times, both -1 where {@code /proc} is missing
	 */
	public static Times times(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// The command name (field 2) may contain spaces; fields after it are fixed.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return new Times(Long.parseLong(fields[UTIME]) / TICKS_PER_SECOND,
					Long.parseLong(fields[STIME]) / TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return new Times(-1, -1);
		}
	}

	/**
	 * A process's CPU time so far.
	 *
	 * @param userSeconds time in its own code
	 * @param systemSeconds time in the kernel on its behalf
	 */
	public record Times(double userSeconds, double systemSeconds) {

		/**
		 * Return user plus system time.
		 * @return seconds, or -1 if unknown
		 */
		public double totalSeconds() {
			return (this.userSeconds < 0) ? -1 : this.userSeconds + this.systemSeconds;
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
