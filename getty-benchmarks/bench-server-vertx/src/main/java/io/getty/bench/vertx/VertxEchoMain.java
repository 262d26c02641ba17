package io.getty.bench.vertx;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the Vert.x echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class VertxEchoMain {

	private VertxEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "vertx", VertxEchoServer::start);
	}

}
