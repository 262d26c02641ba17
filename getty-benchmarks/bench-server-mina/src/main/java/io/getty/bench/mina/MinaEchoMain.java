package io.getty.bench.mina;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the MINA echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class MinaEchoMain {

	private MinaEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "mina", MinaEchoServer::start);
	}

}
