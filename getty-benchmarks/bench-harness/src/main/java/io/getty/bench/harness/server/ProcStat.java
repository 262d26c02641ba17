package io.getty.bench.harness.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time from {@code /proc/<pid>/stat} (user plus system ticks),
 * from outside the process, so that every thread counts: I/O, JIT compiler and garbage
 * collector alike; and its JIT compiler threads' share from
 * {@code /proc/<pid>/task/<tid>/schedstat}.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ProcStat {

	private static final int UTIME = 11;

	private static final int STIME = 12;

	private static final double TICKS_PER_SECOND = clockTicks();

	/** Whether this kernel keeps per-thread scheduler statistics (CONFIG_SCHED_INFO). */
	private static final boolean SCHEDSTAT = Files.isReadable(Path.of("/proc/self/schedstat"));

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
	 * Return a process's resident set size, read here rather than in the server's JVM
	 * (see {@code ProcessSampler}).
	 * @param pid the process id
	 * @return bytes, or -1 where {@code /proc} is missing
	 */
	public static long residentSetBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					// "VmRSS:     123456 kB"
					return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Return the CPU time that a HotSpot JVM's JIT compiler threads have used so far. They
	 * run on the server's one CPU: while they compile, the I/O thread waits for the CPU
	 * (docs/benchmarks.md, "Fixed-rate latency").
	 * @param pid the process id of the JVM
	 * @return seconds, summed over the compiler threads alive now (a compiler thread
	 * that HotSpot stopped no longer counts), or -1 where {@code /proc} is missing
	 */
	public static double jitCpuSeconds(long pid) {
		if (!SCHEDSTAT) {
			return -1;
		}
		Path tasks = Path.of("/proc", String.valueOf(pid), "task");
		long nanos = 0;
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
			for (Path thread : threads) {
				nanos += compilerNanos(thread);
			}
			return nanos / 1e9;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Return a thread's CPU nanoseconds if it is a JIT compiler thread, else 0. Its name
	 * is "C1 CompilerThread0" or "C2 CompilerThread0" (cut to 15 characters by the
	 * kernel); {@code schedstat} counts in nanoseconds, where {@code stat} counts ticks of
	 * 10 ms, as long as a whole compilation often takes.
	 */
	private static long compilerNanos(Path thread) {
		try {
			String name = Files.readString(thread.resolve("comm")).trim();
			if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
				return 0;
			}
			String schedstat = Files.readString(thread.resolve("schedstat"));
			return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
		}
		catch (IOException | RuntimeException ex) {
			// The thread ended meanwhile (the kernel has schedstat files: see SCHEDSTAT).
			return 0;
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
