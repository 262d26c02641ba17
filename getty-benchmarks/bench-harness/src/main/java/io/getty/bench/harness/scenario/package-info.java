/**
 * The scenarios of a benchmark run: throughput and fixed-rate latency cells, idle
 * sessions, connection churn and client-pool refill. Each starts a fresh server JVM and
 * returns plain results; none of them formats anything.
 */
package io.getty.bench.harness.scenario;
