package io.getty.bench.harness.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One load pattern: connections, payload size, and either a closed loop with a fixed
 * number of messages in flight per connection (throughput) or an open loop at a fixed
 * total rate (latency).
 *
 * @param connections the number of connections
 * @param depth messages in flight per connection in a closed loop (1 is ping-pong)
 * @param payloadSize the payload size in bytes, at least {@link Frames#MIN_PAYLOAD}
 * @param ratePerSecond the total send rate of an open loop, or 0 for a closed loop
 * @param warmup how long to run before measuring
 * @param measure how long to measure
 * @author getty team
 * @since 0.1.0
 */
public record LoadSpec(int connections, int depth, int payloadSize, int ratePerSecond, Duration warmup,
		Duration measure) {

	/**
	 * Validate the values.
	 */
	public LoadSpec {
		if (connections < 1 || depth < 1 || ratePerSecond < 0) {
			throw new IllegalArgumentException("connections and depth must be positive, rate not negative");
		}
		Frames.checkPayloadSize(payloadSize);
		Objects.requireNonNull(warmup, "warmup");
		Objects.requireNonNull(measure, "measure");
	}

	/**
	 * A closed loop.
	 * @param connections the connections
	 * @param depth messages in flight per connection
	 * @param payloadSize the payload size
	 * @param warmup the warm-up
	 * @param measure the measurement
	 * @return the spec
	 */
	public static LoadSpec closedLoop(int connections, int depth, int payloadSize, Duration warmup,
			Duration measure) {
		return new LoadSpec(connections, depth, payloadSize, 0, warmup, measure);
	}

	/**
	 * An open loop at a fixed total rate; latency is measured from each message's intended
	 * send time, so a stalled server cannot hide its stall (no coordinated omission).
	 * @param connections the connections
	 * @param payloadSize the payload size
	 * @param ratePerSecond messages per second over all connections
	 * @param warmup the warm-up
	 * @param measure the measurement
	 * @return the spec
	 */
	public static LoadSpec fixedRate(int connections, int payloadSize, int ratePerSecond, Duration warmup,
			Duration measure) {
		if (ratePerSecond < 1) {
			throw new IllegalArgumentException("rate must be positive");
		}
		return new LoadSpec(connections, 1, payloadSize, ratePerSecond, warmup, measure);
	}

	/**
	 * Return whether this is an open loop.
	 * @return {@code true} at a fixed rate
	 */
	public boolean openLoop() {
		return this.ratePerSecond > 0;
	}

	@Override
	public String toString() {
		String load = openLoop() ? this.ratePerSecond + " msgs/s" : "depth " + this.depth;
		return this.payloadSize + " B, " + this.connections + " conn, " + load;
	}

}
