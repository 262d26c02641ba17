package io.getty.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.getty.bench.harness.load.LoadGenerator;
import io.getty.bench.harness.load.LoadSpec;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.LoadScenario;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI smoke run: every server of the harness, each in its own JVM with the benchmark
 * flags, runs one cell (1 KiB, 16 connections, 16 in flight) for two seconds. Only the
 * correctness gates count: every echoed byte and the order of replies on each connection
 * are verified; timings are never asserted.
 */
class ServerSmokeTests {

	private static final LoadSpec SMOKE = LoadSpec.closedLoop(16, 16, 1024, Duration.ofMillis(500),
			Duration.ofSeconds(2));

	private static final Path ROOT = Path.of(System.getProperty("getty.bench.root", "..")).toAbsolutePath().normalize();

	private static LoadGenerator generator;

	private static ServerLauncher launcher;

	@BeforeAll
	static void start() {
		generator = new LoadGenerator(true);
		launcher = new ServerLauncher(ROOT, ServerLauncher.currentJava(), ServerLauncher.JVM_FLAGS, null,
				ROOT.resolve("bench-harness/target/smoke-logs"));
	}

	@AfterAll
	static void stop() {
		launcher.killAll();
		generator.close();
	}

	static Stream<Arguments> servers() {
		return ServerCatalog.all().stream().map((server) -> Arguments.of(server.id(), server));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void echoesEveryByteInOrder(String id, io.getty.bench.harness.server.ServerSpec server) throws Exception {
		CellResult result = new LoadScenario(launcher, generator, Duration.ZERO, SMOKE.warmup()).run(server, SMOKE,
				"smoke-" + id);
		assertThat(result.failure()).as("%s failed a correctness gate (log in %s)", id,
				ROOT.resolve("bench-harness/target/smoke-logs/smoke-" + id + ".log")).isNull();
		assertThat(result.load().messages()).as("replies verified in the window").isPositive();
		assertThat(result.usage().allocatedBytes()).as("the server's allocation sampler answered").isPositive();
	}

}
