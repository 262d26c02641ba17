package io.getty.bench.server;

/**
 * Starts one kind of echo server.
 *
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface EchoServerFactory {

	/**
	 * Start a server and return once it accepts connections.
	 * @param options the options
	 * @return the running server
	 * @throws Exception if it cannot start
	 */
	EchoServer start(ServerOptions options) throws Exception;

}
