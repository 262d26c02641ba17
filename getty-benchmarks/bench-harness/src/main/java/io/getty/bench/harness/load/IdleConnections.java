package io.getty.bench.harness.load;

/**
 * Connections that each echoed one message and now stay open doing nothing, for
 * measuring what an idle session costs the server.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class IdleConnections implements AutoCloseable {

	private final ConnectionSet connections;

	IdleConnections(ConnectionSet connections) {
		this.connections = connections;
	}

	/**
	 * Return how many connections are open.
	 * @return the count
	 */
	public int size() {
		return this.connections.size();
	}

	/**
	 * Close every connection and wait until they are closed.
	 */
	@Override
	public void close() {
		this.connections.close();
	}

}
