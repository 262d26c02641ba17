package io.getty.bench.harness.scenario;

import io.getty.bench.harness.load.LoadResult;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.server.ServerSpec;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one server in one load cell: the client's measurement and the server's
 * usage, or why it failed.
 *
 * @param server the server
 * @param spec the load
 * @param load what the client measured, {@code null} on failure
 * @param usage what the server spent, {@code null} on failure
 * @param failure why the run failed, {@code null} on success
 * @author getty team
 * @since 0.1.0
 */
public record CellResult(ServerSpec server, LoadSpec spec, @Nullable LoadResult load, @Nullable ServerUsage usage,
		@Nullable String failure) {

	static CellResult ok(ServerSpec server, LoadResult load, ServerUsage usage) {
		return new CellResult(server, load.spec(), load, usage, null);
	}

	static CellResult failed(ServerSpec server, LoadSpec spec, String failure) {
		return new CellResult(server, spec, null, null, failure);
	}

	/**
	 * Return whether the run passed every correctness gate.
	 * @return {@code true} on success
	 */
	public boolean passed() {
		return this.failure == null;
	}

	/**
	 * Return the throughput.
	 * @return messages (or connections, for churn) per second
	 */
	public double perSecond() {
		return this.load.messagesPerSecond();
	}

	/**
	 * Return the server's CPU time per million messages.
	 * @return CPU seconds
	 */
	public double cpuSecondsPerMillion() {
		return this.usage.cpuSeconds() / (this.load.messages() / 1e6);
	}

	/**
	 * Return the server's user CPU time per million messages: its own code, without the
	 * system calls, which cost every server on the same transport alike.
	 * @return user CPU seconds
	 */
	public double userCpuSecondsPerMillion() {
		return this.usage.userCpuSeconds() / (this.load.messages() / 1e6);
	}

	/**
	 * Return how busy the server's process kept its one core in the window: its CPU time
	 * over the window's length. In a closed-loop cell a server well below 100 % was waiting
	 * for requests, so the cell measured the load generator, not the server.
	 * @return the share of one core, in percent
	 */
	public double serverBusyPercent() {
		return 100 * this.usage.cpuSeconds() * perSecond() / this.load.messages();
	}

	/**
	 * Return the bytes the server allocated per message.
	 * @return bytes
	 */
	public double allocatedBytesPerMessage() {
		return (double) this.usage.allocatedBytes() / this.load.messages();
	}

}
