package io.getty.boot.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.getty.Session;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context closes every session first: by the time {@code close()} returns,
 * every close callback and every session-scoped {@code @PreDestroy} has run.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void contextCloseReturnsOnlyAfterEveryCloseCallbackAndPreDestroyRan() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("two-servers")
			.properties("spring.lifecycle.timeout-per-shutdown-phase=20s")
			.run();
		List<RawClient> clients = new ArrayList<>();
		List<Long> sessionIds = new ArrayList<>();
		List<Long> rawSessionIds = new ArrayList<>();
		TcpServer echo = context.getBean("echo", TcpServer.class);
		TcpClient client = context.getBean(TcpClient.class);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 2);
			for (int i = 0; i < 5; i++) {
				RawClient raw = new RawClient(echo.port());
				clients.add(raw);
				raw.sendFrame("hello " + i);
				assertThat(raw.readFrame()).isEqualTo("hello " + i);
			}
			// The echo server also holds the application's own client sessions.
			List<Integer> rawPorts = clients.stream().map((raw) -> raw.socket().getLocalPort()).toList();
			for (Session session : echo.sessions()) {
				sessionIds.add(session.id());
				if (rawPorts.contains(session.remoteAddress().getPort())) {
					rawSessionIds.add(session.id());
				}
			}
			assertThat(rawSessionIds).hasSize(5);
			assertThat(sessionIds).hasSize(7);
		}
		finally {
			context.close();
		}
		for (long id : sessionIds) {
			assertThat(ItApplication.journal).as("close callback of session %d", id).contains("callback:echo:" + id);
			assertThat(ItApplication.journal).as("closed event of session %d", id)
				.anySatisfy((entry) -> assertThat(entry).startsWith("closed:echo:" + id + ":"));
		}
		// Only the raw clients sent messages, so only their sessions created a counter.
		for (long id : rawSessionIds) {
			assertThat(ItApplication.journal).as("@PreDestroy of session %d's counter", id)
				.contains("predestroy:" + id + ":1");
		}
		assertThat(echo.isClosed()).isTrue();
		assertThat(client.isClosed()).isTrue();
		for (RawClient raw : clients) {
			assertThat(raw.awaitClosedByPeer()).isTrue();
			raw.close();
		}
	}

}
