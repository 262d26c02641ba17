package io.getty.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;
import org.jspecify.annotations.Nullable;

/**
 * The runner's command line: {@code --name=value} options.
 *
 * <pre>
 * --root=getty-benchmarks           the benchmark modules, built
 * --out=docs/benchmarks.md          the report to write
 * --plan=standard|quick             the matrix
 * --cells=128x16x16,1024x256x16     throughput cells instead of the plan's (payload x connections x depth)
 * --servers=netty-nio,getty-nio,... a subset of servers (default: all)
 * --scenarios=throughput,latency,idle,churn,reconnect
 * --pin=0|none                      CPUs for the servers (taskset -c)
 * --command=...                     the command to record in the report
 * --seed=42                         the order of servers within a cell
 * --jfr=true                        record every server with Java Flight Recorder (profiling only)
 * --jit-settle=20                   seconds a warm-up may go on while a server's JIT compiler is busy
 *                                   (default: the plan's; 0 never waits)
 * --in-turns-runs=6                 fixed-rate runs in turns per getty server and for the control
 *                                   (default: the plan's)
 * </pre>
 *
 * @param root the benchmark modules
 * @param out the report
 * @param plan the plan
 * @param servers the servers
 * @param scenarios the scenarios
 * @param pin the CPU list for servers, or {@code null}
 * @param command the command recorded in the report
 * @param seed the shuffle seed
 * @param results where histograms and logs go
 * @param jfr whether to record servers with Java Flight Recorder
 * @author getty team
 * @since 0.1.0
 */
public record RunnerOptions(Path root, Path out, RunPlan plan, List<ServerSpec> servers, Set<String> scenarios,
		@Nullable String pin, String command, long seed, Path results, boolean jfr) {

	/** Every scenario, in run order. */
	public static final List<String> SCENARIOS = List.of("throughput", "latency", "idle", "churn", "reconnect");

	private static ThroughputCell cell(String text) {
		String[] parts = text.trim().split("x");
		if (parts.length != 3) {
			throw new IllegalArgumentException("A cell is payload x connections x depth, like 128x16x16, not '" + text + "'");
		}
		return new ThroughputCell(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
	}

	/**
	 * Parse the command line.
	 * @param args the arguments
	 * @return the options
	 */
	public static RunnerOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("root", "getty-benchmarks");
		values.put("out", "");
		values.put("plan", "standard");
		values.put("cells", "");
		values.put("servers", "");
		values.put("scenarios", String.join(",", SCENARIOS));
		values.put("pin", "0");
		values.put("command", "getty-benchmarks/run.sh");
		values.put("seed", "42");
		values.put("results", "");
		values.put("jfr", "false");
		values.put("jit-settle", "");
		values.put("in-turns-runs", "");
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : "";
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; options: " + values.keySet());
			}
			values.put(name, arg.substring(equals + 1));
		}
		Path root = Path.of(values.get("root")).toAbsolutePath().normalize();
		Path out = values.get("out").isEmpty() ? root.resolveSibling("docs").resolve("benchmarks.md")
				: Path.of(values.get("out")).toAbsolutePath();
		RunPlan plan = switch (values.get("plan")) {
			case "standard" -> RunPlan.standard();
			case "quick" -> RunPlan.quick();
			default -> throw new IllegalArgumentException("Unknown plan '" + values.get("plan") + "'");
		};
		if (!values.get("jit-settle").isEmpty()) {
			long seconds = Long.parseLong(values.get("jit-settle"));
			if (seconds < 0) {
				throw new IllegalArgumentException("--jit-settle is the most seconds a warm-up may wait for the JIT "
						+ "compilers, 0 or more, not " + seconds);
			}
			plan = plan.withJitSettleLimit(Duration.ofSeconds(seconds));
		}
		if (!values.get("in-turns-runs").isEmpty()) {
			int runs = Integer.parseInt(values.get("in-turns-runs"));
			if (runs < 1) {
				throw new IllegalArgumentException("--in-turns-runs is how many fixed-rate runs in turns each getty "
						+ "server and the control get, 1 or more, not " + runs);
			}
			plan = plan.withInTurnsRuns(runs);
		}
		if (!values.get("cells").isEmpty()) {
			plan = plan.withCells(Arrays.stream(values.get("cells").split(",")).map(RunnerOptions::cell).toList());
		}
		List<ServerSpec> servers = values.get("servers").isEmpty() ? ServerCatalog.all()
				: Arrays.stream(values.get("servers").split(","))
					.map((id) -> ServerCatalog.byId(id.trim())
						.orElseThrow(() -> new IllegalArgumentException("Unknown server '" + id + "'; known: "
								+ ServerCatalog.all().stream().map(ServerSpec::id).toList())))
					.toList();
		Set<String> scenarios = Arrays.stream(values.get("scenarios").split(","))
			.map(String::trim)
			.peek((scenario) -> {
				if (!SCENARIOS.contains(scenario)) {
					throw new IllegalArgumentException("Unknown scenario '" + scenario + "'; known: " + SCENARIOS);
				}
			})
			.collect(Collectors.toCollection(java.util.LinkedHashSet::new));
		String pin = "none".equals(values.get("pin")) ? null : values.get("pin");
		Path results = values.get("results").isEmpty()
				? root.resolve("target/bench-results/" + System.currentTimeMillis()) : Path.of(values.get("results"));
		return new RunnerOptions(root, out, plan, servers, scenarios, pin, values.get("command"),
				Long.parseLong(values.get("seed")), results.toAbsolutePath(), Boolean.parseBoolean(values.get("jfr")));
	}

	/**
	 * Return the servers the goals compare and that run more than once: getty's and raw
	 * Netty.
	 * @return the chosen servers among them
	 */
	public List<ServerSpec> headliners() {
		return this.servers.stream()
			.filter((server) -> server.isBaseline() || server.module().startsWith("bench-server-getty"))
			.toList();
	}

	/**
	 * Return the getty servers chosen together with raw Netty on their transport: the ones
	 * a goal can compare.
	 * @return those getty servers, in the order chosen
	 */
	public List<ServerSpec> gettyWithBaseline() {
		return this.servers.stream()
			.filter((server) -> !server.isBaseline() && server.module().startsWith("bench-server-getty")
					&& this.servers.contains(ServerCatalog.baselineFor(server)))
			.toList();
	}

}
