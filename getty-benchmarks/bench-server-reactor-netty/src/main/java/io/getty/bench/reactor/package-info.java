/**
 * Reactor Netty echo server.
 */
package io.getty.bench.reactor;
