package io.getty.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The main method every benchmark server runs under. It starts the server, announces the
 * port, then answers the harness's commands on standard input (see {@link BenchProtocol})
 * until {@code quit} or end of input. Each server module's own {@code main} is one line
 * that calls {@link #run(String[], String, EchoServerFactory)}.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BenchServerMain {

	private static final long CLOSE_TIMEOUT_SECONDS = 10;

	private final String name;

	private final ProcessSampler sampler = new ProcessSampler();

	private final AtomicBoolean exited = new AtomicBoolean();

	private BenchServerMain(String name) {
		this.name = name;
	}

	/**
	 * Start a server and serve the control protocol; exits the JVM when done, because some
	 * frameworks leave non-daemon threads behind.
	 * @param args the {@code --name=value} options of {@link ServerOptions}
	 * @param name the server's name in reports
	 * @param factory starts the server
	 */
	public static void run(String[] args, String name, EchoServerFactory factory) {
		int status = new BenchServerMain(name).serve(ServerOptions.parse(args), factory);
		System.exit(status);
	}

	private int serve(ServerOptions options, EchoServerFactory factory) {
		EchoServer server;
		try {
			server = factory.start(options);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			emit(event("failed").field("error", String.valueOf(ex)));
			return 1;
		}
		if (server.transport() != options.transport()) {
			emit(event("failed").field("error", this.name + " runs on " + server.transport().id() + ", not "
					+ options.transport().id() + " as asked"));
			closeQuietly(server);
			return 1;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> exit(server), "bench-exit"));
		emit(event("ready").field("server", this.name)
			.field("port", server.port())
			.field("transport", server.transport().id())
			.field("pid", ProcessHandle.current().pid())
			.field("java", Runtime.version().toString()));
		try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			for (String command = commands.readLine(); command != null; command = commands.readLine()) {
				switch (command.trim()) {
					case BenchProtocol.SAMPLE -> emit(this.sampler.sample(event("sample")));
					case BenchProtocol.GC -> emit(this.sampler.sampleAfterGc(event("gc")));
					case BenchProtocol.QUIT -> {
						exit(server);
						return 0;
					}
					default -> emit(event("error").field("error", "unknown command '" + command + "'"));
				}
			}
		}
		catch (IOException ex) {
			// The harness went away: stop as if told to quit.
		}
		exit(server);
		return 0;
	}

	private void exit(EchoServer server) {
		if (this.exited.compareAndSet(false, true)) {
			BenchJson.ObjectWriter last = this.sampler.sample(event("exit"));
			closeQuietly(server);
			emit(last);
		}
	}

	private static void closeQuietly(EchoServer server) {
		// A server that hangs while closing must not keep the JVM (and the benchmark) waiting.
		Thread closer = new Thread(() -> {
			try {
				server.close();
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		}, "bench-close");
		closer.setDaemon(true);
		closer.start();
		try {
			closer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static BenchJson.ObjectWriter event(String event) {
		return BenchJson.object().field("event", event);
	}

	private static void emit(BenchJson.ObjectWriter line) {
		// As bytes, in UTF-8 as the harness reads them: PrintStream's character encoder would
		// be more code for a sample to run (see ProcessSampler).
		byte[] text = (BenchProtocol.PREFIX + line.text() + "\n").getBytes(StandardCharsets.UTF_8);
		synchronized (System.out) {
			System.out.writeBytes(text);
			System.out.flush();
		}
	}

}
