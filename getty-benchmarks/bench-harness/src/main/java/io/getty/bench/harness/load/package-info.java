/**
 * The load generator: one Netty client event loop that drives every server the same
 * way, verifies every echoed byte and the order of replies, and records latency in
 * HdrHistogram.
 */
package io.getty.bench.harness.load;
