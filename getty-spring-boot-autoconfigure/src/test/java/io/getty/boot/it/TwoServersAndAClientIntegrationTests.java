package io.getty.boot.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.getty.Session;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.ScopeNotActiveException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two servers and a client declared in YAML exchange real traffic.
 */
@SpringBootTest(classes = ItApplication.class)
@ActiveProfiles("two-servers")
class TwoServersAndAClientIntegrationTests {

	@Autowired
	@Qualifier("echo")
	private TcpServer echo;

	@Autowired
	@Qualifier("upper")
	private TcpServer upper;

	@Autowired
	private TcpClient client;

	@Autowired
	private ItApplication.Replies replies;

	@Autowired
	private GettyEndpointRegistry registry;

	@Autowired
	private ItApplication.MessageCounter scopedCounter;

	@Value("${local.getty.servers.upper.port}")
	private int upperPort;

	@Test
	void theClientPoolReachesTheEchoServerAndGetsReplies() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.client.sessions().size() == 2);
		for (int i = 0; i < 10; i++) {
			this.client.writePkg(("message-" + i).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
		}
		for (int i = 0; i < 10; i++) {
			assertThat(this.replies.queue.poll(10, TimeUnit.SECONDS)).startsWith("message-");
		}
		assertThat(this.echo.stats().readPackages()).isGreaterThanOrEqualTo(10);
	}

	@Test
	void theLineServerAnswersARawSocketOnItsPublishedPort() throws Exception {
		assertThat(this.upperPort).isEqualTo(this.upper.port());
		try (RawClient raw = new RawClient(this.upperPort)) {
			raw.send("shout please\n".getBytes(StandardCharsets.UTF_8));
			byte[] reply = raw.socket().getInputStream().readNBytes(13);
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("SHOUT PLEASE\n");
		}
		assertThat(this.registry.binding("upper").codecSource()).isEqualTo("line");
	}

	@Test
	void sessionEventsAndTheSessionScopeFollowEachSession() throws Exception {
		long sessionId;
		try (RawClient raw = new RawClient(this.echo.port())) {
			for (int i = 0; i < 3; i++) {
				raw.sendFrame("counted");
				assertThat(raw.readFrame()).isEqualTo("counted");
			}
			Session session = this.echo.sessions()
				.stream()
				.filter((candidate) -> candidate.remoteAddress().getPort() == raw.socket().getLocalPort())
				.findFirst()
				.orElseThrow();
			sessionId = session.id();
			assertThat(ItApplication.journal).contains("opened:echo:" + sessionId);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(ItApplication.journal).containsSubsequence(
					"opened:echo:" + sessionId, "closed:echo:" + sessionId + ":3:PEER",
					// Close callbacks run in the order they were added: the listener's in
					// onOpen, the session-scoped bean's when onMessage first used it.
					"callback:echo:" + sessionId, "predestroy:" + sessionId + ":3"));
	}

	@Test
	void aSessionScopedBeanCannotBeUsedOutsideASessionCallback() {
		assertThatExceptionOfType(ScopeNotActiveException.class).isThrownBy(this.scopedCounter::messages)
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageContaining("getty-session scope")
			.withMessageContaining("no getty session callback runs on thread");
	}

}
