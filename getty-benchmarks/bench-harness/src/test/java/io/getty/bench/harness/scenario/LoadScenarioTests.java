package io.getty.bench.harness.scenario;

import java.util.List;

import io.getty.bench.harness.server.ServerCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names of the servers' logs when they take turns.
 */
class LoadScenarioTests {

	@Test
	void serversInTurnsAreNamedByTheirIds() {
		assertThat(LoadScenario.inTurnsLogNames(List.of(ServerCatalog.GETTY_NIO, ServerCatalog.NETTY_NIO), "run3"))
			.containsExactly("in-turns-getty-nio-run3", "in-turns-netty-nio-run3");
	}

	@Test
	void aServerInTurnsWithItselfNumbersItsJvmsSoNeitherLogOverwritesTheOther() {
		assertThat(LoadScenario.inTurnsLogNames(List.of(ServerCatalog.NETTY_NIO, ServerCatalog.NETTY_NIO), "run3"))
			.containsExactly("in-turns-netty-nio-run3-1", "in-turns-netty-nio-run3-2");
	}

}
