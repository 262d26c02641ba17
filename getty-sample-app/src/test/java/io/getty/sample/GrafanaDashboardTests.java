package io.getty.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard queries only metrics and labels the running application
 * publishes.
 */
@SampleAppTest
class GrafanaDashboardTests {

	private static final Path DASHBOARD = Path.of("grafana", "getty-dashboard.json");

	private static final Pattern METRIC = Pattern.compile("\\bgetty_[a-z_]+\\b");

	// Label names in matchers ({endpoint=~"$endpoint"}) and in by (...) clauses.
	private static final Pattern MATCHER_LABEL = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)\\s*\"");

	private static final Pattern BY_CLAUSE = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int httpPort;

	@Value("${local.getty.servers.echo.port}")
	private int echoPort;

	@Test
	void everyMetricAndLabelTheDashboardQueriesIsInThePrometheusOutput() throws Exception {
		List<String> queries = queries();
		Set<String> metrics = matches(METRIC, queries);
		Set<String> labels = labels(queries);
		assertThat(metrics).contains("getty_sessions_active", "getty_sessions_opened_total",
				"getty_sessions_closed_total", "getty_data_read_bytes_total", "getty_data_written_bytes_total",
				"getty_messages_read_total", "getty_messages_written_total", "getty_errors_total",
				"getty_client_reconnects_total", "getty_connections_refused_total",
				"getty_message_handling_seconds_bucket");
		// Handling timers appear with an endpoint's first message: give echo one.
		try (RawClient client = new RawClient(this.echoPort)) {
			client.sendFrame("for the dashboard");
			assertThat(client.readFrame()).isEqualTo("for the dashboard");
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Prometheus scrape = Prometheus.parse(scrape());
			Set<String> published = scrape.samples()
				.stream()
				.map(Prometheus.Sample::name)
				.collect(Collectors.toCollection(TreeSet::new));
			assertThat(published).containsAll(metrics);
			Set<String> publishedLabels = scrape.samples()
				.stream()
				.filter((sample) -> sample.name().startsWith("getty_"))
				.flatMap((sample) -> sample.labels().keySet().stream())
				.collect(Collectors.toCollection(TreeSet::new));
			assertThat(publishedLabels).containsAll(labels);
		});
	}

	@Test
	void everyPanelUsesTheDataSourceVariableAndHasItsOwnIdTitleAndPlace() throws Exception {
		JsonNode dashboard = dashboard();
		assertThat(dashboard.path("uid").asString()).isEqualTo("getty-overview");
		List<String> variables = new ArrayList<>();
		dashboard.path("templating").path("list").forEach((variable) -> variables.add(variable.path("name").asString()));
		assertThat(variables).containsExactly("datasource", "application", "endpoint");
		Set<Integer> ids = new TreeSet<>();
		Set<String> titles = new TreeSet<>();
		List<int[]> places = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			String title = panel.path("title").asString();
			assertThat(ids.add(panel.path("id").asInt())).as("id of %s is unique", title).isTrue();
			assertThat(titles.add(title)).as("title %s is unique", title).isTrue();
			assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
			JsonNode grid = panel.path("gridPos");
			int[] place = { grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(),
					grid.path("h").asInt() };
			assertThat(place[2]).as(title).isPositive();
			assertThat(place[3]).as(title).isPositive();
			assertThat(place[0] + place[2]).as("%s fits in Grafana's 24 columns", title).isLessThanOrEqualTo(24);
			for (int[] other : places) {
				boolean overlaps = place[0] < other[0] + other[2] && other[0] < place[0] + place[2]
						&& place[1] < other[1] + other[3] && other[1] < place[1] + place[3];
				assertThat(overlaps).as("%s overlaps another panel", title).isFalse();
			}
			places.add(place);
			assertThat(panel.path("targets")).as(title).isNotEmpty();
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asString()).as(title)
					.contains("application=~\"$application\"", "endpoint=~\"$endpoint\"");
			}
		}
		assertThat(titles).contains("Active sessions", "Sessions opened / s", "Sessions closed / s", "Bytes / s",
				"Messages / s", "Errors / s by kind", "Client reconnects / min", "Connections refused / s",
				"Message handling time");
	}

	private static JsonNode dashboard() throws Exception {
		return JsonMapper.shared().readTree(Files.readString(DASHBOARD));
	}

	private static List<String> queries() throws Exception {
		JsonNode dashboard = dashboard();
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panel.path("targets").forEach((target) -> queries.add(target.path("expr").asString()));
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String definition = variable.path("definition").asString("");
			if (!definition.isEmpty()) {
				queries.add(definition);
			}
		}
		return queries;
	}

	private static Set<String> matches(Pattern pattern, List<String> queries) {
		Set<String> found = new TreeSet<>();
		for (String query : queries) {
			Matcher matcher = pattern.matcher(query);
			while (matcher.find()) {
				found.add(matcher.group());
			}
		}
		return found;
	}

	private static Set<String> labels(List<String> queries) {
		Set<String> labels = new TreeSet<>();
		for (String query : queries) {
			Matcher matcher = MATCHER_LABEL.matcher(query);
			while (matcher.find()) {
				labels.add(matcher.group(1));
			}
			Matcher by = BY_CLAUSE.matcher(query);
			while (by.find()) {
				for (String label : by.group(1).split(",")) {
					if (!label.isBlank()) {
						labels.add(label.trim());
					}
				}
			}
			// label_values(metric, label) in variables
			Matcher values = Pattern.compile("label_values\\(.*,\\s*([a-z_]+)\\)").matcher(query);
			if (values.find()) {
				labels.add(values.group(1));
			}
		}
		return labels;
	}

	private String scrape() throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
