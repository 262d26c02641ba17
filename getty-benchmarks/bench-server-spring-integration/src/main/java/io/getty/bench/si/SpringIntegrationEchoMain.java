package io.getty.bench.si;

import io.getty.bench.server.BenchServerMain;

/**
 * Runs the Spring Integration echo server under the benchmark wrapper.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class SpringIntegrationEchoMain {

	private SpringIntegrationEchoMain() {
	}

	/**
	 * Start the server.
	 * @param args the options of {@link io.getty.bench.server.ServerOptions}; {@code --mode=net}
	 * (the default, thread per connection, keeps order) or {@code --mode=nio}
	 */
	public static void main(String[] args) {
		BenchServerMain.run(args, "spring-integration", SpringIntegrationEchoServer::start);
	}

}
