package io.getty.bench.getty;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the getty-core echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class GettyEchoMain {

	private GettyEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "getty", GettyEchoServer::start);
	}

}
