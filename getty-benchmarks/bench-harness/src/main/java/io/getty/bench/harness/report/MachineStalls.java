package io.getty.bench.harness.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How often an idle machine stops a running thread: a thread spins on each CPU reading
 * the clock, and every gap between two reads is time the thread did not run (the
 * hypervisor or the kernel ran something else). A fixed-rate run measures from each
 * message's intended send time, so gaps of a millisecond or more on either CPU reach its
 * tail whatever the server; this puts their share of the time in the report.
 *
 * <p>
 * {@link #main} is the probe, run in its own JVM pinned to one CPU.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class MachineStalls {

	private static final long SMALL_GAP_NANOS = 100_000;

	private static final long LARGE_GAP_NANOS = 1_000_000;

	/** The loop is compiled and the JVM settled by then. */
	private static final long SETTLE_NANOS = 300_000_000;

	private MachineStalls() {
	}

	/**
	 * Spin and report the gaps, as one line of {@code key=value} pairs.
	 * @param args the time to spin, in milliseconds
	 */
	public static void main(String[] args) {
		long spinNanos = Long.parseLong(args[0]) * 1_000_000;
		long start = System.nanoTime();
		long from = start + SETTLE_NANOS;
		long end = from + spinNanos;
		long previous = start;
		long small = 0;
		long large = 0;
		long longest = 0;
		long stalled = 0;
		for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
			long gap = now - previous;
			if (gap >= SMALL_GAP_NANOS && previous >= from) {
				small++;
				stalled += gap;
				longest = Math.max(longest, gap);
				if (gap >= LARGE_GAP_NANOS) {
					large++;
				}
			}
			previous = now;
		}
		System.out.printf(Locale.ROOT, "gaps100us=%d gaps1ms=%d longestUs=%d stalledUs=%d spunUs=%d%n", small, large,
				longest / 1000, stalled / 1000, spinNanos / 1000);
	}

	/**
	 * Probe every CPU at once, each with a JVM pinned to it by {@code taskset}, or one
	 * unpinned JVM where {@code taskset} is missing.
	 * @param java the {@code java} to run the probes with
	 * @param spin how long each probe spins
	 * @return one line per CPU, for the report
	 */
	static String measure(Path java, Duration spin) {
		int cpus = Runtime.getRuntime().availableProcessors();
		String nproc = RunEnvironment.run("nproc", "--all");
		try {
			cpus = Integer.parseInt(nproc.trim());
		}
		catch (NumberFormatException ex) {
			// Keep the JVM's count.
		}
		boolean pin = !RunEnvironment.run("taskset", "-V").startsWith("unknown");
		String classPath = System.getProperty("java.class.path");
		List<Process> probes = new ArrayList<>();
		try {
			for (int cpu = 0; cpu < (pin ? cpus : 1); cpu++) {
				List<String> command = new ArrayList<>();
				if (pin) {
					command.addAll(List.of("taskset", "-c", String.valueOf(cpu)));
				}
				command.addAll(List.of(java.toString(), "-XX:ActiveProcessorCount=1", "-Xmx64m", "-cp", classPath,
						MachineStalls.class.getName(), String.valueOf(spin.toMillis())));
				probes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
			}
			List<String> lines = new ArrayList<>();
			for (int cpu = 0; cpu < probes.size(); cpu++) {
				Process probe = probes.get(cpu);
				String output = new String(probe.getInputStream().readAllBytes()).trim();
				probe.waitFor();
				lines.add((pin ? "CPU " + cpu : "unpinned") + ": " + describe(output));
			}
			return String.join("; ", lines);
		}
		catch (java.io.IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
		finally {
			probes.forEach(Process::destroy);
		}
	}

	static String describe(String output) {
		java.util.Map<String, Long> values = new java.util.HashMap<>();
		// A JVM may print around the answer (JAVA_TOOL_OPTIONS, -Xlog at exit): find its line.
		String answer = output.lines()
			.filter((line) -> line.startsWith("gaps100us="))
			.reduce((first, second) -> second)
			.orElse(output.strip().replaceAll("\\s*\\R\\s*", " / "));
		for (String pair : answer.split("\\s+")) {
			String[] parts = pair.split("=");
			if (parts.length != 2) {
				return "unknown (" + answer + ")";
			}
			try {
				values.put(parts[0], Long.parseLong(parts[1]));
			}
			catch (NumberFormatException ex) {
				return "unknown (" + answer + ")";
			}
		}
		if (!values.keySet().containsAll(List.of("gaps100us", "gaps1ms", "longestUs", "stalledUs", "spunUs"))) {
			return "unknown (" + answer + ")";
		}
		return String.format(Locale.ROOT,
				"%d gaps ≥ 1 ms and %d ≥ 100 µs in %.1f s, longest %.1f ms, %.2f %% of the time lost",
				values.get("gaps1ms"), values.get("gaps100us"), values.get("spunUs") / 1e6,
				values.get("longestUs") / 1e3, 100.0 * values.get("stalledUs") / values.get("spunUs"));
	}

}
