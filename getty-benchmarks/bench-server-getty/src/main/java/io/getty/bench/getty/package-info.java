/**
 * getty-core echo server: a {@code TcpServer} with the listener on the I/O thread.
 */
package io.getty.bench.getty;
