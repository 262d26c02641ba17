/**
 * Getty's session model on Netty: endpoints, sessions, listeners and write results.
 *
 * <p>
 * Start with {@link io.getty.tcp.TcpServer} and {@link io.getty.tcp.TcpClient}; every
 * connection becomes a {@link io.getty.Session} whose events reach an
 * {@link io.getty.EventListener}.
 */
@NullMarked
package io.getty;

import org.jspecify.annotations.NullMarked;
