package io.getty.bench.harness.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine and software a run happened on, captured at its start: what anyone needs
 * to judge or repeat the numbers.
 *
 * @param facts names and values, in report order
 * @author getty team
 * @since 0.1.0
 */
public record RunEnvironment(Map<String, String> facts) {

	private static final java.time.Duration STALL_PROBE = java.time.Duration.ofSeconds(4);

	/**
	 * Capture the environment.
	 * @param root the benchmark modules, inside the repository
	 * @param java the {@code java} the servers run on
	 * @return the environment
	 */
	public static RunEnvironment capture(Path root, Path java) {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC)
			.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)) + " UTC");
		facts.put("git", gitRevision(root));
		facts.put("kernel", run("uname", "-a"));
		facts.put("CPU", cpuModel());
		facts.put("cores", run("nproc", "--all"));
		facts.put("memory", memTotal());
		facts.put("CPU governor", read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "not exposed (VM)"));
		facts.put("load average at start", read("/proc/loadavg", "unknown"));
		facts.put("JDK", String.join("; ", run(java.toString(), "-version").lines().toList()));
		facts.put("open files limit", openFilesLimit());
		facts.put("load generator JVM", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		facts.put("load generator CPUs", run("taskset", "-cp", String.valueOf(ProcessHandle.current().pid())));
		facts.put("stalls of an idle machine (a thread spinning on each CPU)",
				MachineStalls.measure(java, STALL_PROBE));
		return new RunEnvironment(facts);
	}

	private static String gitRevision(Path root) {
		String given = System.getenv("BENCH_GIT_SHA");
		if (given != null && !given.isBlank()) {
			return given.trim();
		}
		String revision = run("git", "-C", root.toString(), "rev-parse", "--short", "HEAD");
		if (revision.startsWith("unknown")) {
			return "unknown (not a git checkout; set BENCH_GIT_SHA)";
		}
		String changes = run("git", "-C", root.toString(), "status", "--porcelain");
		return revision + (changes.isBlank() ? "" : " with uncommitted changes");
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String memTotal() {
		String line = read("/proc/meminfo", "").lines().findFirst().orElse("");
		try {
			long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
			return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
		}
		catch (NumberFormatException ex) {
			return "unknown";
		}
	}

	private static String openFilesLimit() {
		return read("/proc/self/limits", "").lines()
			.filter((line) -> line.startsWith("Max open files"))
			.map((line) -> line.replaceAll("\\s+", " ").replace("Max open files ", ""))
			.findFirst()
			.orElse("unknown");
	}

	private static String read(String file, String otherwise) {
		try {
			return Files.readString(Path.of(file)).trim();
		}
		catch (IOException ex) {
			return otherwise;
		}
	}

	static String run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes()).trim();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return "unknown (" + String.join(" ", command) + " failed)";
			}
			return output;
		}
		catch (IOException ex) {
			return "unknown (" + command[0] + " not available)";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
