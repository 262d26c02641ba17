package io.getty.bench.boot;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the Spring Boot echo application under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BootEchoMain {

	private BootEchoMain() {
	}

	/**
	 * Start the application.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "getty-boot", BootEchoServer::start);
	}

}
