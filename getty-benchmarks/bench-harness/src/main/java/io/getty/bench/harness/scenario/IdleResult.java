package io.getty.bench.harness.scenario;

import java.time.Duration;

import io.getty.bench.harness.server.ServerSpec;
import org.jspecify.annotations.Nullable;

/**
 * What idle sessions cost a server.
 *
 * @param server the server
 * @param sessions the idle sessions held open
 * @param heapBefore live heap before connecting, after garbage collection
 * @param heapAfter live heap with every session open, after garbage collection
 * @param rssBefore resident set size before connecting
 * @param rssAfter resident set size with every session open
 * @param threadsAfter live threads with every session open
 * @param idleCpuPercent CPU use of the whole server while the sessions sit idle, in
 * percent of one core, all threads: I/O, JIT compiler and garbage collector
 * @param jitCpuPercent the part of {@code idleCpuPercent} that the JIT compiler threads
 * used, negative where unknown
 * @param jitWait how much longer than the settle the sessions sat before the idle CPU was
 * measured, waiting for the JIT compiler to go quiet
 * @param failure why the run failed, {@code null} on success
 * @author getty team
 * @since 0.1.0
 */
public record IdleResult(ServerSpec server, int sessions, long heapBefore, long heapAfter, long rssBefore,
		long rssAfter, int threadsAfter, double idleCpuPercent, double jitCpuPercent, Duration jitWait,
		@Nullable String failure) {

	static IdleResult failed(ServerSpec server, int sessions, String failure) {
		return new IdleResult(server, sessions, 0, 0, 0, 0, 0, 0, -1, Duration.ZERO, failure);
	}

	/**
	 * Return whether the run succeeded.
	 * @return {@code true} on success
	 */
	public boolean passed() {
		return this.failure == null;
	}

	/**
	 * Return the live heap one idle session holds.
	 * @return bytes per session
	 */
	public double heapPerSession() {
		return (double) (this.heapAfter - this.heapBefore) / this.sessions;
	}

	/**
	 * Return the resident memory one idle session adds.
	 * @return bytes per session
	 */
	public double rssPerSession() {
		return (double) (this.rssAfter - this.rssBefore) / this.sessions;
	}

}
