package io.getty.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator over HTTP, as an operator or Prometheus sees it: health, metrics,
 * Prometheus and the {@code getty} endpoint.
 */
@SampleAppTest
class ActuatorEndToEndTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.shared();

	private static final List<String> ENDPOINTS = List.of("echo", "hello", "chat", "udp-echo", "hello-client");

	@Value("${local.server.port}")
	private int httpPort;

	@Value("${local.getty.servers.echo.port}")
	private int echoPort;

	@Test
	void healthShowsGettyUpWithEveryEndpoint() {
		// The hello-client reconnects after every doexit; for that instant it has no
		// session and getty is DOWN, so wait for a moment when it is connected.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> response = get("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode getty = json.readTree(response.body()).path("components").path("getty");
			assertThat(getty.path("status").asString()).isEqualTo("UP");
			assertThat(getty.path("details").propertyNames()).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
			assertThat(getty.path("details").path("hello-client").path("sessions").asInt()).isEqualTo(1);
			assertThat(getty.path("details").path("chat").path("type").asString()).isEqualTo("ws");
		});
	}

	@Test
	void prometheusHasEveryGettyMetricWithNonZeroValues() throws Exception {
		try (RawClient client = new RawClient(this.echoPort)) {
			client.sendFrame("count me");
			assertThat(client.readFrame()).isEqualTo("count me");
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				Prometheus scrape = Prometheus.parse(get("/actuator/prometheus").body());
				String[] echo = { "application", "getty-sample-app", "endpoint", "echo", "type", "tcp", "role",
						"server" };
				assertThat(scrape.sum("getty_sessions_active", echo)).isGreaterThanOrEqualTo(1);
				assertThat(scrape.sum("getty_sessions_opened_total", echo)).isGreaterThanOrEqualTo(1);
				assertThat(scrape.sum("getty_data_read_bytes_total", echo)).isGreaterThanOrEqualTo(12);
				assertThat(scrape.sum("getty_data_written_bytes_total", echo)).isGreaterThanOrEqualTo(12);
				assertThat(scrape.sum("getty_messages_read_total", echo)).isGreaterThanOrEqualTo(1);
				assertThat(scrape.sum("getty_messages_written_total", echo)).isGreaterThanOrEqualTo(1);
				assertThat(scrape.sum("getty_message_handling_seconds_count", "endpoint", "echo", "outcome", "success"))
					.isGreaterThanOrEqualTo(1);
				assertThat(scrape.find("getty_message_handling_seconds_bucket", "endpoint", "echo", "le", "+Inf"))
					.isNotEmpty();
				// The hello-client's conversations end with doexit, so sessions close and
				// the client reconnects.
				assertThat(scrape.sum("getty_sessions_closed_total", "endpoint", "hello")).isGreaterThanOrEqualTo(1);
				assertThat(scrape.sum("getty_client_reconnects_total", "endpoint", "hello-client"))
					.isGreaterThanOrEqualTo(1);
				// Every kind of error has a series from the start, at zero until it happens.
				assertThat(scrape.find("getty_errors_total", "endpoint", "chat")).extracting((s) -> s.labels().get("kind"))
					.containsExactlyInAnyOrder("codec", "too_long", "listener", "timeout", "tls", "io");
				assertThat(scrape.find("getty_connections_refused_total", "endpoint", "echo")).hasSize(1);
				for (String endpoint : ENDPOINTS) {
					assertThat(scrape.find("getty_sessions_active", "endpoint", endpoint)).as(endpoint).hasSize(1);
				}
			});
		}
	}

	@Test
	void theMetricsEndpointDescribesGettyMeters() throws Exception {
		JsonNode names = json.readTree(get("/actuator/metrics").body()).path("names");
		assertThat(StreamSupport.stream(names.spliterator(), false).map(JsonNode::asString))
			.contains("getty.sessions.active", "getty.sessions.opened", "getty.sessions.closed", "getty.data.read",
					"getty.data.written", "getty.messages.read", "getty.messages.written", "getty.errors",
					"getty.client.reconnects", "getty.connections.refused", "getty.message.handling");
		JsonNode reconnects = json.readTree(get("/actuator/metrics/getty.client.reconnects").body());
		assertThat(reconnects.path("availableTags").findValuesAsString("tag")).contains("endpoint", "type", "role");
	}

	@Test
	void theGettyEndpointListsOpenSessionsAndClosesOneOnRequest() throws Exception {
		try (RawClient client = new RawClient(this.echoPort)) {
			client.sendFrame("listed");
			assertThat(client.readFrame()).isEqualTo("listed");
			String remote = "127.0.0.1:" + client.socket().getLocalPort();
			JsonNode endpoints = json.readTree(get("/actuator/getty").body()).path("endpoints");
			assertThat(StreamSupport.stream(endpoints.spliterator(), false).map((e) -> e.path("name").asString()))
				.containsExactly("chat", "echo", "hello", "udp-echo", "hello-client");
			JsonNode echo = StreamSupport.stream(endpoints.spliterator(), false)
				.filter((e) -> e.path("name").asString().equals("echo"))
				.findFirst()
				.orElseThrow();
			assertThat(echo.path("type").asString()).isEqualTo("tcp");
			assertThat(echo.path("role").asString()).isEqualTo("server");
			JsonNode session = StreamSupport.stream(echo.path("sessions").spliterator(), false)
				.filter((s) -> s.path("remoteAddress").asString().equals(remote))
				.findFirst()
				.orElseThrow();
			assertThat(session.path("name").asString()).isEqualTo("tcp-echo-session");
			assertThat(session.path("readPackages").asLong()).isEqualTo(1);
			long id = session.path("id").asLong();

			JsonNode one = json.readTree(get("/actuator/getty/" + id).body());
			assertThat(one.path("remoteAddress").asString()).isEqualTo(remote);
			assertThat(one.path("endpoint").asString()).isEqualTo("echo");

			HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/actuator/getty/" + id)).DELETE());
			assertThat(json.readTree(deleted.body()).path("existed").asBoolean()).isTrue();
			assertThat(client.awaitClosedByPeer()).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(get("/actuator/getty/" + id).statusCode()).isEqualTo(404));
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

}
