package io.getty.sample;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.getty.CloseReason;
import io.getty.boot.context.GettySessionClosedEvent;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The full-duplex scenario of GoFrame's gtcp guide: the {@code hello} server, a client
 * written against the bare protocol, and the application's own {@code hello-client}.
 * The server's {@code doexit} comes 1.5 s after a session opened (see
 * {@link SampleAppTest}).
 */
@SampleAppTest
@ExtendWith(OutputCaptureExtension.class)
class HelloScenarioEndToEndTests {

	@Autowired
	@Qualifier("hello")
	private TcpServer hello;

	@Autowired
	@Qualifier("hello-client")
	private TcpClient helloClient;

	@Autowired
	private ConfigurableApplicationContext context;

	private final BlockingQueue<GettySessionClosedEvent> closed = new LinkedBlockingQueue<>();

	private final ApplicationListener<GettySessionClosedEvent> recorder = this.closed::add;

	@BeforeEach
	void recordClosedSessions() {
		this.context.addApplicationListener(this.recorder);
	}

	@AfterEach
	void stopRecording() {
		this.context.removeApplicationListener(this.recorder);
	}

	@Test
	void aGtcpClientIsGreetedBackAndThenToldToExit(CapturedOutput output) throws Exception {
		long sessionId;
		try (GtcpClient client = new GtcpClient(this.hello.port())) {
			String peer = "127.0.0.1:" + client.localPort();
			long opened = System.nanoTime();
			sessionId = sessionIdOf(client);
			client.send("{\"Act\":\"heartbeat\",\"Data\":\"\"}");
			client.send("{\"Act\":\"hello\",\"Data\":\"I am a plain socket\"}");
			assertThat(client.receive()).isEqualTo("{\"Act\":\"hello\",\"Data\":\"Nice to meet you!\"}");
			assertThat(client.receive()).isEqualTo("{\"Act\":\"doexit\",\"Data\":\"\"}");
			assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
			assertThat(output.getOut()).containsSubsequence("heartbeat from [" + peer + "]",
					"hello message from [" + peer + "]: I am a plain socket", "sending doexit to [" + peer + "]");
		}
		// The client leaves as the guide's client does; the server sees it go.
		GettySessionClosedEvent event = awaitClosed((closed) -> closed.getSession().id() == sessionId);
		assertThat(event.getReason()).isEqualTo(CloseReason.PEER);
		assertThat(event.getStats().readPackages()).isEqualTo(2);
		assertThat(event.getStats().writtenPackages()).isEqualTo(2);
		// The session-scoped conversation is destroyed with the session.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("hello session " + sessionId + " closed (PEER)",
					"ended: 1 heartbeats, introduced as \"I am a plain socket\""));
	}

	@Test
	void anUnknownActIsLoggedAsInvalidAndTheConversationGoesOn(CapturedOutput output) throws Exception {
		try (GtcpClient client = new GtcpClient(this.hello.port())) {
			client.send("{\"Act\":\"dance\",\"Data\":\"now\"}");
			client.send("{\"Act\":\"hello\",\"Data\":\"after dancing\"}");
			assertThat(client.receive()).isEqualTo("{\"Act\":\"hello\",\"Data\":\"Nice to meet you!\"}");
			assertThat(output.getOut()).contains("invalid message: Msg[Act=dance, Data=now]");
		}
	}

	@Test
	void aPackageThatIsNotJsonClosesOnlyThatSession() throws Exception {
		long codecErrorsBefore = this.hello.stats().errors().getOrDefault("codec", 0L);
		try (GtcpClient broken = new GtcpClient(this.hello.port());
				GtcpClient fine = new GtcpClient(this.hello.port())) {
			long brokenId = sessionIdOf(broken);
			broken.send("this is not json");
			GettySessionClosedEvent event = awaitClosed((closed) -> closed.getSession().id() == brokenId);
			assertThat(event.getReason()).isEqualTo(CloseReason.ERROR);
			assertThat(event.getStats().readPackages()).isZero();
			fine.send("{\"Act\":\"hello\",\"Data\":\"still fine\"}");
			assertThat(fine.receive()).isEqualTo("{\"Act\":\"hello\",\"Data\":\"Nice to meet you!\"}");
		}
		assertThat(this.hello.stats().errors().get("codec")).isEqualTo(codecErrorsBefore + 1);
	}

	@Test
	void theHelloClientIsGreetedBackLeavesOnDoexitAndConnectsAgain(CapturedOutput output) throws Exception {
		String server = "127.0.0.1:" + this.hello.port();
		long reconnectsBefore = this.helloClient.reconnectCount();
		// The first session the client closes may have started before the output was
		// captured; the next one lives entirely while it is.
		awaitClosed((closed) -> closed.getEndpointName().equals("hello-client"));
		GettySessionClosedEvent event = awaitClosed((closed) -> closed.getEndpointName().equals("hello-client"));
		assertThat(event.getReason()).isEqualTo(CloseReason.LOCAL);
		// It read the answer to its hello and the doexit, and sent heartbeats and its hello.
		assertThat(event.getStats().readPackages()).isEqualTo(2);
		assertThat(event.getStats().writtenPackages()).isGreaterThanOrEqualTo(2);
		assertThat(output.getOut()).containsSubsequence("connected to [" + server + "]",
				"hello response message from [" + server + "]: Nice to meet you!",
				"exit command from [" + server + "]");
		assertThat(output.getOut()).contains("hello message from [", "]: My name's John!", "heartbeat from [");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.helloClient.reconnectCount()).isGreaterThan(reconnectsBefore));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.helloClient.session().isPresent());
	}

	private long sessionIdOf(GtcpClient client) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.hello.sessions()
				.stream()
				.filter((session) -> session.remoteAddress().getPort() == client.localPort())
				.findFirst(), Optional::isPresent)
			.orElseThrow()
			.id();
	}

	private GettySessionClosedEvent awaitClosed(Predicate<GettySessionClosedEvent> which)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			GettySessionClosedEvent event = this.closed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event != null && which.test(event)) {
				return event;
			}
		}
		throw new AssertionError("the expected session did not close within 20 s");
	}

}
