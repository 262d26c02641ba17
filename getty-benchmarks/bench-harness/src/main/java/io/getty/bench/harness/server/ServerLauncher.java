package io.getty.bench.harness.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Launches servers, each in its own JVM with the same flags, optionally pinned to a CPU
 * with {@code taskset}, and keeps track of them so that none outlives the harness.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ServerLauncher {

	/**
	 * The JVM flags of every server (and of the load generator): same heap, same
	 * collector, one CPU as far as the JVM knows, Netty's leak detector off. The heap is
	 * 1 GiB because at 512 MiB or less Netty's adaptive allocator switches to a low-memory
	 * mode (shared, locked magazines, no thread-local caches, large buffers unpooled) that
	 * no production server runs in.
	 */
	public static final List<String> JVM_FLAGS = List.of("-XX:ActiveProcessorCount=1", "-XX:+UseG1GC", "-Xms1g",
			"-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:MaxDirectMemorySize=256m",
			"-Dio.netty.leakDetection.level=disabled");

	private final Path benchRoot;

	private final Path java;

	private final List<String> jvmFlags;

	private final @Nullable String cpus;

	private final Path logDir;

	private @Nullable Path flightRecordings;

	private final Map<String, String> classPaths = new ConcurrentHashMap<>();

	private final Set<ServerProcess> running = ConcurrentHashMap.newKeySet();

	/**
	 * Create a launcher.
	 * @param benchRoot the {@code getty-benchmarks} directory, with every server module
	 * built
	 * @param java the {@code java} executable
	 * @param jvmFlags the JVM flags
	 * @param cpus the CPU list for {@code taskset -c}, or {@code null} not to pin
	 * @param logDir where each server's output goes
	 */
	public ServerLauncher(Path benchRoot, Path java, List<String> jvmFlags, @Nullable String cpus, Path logDir) {
		this.benchRoot = Objects.requireNonNull(benchRoot, "benchRoot");
		this.java = Objects.requireNonNull(java, "java");
		this.jvmFlags = List.copyOf(jvmFlags);
		this.cpus = cpus;
		this.logDir = logDir;
	}

	/**
	 * Return a launcher for the JVM running the harness.
	 * @return the path of its {@code java}
	 */
	public static Path currentJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/**
	 * Return the same launcher with more JVM flags, for example to record a flight
	 * recording.
	 * @param extraFlags the flags to add
	 * @return a new launcher
	 */
	public ServerLauncher withExtraJvmFlags(List<String> extraFlags) {
		List<String> flags = new ArrayList<>(this.jvmFlags);
		flags.addAll(extraFlags);
		return new ServerLauncher(this.benchRoot, this.java, flags, this.cpus, this.logDir);
	}

	/**
	 * Record every server with Java Flight Recorder (the {@code profile} settings), one
	 * file per launch, for finding where a server spends its time. Such runs are for
	 * profiling only: the recorder costs a few percent.
	 * @param directory where the recordings go
	 */
	public void recordFlights(Path directory) {
		this.flightRecordings = directory;
	}

	/**
	 * Start a server and wait until it listens.
	 * @param spec the server
	 * @param logName the name of its log file, without extension
	 * @param extraArgs options added to the spec's
	 * @return the running server
	 * @throws IOException if it does not start
	 */
	public ServerProcess start(ServerSpec spec, String logName, String... extraArgs) throws IOException {
		List<String> command = new ArrayList<>();
		if (this.cpus != null) {
			command.addAll(List.of("taskset", "-c", this.cpus));
		}
		command.add(this.java.toString());
		command.addAll(this.jvmFlags);
		if (this.flightRecordings != null) {
			command.add("-XX:StartFlightRecording=dumponexit=true,settings=" + flightSettings() + ",filename="
					+ this.flightRecordings.resolve(logName + ".jfr"));
		}
		command.addAll(List.of("-cp", classPath(spec.module()), spec.mainClass()));
		command.addAll(spec.args());
		command.addAll(List.of(extraArgs));
		Files.createDirectories(this.logDir);
		ServerProcess process = ServerProcess.start(spec, command, this.logDir.resolve(logName + ".log"),
				this.running::remove);
		this.running.add(process);
		return process;
	}

	/**
	 * Write JFR's "profile" settings with Java methods sampled every millisecond instead
	 * of every 10: a server's I/O thread spends most of its time in system calls, where
	 * it is not sampled, so the default rate leaves too few samples to rank methods.
	 */
	private Path flightSettings() throws IOException {
		Path settings = this.flightRecordings.resolve("profile-1ms.jfc");
		if (!Files.exists(settings)) {
			Files.createDirectories(this.flightRecordings);
			Path profile = this.java.getParent().getParent().resolve("lib/jfr/profile.jfc");
			String text = Files.readString(profile)
				.replace("control=\"method-sampling-java-interval\">10 ms<", "control=\"method-sampling-java-interval\">1 ms<");
			Files.writeString(settings, text);
		}
		return settings;
	}

	/**
	 * Return the versions of the notable jars on a server's class path, read from their
	 * file names.
	 * @param module the server module
	 * @return the jar file names
	 */
	public List<String> jarNames(String module) {
		List<String> names = new ArrayList<>();
		for (String entry : classPath(module).split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (path.getFileName() != null && entry.endsWith(".jar")) {
				names.add(path.getFileName().toString());
			}
		}
		return names;
	}

	/**
	 * Kill every server still running: the harness's last act, also on failure.
	 */
	public void killAll() {
		for (ServerProcess process : List.copyOf(this.running)) {
			process.kill();
		}
	}

	/**
	 * Return the command line prefix shared by every server, for the report.
	 * @return {@code taskset} (if pinned), {@code java} and the flags
	 */
	public String describe() {
		String pin = (this.cpus != null) ? "taskset -c " + this.cpus + " " : "";
		return pin + "java " + String.join(" ", this.jvmFlags);
	}

	private String classPath(String module) {
		return this.classPaths.computeIfAbsent(module, (name) -> {
			Path moduleDir = this.benchRoot.resolve(name);
			Path classes = moduleDir.resolve("target/classes");
			Path dependencies = moduleDir.resolve("target/bench-classpath.txt");
			if (!Files.isDirectory(classes) || !Files.isRegularFile(dependencies)) {
				throw new IllegalStateException("Server module " + moduleDir + " is not built (no " + dependencies
						+ "); build it first: ./mvnw -pl getty-benchmarks/bench-harness -am -DskipTests package");
			}
			try {
				return classes + File.pathSeparator + Files.readString(dependencies).trim();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}
