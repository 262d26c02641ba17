/**
 * Turns a run's results into {@code docs/benchmarks.md} and histogram files.
 */
package io.getty.bench.harness.report;
