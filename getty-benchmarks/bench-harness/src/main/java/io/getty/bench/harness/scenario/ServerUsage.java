package io.getty.bench.harness.scenario;

import io.getty.bench.harness.server.ServerSample;

/**
 * What a server spent during a measurement window: the difference of two samples.
 *
 * @param cpuSeconds user plus system CPU seconds of the whole process
 * @param userCpuSeconds the user part of it: the process's own code, without the kernel
 * @param allocatedBytes bytes allocated by all its threads
 * @param gcCount garbage collections
 * @param gcMillis time in garbage collection
 * @param jitCpuSeconds CPU seconds of the JIT compiler threads, or -1 if unknown: above
 * zero, the window measured the compiler's work on the server's CPU too
 * @param otherCpuSeconds CPU seconds that processes other than the server and the load
 * generator used meanwhile: noise from the rest of the machine
 * @param seconds the window's length
 * @param warmupSeconds how long the load ran before the window opened, connecting
 * included: its warm-up, and any wait for the JIT compiler to go quiet
 * @author getty team
 * @since 0.1.0
 */
public record ServerUsage(double cpuSeconds, double userCpuSeconds, long allocatedBytes, long gcCount, long gcMillis,
		double jitCpuSeconds, double otherCpuSeconds, double seconds, double warmupSeconds) {

	/**
	 * Return the difference between two samples.
	 * @param start the sample at the start of the window
	 * @param end the sample at its end
	 * @param machineBusySeconds CPU seconds the whole machine used in the window
	 * @param ownSeconds CPU seconds the load generator used in the window
	 * @param jitCpuSeconds CPU seconds of the JIT compiler threads in the window, or -1 if
	 * unknown
	 * @param seconds the window's length
	 * @param warmupSeconds how long the load ran before the window opened
	 * @return the usage in between
	 */
	public static ServerUsage between(ServerSample start, ServerSample end, double machineBusySeconds,
			double ownSeconds, double jitCpuSeconds, double seconds, double warmupSeconds) {
		double cpu = end.cpuSeconds() - start.cpuSeconds();
		return new ServerUsage(cpu, end.userCpuSeconds() - start.userCpuSeconds(),
				end.allocatedBytes() - start.allocatedBytes(), end.gcCount() - start.gcCount(),
				end.gcMillis() - start.gcMillis(), jitCpuSeconds,
				Math.max(0, machineBusySeconds - cpu - ownSeconds), seconds, warmupSeconds);
	}

	/**
	 * Return how much of one core other processes used during the window.
	 * @return percent of one core
	 */
	public double otherCpuPercent() {
		return 100 * this.otherCpuSeconds / this.seconds;
	}

}
