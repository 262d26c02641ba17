package io.getty.bench.server;

/**
 * The control protocol between the harness and a server JVM: the harness writes one
 * command per line to the server's standard input; the server answers each with one line
 * on standard output that starts with {@link #PREFIX} and carries a flat JSON object.
 * Every other output line is log output and is ignored.
 *
 * <pre>
 * server:  @@bench {"event":"ready","port":40123,"transport":"nio",...}
 * harness: sample
 * server:  @@bench {"event":"sample","allocatedBytes":123456,...}
 * harness: gc
 * server:  @@bench {"event":"gc","heapUsed":4567890,...}
 * harness: quit
 * server:  @@bench {"event":"exit",...}
 * </pre>
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BenchProtocol {

	/** Marks the lines of the protocol among log output. */
	public static final String PREFIX = "@@bench ";

	/** Command: report a {@link ProcessSampler sample}. */
	public static final String SAMPLE = "sample";

	/** Command: collect garbage until the heap settles, then report a sample. */
	public static final String GC = "gc";

	/** Command: stop the server, report a last sample and exit. */
	public static final String QUIT = "quit";

	private BenchProtocol() {
	}

}
