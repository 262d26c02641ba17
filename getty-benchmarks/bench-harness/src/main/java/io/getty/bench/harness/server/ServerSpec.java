package io.getty.bench.harness.server;

import java.util.List;

/**
 * One server variant of the benchmark.
 *
 * @param id a short id for command lines and file names
 * @param label the name in reports
 * @param module the Maven module directory under {@code getty-benchmarks}
 * @param mainClass the main class, which runs under the benchmark wrapper
 * @param args the server's options ({@code --name=value})
 * @param transport {@code nio} or {@code epoll}: the transport asked for, checked by the
 * wrapper
 * @param handling what the server does with a frame, for the report
 * @author getty team
 * @since 0.1.0
 */
public record ServerSpec(String id, String label, String module, String mainClass, List<String> args,
		String transport, String handling) {

	/**
	 * Return whether this is a raw Netty server, the baseline of every ratio.
	 * @return {@code true} for raw Netty
	 */
	public boolean isBaseline() {
		return "bench-server-netty".equals(this.module);
	}

}
