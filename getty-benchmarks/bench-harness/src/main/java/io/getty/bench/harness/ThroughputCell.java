package io.getty.bench.harness;

import java.time.Duration;

import io.getty.bench.harness.load.LoadSpec;

/**
 * One throughput cell of the matrix: payload size, connections and messages in flight
 * per connection.
 *
 * @param payloadSize the payload size in bytes
 * @param connections the connections
 * @param depth messages in flight per connection (1 is ping-pong)
 * @author getty team
 * @since 0.1.0
 */
public record ThroughputCell(int payloadSize, int connections, int depth) {

	/**
	 * Return the closed-loop load of this cell.
	 * @param warmup the warm-up
	 * @param measure the measurement
	 * @return the load
	 */
	public LoadSpec spec(Duration warmup, Duration measure) {
		return LoadSpec.closedLoop(this.connections, this.depth, this.payloadSize, warmup, measure);
	}

	/**
	 * Return the cell's title, for example "128 B, 16 connections, depth 16".
	 * @return the title
	 */
	public String title() {
		return size(this.payloadSize) + ", " + this.connections + (this.connections == 1 ? " connection" : " connections")
				+ ", depth " + this.depth + ((this.connections == 1 && this.depth == 1) ? " (ping-pong)" : "");
	}

	/**
	 * Return a file-name friendly id, for example "128B-16c-d16".
	 * @return the id
	 */
	public String id() {
		return this.payloadSize + "B-" + this.connections + "c-d" + this.depth;
	}

	/**
	 * Format a size in bytes as the report does: "128 B", "1 KiB", "16 KiB".
	 * @param bytes the size
	 * @return the text
	 */
	public static String size(int bytes) {
		return (bytes >= 1024 && bytes % 1024 == 0) ? (bytes / 1024) + " KiB" : bytes + " B";
	}

}
