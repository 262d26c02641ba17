package io.getty.bench.harness.server;

import java.util.Map;

/**
 * One sample a server took of its own JVM (see {@code ProcessSampler}), plus its CPU
 * ticks and resident set size, which the harness read from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/status} at the same moment.
 *
 * @param allocatedBytes bytes allocated by all threads since the JVM started
 * @param heapUsed heap in use
 * @param gcCount garbage collections so far
 * @param gcMillis time spent in garbage collection so far
 * @param rssBytes resident set size, or -1 where {@code /proc} is missing
 * @param threads live threads
 * @param cpuSeconds user plus system CPU time of the process so far
 * @param userCpuSeconds the user part of it
 * @author getty team
 * @since 0.1.0
 */
public record ServerSample(long allocatedBytes, long heapUsed, long gcCount, long gcMillis, long rssBytes,
		int threads, double cpuSeconds, double userCpuSeconds) {

	static ServerSample of(Map<String, String> values, ProcStat.Times cpu, long rssBytes) {
		return new ServerSample(number(values, "allocatedBytes"), number(values, "heapUsed"),
				number(values, "gcCount"), number(values, "gcMillis"), rssBytes,
				(int) number(values, "threads"), cpu.totalSeconds(), cpu.userSeconds());
	}

	private static long number(Map<String, String> values, String name) {
		String value = values.get(name);
		if (value == null) {
			throw new IllegalStateException("Server sample lacks '" + name + "': " + values);
		}
		return Long.parseLong(value);
	}

}
