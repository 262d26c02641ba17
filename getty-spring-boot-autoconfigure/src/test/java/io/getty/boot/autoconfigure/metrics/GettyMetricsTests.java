package io.getty.boot.autoconfigure.metrics;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.getty.EndPoint;
import io.getty.EndPointStats;
import io.getty.EndPointType;
import io.getty.Session;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GettyMetrics}, {@link GettyMessageHandlingTimers} and
 * {@link GettyMeters}.
 */
class GettyMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void countersAndGaugeReadTheEndpointsOwnStatistics() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		server.stats = new EndPointStats(3, 10, 7, 1000, 2000, 30, 40, Map.of("too_long", 2L, "io", 1L), 0, 0);
		new GettyMetrics(List.of(server)).bindTo(this.registry);
		Tags tags = Tags.of("endpoint", "echo", "type", "tcp", "role", "server");
		assertThat(this.registry.get("getty.sessions.active").tags(tags).gauge().value()).isEqualTo(3);
		assertThat(counter("getty.sessions.opened", tags)).isEqualTo(10);
		assertThat(counter("getty.sessions.closed", tags)).isEqualTo(7);
		assertThat(counter("getty.data.read", tags)).isEqualTo(1000);
		assertThat(counter("getty.data.written", tags)).isEqualTo(2000);
		assertThat(counter("getty.messages.read", tags)).isEqualTo(30);
		assertThat(counter("getty.messages.written", tags)).isEqualTo(40);
		assertThat(counter("getty.errors", tags.and("kind", "too_long"))).isEqualTo(2);
		assertThat(counter("getty.errors", tags.and("kind", "io"))).isEqualTo(1);
		assertThat(this.registry.get("getty.data.read").functionCounter().getId().getBaseUnit()).isEqualTo("bytes");
		assertThat(this.registry.get("getty.messages.read").functionCounter().getId().getBaseUnit()).isNull();
	}

	@Test
	void everyErrorKindHasASeriesBeforeAnyErrorHappened() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		new GettyMetrics(List.of(server)).bindTo(this.registry);
		for (String kind : EndPointStats.ERROR_KINDS) {
			assertThat(counter("getty.errors", Tags.of("endpoint", "echo", "kind", kind))).isZero();
		}
	}

	@Test
	void onlyClientsHaveAReconnectCounter() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		FakeEndPoint client = new FakeEndPoint("c", EndPointType.TCP_CLIENT);
		client.stats = new EndPointStats(1, 3, 2, 0, 0, 0, 0, Collections.emptyMap(), 2, 0);
		new GettyMetrics(List.of(server, client)).bindTo(this.registry);
		assertThat(this.registry.find("getty.client.reconnects").tag("endpoint", "echo").functionCounter()).isNull();
		assertThat(counter("getty.client.reconnects", Tags.of("endpoint", "c", "role", "client"))).isEqualTo(2);
	}

	@Test
	void typeTagIsTheTransportOfTheEndpointType() {
		assertThat(GettyMeters.transport(EndPointType.TCP_SERVER)).isEqualTo("tcp");
		assertThat(GettyMeters.transport(EndPointType.TCP_CLIENT)).isEqualTo("tcp");
		assertThat(GettyMeters.transport(EndPointType.UDP_ENDPOINT)).isEqualTo("udp");
		assertThat(GettyMeters.transport(EndPointType.UDP_CLIENT)).isEqualTo("udp");
		assertThat(GettyMeters.transport(EndPointType.WS_SERVER)).isEqualTo("ws");
		assertThat(GettyMeters.transport(EndPointType.WS_CLIENT)).isEqualTo("ws");
		assertThat(GettyMeters.transport(EndPointType.WSS_SERVER)).isEqualTo("wss");
		assertThat(GettyMeters.transport(EndPointType.WSS_CLIENT)).isEqualTo("wss");
		List<FakeEndPoint> endpoints = new ArrayList<>();
		for (EndPointType type : EndPointType.values()) {
			endpoints.add(new FakeEndPoint(type.name().toLowerCase(), type));
		}
		new GettyMetrics(endpoints).bindTo(this.registry);
		assertThat(this.registry.get("getty.sessions.active").tags("endpoint", "wss_client").gauge().getId().getTags())
			.containsExactlyInAnyOrder(Tag.of("endpoint", "wss_client"), Tag.of("type", "wss"),
					Tag.of("role", "client"));
	}

	@Test
	void endpointsAreTakenWhenBoundNotWhenCreated() {
		List<EndPoint> endpoints = new ArrayList<>();
		GettyMetrics metrics = new GettyMetrics(endpoints);
		endpoints.add(new FakeEndPoint("late", EndPointType.TCP_SERVER));
		metrics.bindTo(this.registry);
		assertThat(this.registry.find("getty.sessions.active").tag("endpoint", "late").gauge()).isNotNull();
	}

	@Test
	void aSecondEndpointWithTheSameNameGetsNoMeters() {
		FakeEndPoint first = new FakeEndPoint("dup", EndPointType.TCP_SERVER);
		first.stats = new EndPointStats(1, 1, 0, 0, 0, 0, 0, Collections.emptyMap(), 0, 0);
		FakeEndPoint second = new FakeEndPoint("dup", EndPointType.TCP_SERVER);
		second.stats = new EndPointStats(5, 5, 0, 0, 0, 0, 0, Collections.emptyMap(), 0, 0);
		new GettyMetrics(List.of(first, second)).bindTo(this.registry);
		assertThat(this.registry.get("getty.sessions.active").gauge().value()).isEqualTo(1);
		assertThat(second.statsCalls.get()).isZero();
	}

	@Test
	void oneScrapeTakesOneStatisticsSnapshotPerEndpoint() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		new GettyMetrics(List.of(server)).bindTo(this.registry);
		// Read every meter, as a scrape does.
		for (Meter meter : this.registry.getMeters()) {
			meter.measure().forEach((measurement) -> measurement.getValue());
		}
		assertThat(this.registry.getMeters()).hasSizeGreaterThan(10);
		assertThat(server.statsCalls.get()).isEqualTo(1);
	}

	@Test
	void countersFollowTheEndpointOnceTheSnapshotExpires() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		new GettyMetrics(List.of(server)).bindTo(this.registry);
		assertThat(counter("getty.messages.read", Tags.of("endpoint", "echo"))).isZero();
		server.stats = new EndPointStats(0, 0, 0, 0, 0, 5, 0, Collections.emptyMap(), 0, 0);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(counter("getty.messages.read", Tags.of("endpoint", "echo"))).isEqualTo(5));
	}

	@Test
	void handlingTimersAreRegisteredOncePerEndpointAndSplitByOutcome() {
		FakeEndPoint server = new FakeEndPoint("echo", EndPointType.TCP_SERVER);
		GettyMessageHandlingTimers timers = new GettyMessageHandlingTimers(this.registry);
		timers.record(server, TimeUnit.MILLISECONDS.toNanos(2), false);
		timers.record(server, TimeUnit.MILLISECONDS.toNanos(4), false);
		timers.record(server, TimeUnit.MILLISECONDS.toNanos(8), true);
		Tags tags = Tags.of("endpoint", "echo", "type", "tcp", "role", "server");
		Timer success = this.registry.get("getty.message.handling").tags(tags).tag("outcome", "success").timer();
		Timer error = this.registry.get("getty.message.handling").tags(tags).tag("outcome", "error").timer();
		assertThat(success.count()).isEqualTo(2);
		assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6);
		assertThat(error.count()).isEqualTo(1);
		assertThat(this.registry.find("getty.message.handling").timers()).hasSize(2);
		// What to time is the listener's choice; the recorder asks for one in 16.
		assertThat(timers.forEndpoint(server).sampleInterval()).isEqualTo(16);
	}

	@Test
	void aSampleIntervalBelowOneIsRefusedWithThePropertyName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GettyMessageHandlingTimers(this.registry, Tags.empty(), 0))
			.withMessage("getty.metrics.message-handling.sample-interval must be at least 1 (1 times every message), "
					+ "not 0");
	}

	@Test
	void metersAreDocumentedWithTheirKeys() {
		assertThat(GettyMeters.SESSIONS_ACTIVE.getType()).isEqualTo(Meter.Type.GAUGE);
		assertThat(GettyMeters.DATA_WRITTEN.getBaseUnit()).isEqualTo("bytes");
		assertThat(GettyMeters.ERRORS.getKeyNames()).extracting((key) -> key.asString())
			.containsExactly("endpoint", "type", "role", "kind");
		assertThat(GettyMeters.MESSAGE_HANDLING.getKeyNames()).extracting((key) -> key.asString())
			.containsExactly("endpoint", "type", "role", "outcome");
	}

	private double counter(String name, Tags tags) {
		return this.registry.get(name).tags(tags).functionCounter().count();
	}

	/** An endpoint whose statistics the test sets. */
	static final class FakeEndPoint implements EndPoint {

		private final String name;

		private final EndPointType type;

		volatile EndPointStats stats = new EndPointStats(0, 0, 0, 0, 0, 0, 0, Collections.emptyMap(), 0, 0);

		final AtomicInteger statsCalls = new AtomicInteger();

		FakeEndPoint(String name, EndPointType type) {
			this.name = name;
			this.type = type;
		}

		@Override
		public int id() {
			return 1;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public EndPointType type() {
			return this.type;
		}

		@Override
		public void start() {
		}

		@Override
		public @Nullable InetSocketAddress address() {
			return null;
		}

		@Override
		public Collection<Session> sessions() {
			return Collections.emptyList();
		}

		@Override
		public Optional<Session> session(long sessionId) {
			return Optional.empty();
		}

		@Override
		public EndPointStats stats() {
			this.statsCalls.incrementAndGet();
			return this.stats;
		}

		@Override
		public boolean isClosed() {
			return false;
		}

		@Override
		public boolean close(Duration timeout) {
			return true;
		}

	}

}
