package io.getty.bench.harness.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.getty.bench.server.BenchJson;
import io.getty.bench.server.BenchProtocol;

/**
 * A server JVM: its protocol lines are answers to the harness's commands, everything
 * else it prints goes to its log file.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ServerProcess implements AutoCloseable {

	private static final long READY_TIMEOUT_SECONDS = 90;

	private static final long ANSWER_TIMEOUT_SECONDS = 60;

	private static final long QUIT_TIMEOUT_SECONDS = 20;

	private final ServerSpec spec;

	private final Process process;

	private final Path log;

	private final BlockingQueue<Map<String, String>> answers = new LinkedBlockingQueue<>();

	private final Consumer<ServerProcess> onExit;

	private final PrintStream commands;

	private int port;

	private ServerProcess(ServerSpec spec, Process process, Path log, Consumer<ServerProcess> onExit) {
		this.spec = spec;
		this.process = process;
		this.log = log;
		this.onExit = onExit;
		this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
	}

	static ServerProcess start(ServerSpec spec, List<String> command, Path log, Consumer<ServerProcess> onExit)
			throws IOException {
		Files.writeString(log, String.join(" ", command) + System.lineSeparator(), StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		ServerProcess server = new ServerProcess(spec, process, log, onExit);
		server.readOutput();
		try {
			server.awaitReady();
		}
		catch (IOException | RuntimeException ex) {
			server.kill();
			throw ex;
		}
		return server;
	}

	private void readOutput() {
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
					Writer logFile = Files.newBufferedWriter(this.log, StandardOpenOption.APPEND)) {
				for (String line = out.readLine(); line != null; line = out.readLine()) {
					if (line.startsWith(BenchProtocol.PREFIX)) {
						this.answers.add(BenchJson.read(line.substring(BenchProtocol.PREFIX.length())));
					}
					else {
						logFile.write(line);
						logFile.write(System.lineSeparator());
						logFile.flush();
					}
				}
			}
			catch (IOException ex) {
				// The process is gone; whoever waits for an answer times out and says so.
			}
		}, "bench-server-output-" + this.spec.id());
		reader.setDaemon(true);
		reader.start();
	}

	private void awaitReady() throws IOException {
		Map<String, String> ready = answer("ready", READY_TIMEOUT_SECONDS);
		this.port = Integer.parseInt(ready.get("port"));
	}

	private Map<String, String> answer(String expected, long timeoutSeconds) throws IOException {
		Map<String, String> answer;
		try {
			answer = this.answers.poll(timeoutSeconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for " + this.spec.id(), ex);
		}
		if (answer == null) {
			throw new IOException(this.spec.id() + " gave no '" + expected + "' within " + timeoutSeconds + " s"
					+ (this.process.isAlive() ? "" : " and exited with " + this.process.exitValue()) + "; see "
					+ this.log);
		}
		if (!expected.equals(answer.get("event"))) {
			throw new IOException(this.spec.id() + " answered " + answer + " instead of '" + expected + "'; see "
					+ this.log);
		}
		return answer;
	}

	/**
	 * Return the server.
	 * @return the spec
	 */
	public ServerSpec spec() {
		return this.spec;
	}

	/**
	 * Return the bound port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Sample the server.
	 * @return the sample
	 * @throws IOException if it does not answer
	 */
	public synchronized ServerSample sample() throws IOException {
		return request(BenchProtocol.SAMPLE, "sample");
	}

	/**
	 * Collect garbage in the server until its heap settles, then sample it.
	 * @return the sample
	 * @throws IOException if it does not answer
	 */
	public synchronized ServerSample sampleAfterGc() throws IOException {
		return request(BenchProtocol.GC, "gc");
	}

	private ServerSample request(String command, String event) throws IOException {
		this.commands.println(command);
		Map<String, String> answer = answer(event, ANSWER_TIMEOUT_SECONDS);
		return ServerSample.of(answer, ProcStat.times(pid()), ProcStat.residentSetBytes(pid()));
	}

	/**
	 * Return what the server's log says about a failure, for the failure's message.
	 * @return " (...)" with the cause found, or an empty string
	 */
	public String diagnosis() {
		try {
			String log = Files.readString(this.log);
			if (log.contains("OutOfMemoryError")) {
				return " (the server ran out of heap: OutOfMemoryError in " + this.log.getFileName() + ")";
			}
		}
		catch (IOException | RuntimeException ex) {
			// No log, no diagnosis.
		}
		return "";
	}

	/**
	 * Return whether the process still runs.
	 * @return {@code true} while alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kill the process at once (SIGKILL), as a crash would.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(QUIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.onExit.accept(this);
	}

	/**
	 * Tell the server to quit and wait for it; kill it if it does not.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.commands.println(BenchProtocol.QUIT);
			try {
				if (this.process.waitFor(QUIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					this.onExit.accept(this);
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		kill();
	}

	@Override
	public String toString() {
		return this.spec.id() + "(pid " + pid() + ", port " + this.port + ")";
	}

}
