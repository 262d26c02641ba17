package io.getty.bench.netty;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the raw Netty echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class NettyEchoMain {

	private NettyEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "netty", NettyEchoServer::start);
	}

}
