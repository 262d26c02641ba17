package io.getty.bench.reactor;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the Reactor Netty echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ReactorNettyEchoMain {

	private ReactorNettyEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "reactor-netty", ReactorNettyEchoServer::start);
	}

}
