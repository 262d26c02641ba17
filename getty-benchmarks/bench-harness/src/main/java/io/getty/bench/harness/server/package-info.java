/**
 * The servers under test: which exist, how each is launched in its own JVM, and how the
 * harness talks to it and samples it.
 */
package io.getty.bench.harness.server;
