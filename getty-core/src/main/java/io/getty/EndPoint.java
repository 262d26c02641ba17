package io.getty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A server or client: Getty's {@code EndPoint}. It owns the sessions it accepted or
 * opened and closes them when it closes (Getty's servers leak them; this one does not).
 *
 * @author getty team
 * @since 0.1.0
 */
public interface EndPoint extends AutoCloseable {

	/**
	 * Return the endpoint id. Servers and clients are numbered separately, from 1, as in
	 * Getty.
	 * @return the id
	 */
	int id();

	/**
	 * Return the endpoint name, used in logs, errors and metrics.
	 * @return the name
	 */
	String name();

	/**
	 * Return the endpoint type.
	 * @return the type
	 */
	EndPointType type();

	/**
	 * Start the endpoint. A server binds before this method returns and fails with a
	 * {@link GettyException} naming the address when it cannot; a client starts
	 * connecting in the background and returns at once, so an unreachable server never
	 * blocks the caller.
	 * @throws GettyException if the endpoint cannot start
	 */
	void start();

	/**
	 * Return the bound address of a server, or the server address a client connects to.
	 * @return the address, or {@code null} when a server is not started or closed, or a
	 * client not started
	 */
	@Nullable InetSocketAddress address();

	/**
	 * Return the open sessions of this endpoint.
	 * @return an unmodifiable snapshot
	 */
	Collection<Session> sessions();

	/**
	 * Return one open session by its id.
	 * @param sessionId the id returned by {@link Session#id()}
	 * @return the session, if it is open and belongs to this endpoint
	 */
	Optional<Session> session(long sessionId);

	/**
	 * Return the endpoint's counters: its open sessions plus every session it had.
	 * @return a snapshot
	 */
	EndPointStats stats();

	/**
	 * Return whether {@link #close()} has begun.
	 * @return {@code true} once closing
	 */
	boolean isClosed();

	/**
	 * Stop accepting (server) or reconnecting (client), close every session and wait, at
	 * most {@code timeout}, until every session's {@code onClose} and close callbacks have
	 * run. Idempotent.
	 * @param timeout the longest time to wait for sessions to finish closing
	 * @return {@code true} if every session finished closing in time
	 */
	boolean close(Duration timeout);

	/**
	 * Close with a timeout of 30 seconds.
	 * @see #close(Duration)
	 */
	@Override
	default void close() {
		close(Duration.ofSeconds(30));
	}

}
