package io.getty.boot.autoconfigure.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.getty.EndPoint;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.context.MessageHandlingRecorder;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GettyMetricsAutoConfiguration}.
 */
class GettyMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String[] ECHO = { "getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class, GettyMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withUserConfiguration(EchoListenerConfiguration.class)
		.withPropertyValues(ECHO);

	@Test
	void bindsEveryEndpointAndTimesMessageHandling() {
		this.runner.withPropertyValues("getty.metrics.message-handling.sample-interval=1").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(GettyMetrics.class)
				.hasSingleBean(GettyMessageHandlingTimers.class);
			assertThat(context.getBean(MessageHandlingRecorder.class)).isInstanceOf(GettyMessageHandlingTimers.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			try (RawClient client = new RawClient(server.port())) {
				echo(client, "hello");
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.get("getty.sessions.active")
						.tags("endpoint", "echo", "type", "tcp", "role", "server")
						.gauge()
						.value()).isEqualTo(1.0));
				// The reply can reach the client before onMessage has returned and been timed.
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.get("getty.message.handling")
						.tags("endpoint", "echo", "outcome", "success")
						.timer()
						.count()).isEqualTo(1));
				assertThat(registry.get("getty.message.handling").tags("outcome", "error").timer().count()).isZero();
			}
		});
	}

	@Test
	void timesASampleOfMessagesByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(GettyMessageHandlingTimers.class).getSampleInterval()).isEqualTo(16);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			int messages = 800;
			try (RawClient client = new RawClient(server.port())) {
				for (int i = 0; i < messages; i++) {
					echo(client, "m" + i);
				}
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(
							registry.get("getty.messages.read").tag("endpoint", "echo").functionCounter().count())
						.isEqualTo(messages));
			}
			// One in 16 on average, each gap drawn from 1 to 31: 50 expected; far outside
			// these bounds only if every message, or none, were timed.
			long timed = registry.get("getty.message.handling").tags("outcome", "success").timer().count();
			assertThat(timed).isBetween(20L, 110L);
		});
	}

	@Test
	void aSampleIntervalBelowOneFailsTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("getty.metrics.message-handling.sample-interval=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("getty.metrics.message-handling.sample-interval must be at least 1")
				.hasMessageContaining("not 0"));
	}

	@Test
	void messageHandlingTimingIsSwitchedOffWithBootsMeterFilter() {
		this.runner.withPropertyValues("management.metrics.enable.getty.message.handling=false").run((context) -> {
			assertThat(context).hasNotFailed();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			try (RawClient client = new RawClient(server.port())) {
				echo(client, "hello");
				// Other getty meters are still there.
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.get("getty.sessions.active").gauge().value()).isEqualTo(1.0));
			}
			assertThat(registry.find("getty.message.handling").timers()).isEmpty();
			// Listeners are told not to time at all.
			assertThat(context.getBean(MessageHandlingRecorder.class).forEndpoint(server))
				.isSameAs(MessageHandlingRecorder.EndpointRecorder.NONE);
		});
	}

	@Test
	void userDefinedBinderAndRecorderReplaceTheAutoConfiguredOnes() {
		this.runner.withUserConfiguration(CustomMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(GettyMetrics.class)).containsExactly("customGettyMetrics");
			assertThat(context.getBeanNamesForType(MessageHandlingRecorder.class)).containsExactly("customRecorder");
			assertThat(context).doesNotHaveBean(GettyMessageHandlingTimers.class);
			// The custom recorder is the one the listeners report to.
			try (RawClient client = new RawClient(context.getBean("echo", TcpServer.class).port())) {
				echo(client, "hello");
			}
			CountingRecorder recorder = context.getBean(CountingRecorder.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(recorder.messages.get()).isEqualTo(1));
		});
	}

	@Test
	void backsOffWithoutMicrometerAndTheEchoStillWorks() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class, GettyMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues(ECHO)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(GettyMetrics.class)
					.doesNotHaveBean(MessageHandlingRecorder.class)
					.hasSingleBean(TcpServer.class);
				assertEchoWorks(context.getBean("echo", TcpServer.class));
			});
	}

	@Test
	void backsOffWithoutAMeterRegistryAndTheEchoStillWorks() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class, GettyMetricsAutoConfiguration.class))
			.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues(ECHO)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(GettyMetrics.class)
					.doesNotHaveBean(MessageHandlingRecorder.class);
				assertEchoWorks(context.getBean("echo", TcpServer.class));
			});
	}

	@Test
	void bindsEndpointsThatDoNotExistYetWhenTheRegistryIsCreated() {
		// With lazy initialization and a bean that needs the registry eagerly, the registry
		// exists long before any endpoint bean; the binder must still find the endpoints,
		// and they must be the very instances the lifecycle starts.
		this.runner.withUserConfiguration(EagerRegistryUserConfiguration.class)
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(
					new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanFactory().getBeanDefinition("echo").isLazyInit()).isTrue();
				MeterRegistry registry = context.getBean(EagerRegistryUser.class).registry;
				TcpServer server = context.getBean("echo", TcpServer.class);
				try (RawClient client = new RawClient(server.port())) {
					echo(client, "early");
					await().atMost(TIMEOUT).untilAsserted(() -> {
						assertThat(registry.get("getty.sessions.active").tag("endpoint", "echo").gauge().value())
							.isEqualTo(1.0);
						assertThat(
								registry.get("getty.messages.read").tag("endpoint", "echo").functionCounter().count())
							.isEqualTo(1.0);
					});
				}
			});
	}

	@Test
	void prometheusScrapeAfterRealTrafficShowsEveryGettyMetricWithAValue() throws Exception {
		try (Upstream upstream = new Upstream()) {
			prometheusRunner(upstream).run((context) -> {
				assertThat(context).hasNotFailed();
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				TcpServer server = context.getBean("echo", TcpServer.class);
				TcpClient client = context.getBean("c", TcpClient.class);
				try (RawClient echoClient = new RawClient(server.port())) {
					echo(echoClient, "one");
					echo(echoClient, "two");
					sendTooLong(server);
					reconnectOnce(upstream, client);
					await().atMost(TIMEOUT).untilAsserted(() -> {
						String scrape = registry.scrape();
						String echo = "endpoint=\"echo\"";
						assertThat(value(scrape, "getty_sessions_active", echo)).isEqualTo(1.0);
						assertThat(value(scrape, "getty_sessions_opened_total", echo)).isEqualTo(2.0);
						assertThat(value(scrape, "getty_sessions_closed_total", echo)).isEqualTo(1.0);
						assertThat(value(scrape, "getty_data_read_bytes_total", echo)).isGreaterThanOrEqualTo(14.0);
						assertThat(value(scrape, "getty_data_written_bytes_total", echo)).isEqualTo(14.0);
						assertThat(value(scrape, "getty_messages_read_total", echo)).isEqualTo(2.0);
						assertThat(value(scrape, "getty_messages_written_total", echo)).isEqualTo(2.0);
						assertThat(value(scrape, "getty_errors_total", echo, "kind=\"too_long\"")).isEqualTo(1.0);
						assertThat(value(scrape, "getty_errors_total", echo, "kind=\"codec\"")).isZero();
						assertThat(value(scrape, "getty_message_handling_seconds_count", echo,
								"outcome=\"success\"")).isEqualTo(2.0);
						assertThat(value(scrape, "getty_message_handling_seconds_sum", echo, "outcome=\"success\""))
							.isPositive();
						String c = "endpoint=\"c\"";
						assertThat(value(scrape, "getty_client_reconnects_total", c, "role=\"client\"", "type=\"tcp\""))
							.isEqualTo(1.0);
						assertThat(value(scrape, "getty_sessions_active", c)).isEqualTo(1.0);
						assertThat(value(scrape, "getty_sessions_opened_total", c)).isEqualTo(2.0);
					});
					// Servers do not reconnect, so they have no such series.
					assertThat(lines(registry.scrape(), "getty_client_reconnects_total", "endpoint=\"echo\""))
						.isEmpty();
				}
			});
		}
	}

	@Test
	void noMeterIsTaggedWithAnAddress() throws Exception {
		try (Upstream upstream = new Upstream()) {
			prometheusRunner(upstream).run((context) -> {
				PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
				TcpServer server = context.getBean("echo", TcpServer.class);
				try (RawClient echoClient = new RawClient(server.port())) {
					echo(echoClient, "hello");
					sendTooLong(server);
					reconnectOnce(upstream, context.getBean("c", TcpClient.class));
					String clientPort = String.valueOf(echoClient.socket().getLocalPort());
					Pattern address = Pattern.compile(".*(\\d{1,3}\\.){3}\\d{1,3}.*|.*:\\d+.*|.*\\[.*\\].*");
					List<Meter> meters = registry.getMeters()
						.stream()
						.filter((meter) -> meter.getId().getName().startsWith("getty."))
						.toList();
					assertThat(meters).isNotEmpty();
					for (Meter meter : meters) {
						for (Tag tag : meter.getId().getTags()) {
							assertThat(tag.getKey()).as(meter.getId().toString())
								.isIn("endpoint", "type", "role", "kind", "outcome");
							assertThat(tag.getValue()).as(meter.getId().toString())
								.doesNotMatch(address)
								.doesNotContain(clientPort)
								.doesNotContain(String.valueOf(server.port()));
						}
					}
					assertThat(registry.scrape()).doesNotContain("127.0.0.1").doesNotContain(":" + clientPort);
				}
			});
		}
	}

	private ApplicationContextRunner prometheusRunner(Upstream upstream) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class, GettyMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class))
			.withUserConfiguration(EchoListenerConfiguration.class, ClientListenerConfiguration.class)
			.withPropertyValues(ECHO)
			.withPropertyValues("getty.metrics.message-handling.sample-interval=1",
					"getty.servers.echo.session.max-msg-len=1KB",
					"getty.clients.c.server-address=127.0.0.1:" + upstream.server.port(),
					"getty.clients.c.reconnect-interval=50ms");
	}

	private static void echo(RawClient client, String payload) throws IOException {
		client.sendFrame(payload);
		assertThat(client.readFrame()).isEqualTo(payload);
	}

	private static void assertEchoWorks(TcpServer server) throws IOException {
		try (RawClient client = new RawClient(server.port())) {
			echo(client, "still echoing");
		}
	}

	/** Announce a package of 2000 bytes to a server that accepts 1 KB: it closes the session. */
	private static void sendTooLong(TcpServer server) throws IOException {
		try (RawClient tooLong = new RawClient(server.port())) {
			tooLong.send(new byte[] { 0, 0, 0x07, (byte) 0xD0 });
			assertThat(tooLong.awaitClosedByPeer()).isTrue();
		}
	}

	/** Drop the client's session on the server side, so that the client reconnects. */
	private static void reconnectOnce(Upstream upstream, TcpClient client) {
		await().atMost(TIMEOUT).until(() -> upstream.server.sessions().size() == 1);
		upstream.server.sessions().forEach(Session::close);
		await().atMost(TIMEOUT).until(() -> client.reconnectCount() == 1 && client.sessions().size() == 1);
	}

	private static List<String> lines(String scrape, String name, String... labels) {
		List<String> lines = new ArrayList<>();
		for (String line : scrape.split("\n")) {
			if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
				lines.add(line);
			}
		}
		return lines;
	}

	private static double value(String scrape, String name, String... labels) {
		List<String> lines = lines(scrape, name, labels);
		assertThat(lines).as("%s%s in the scrape", name, Arrays.toString(labels)).hasSize(1);
		String line = lines.get(0);
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	/** A server outside the context for the client {@code c} to connect to. */
	private static final class Upstream implements AutoCloseable {

		final TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.port(0)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener((EventListener<byte[]>) (session, pkg) -> session.writePkg(pkg))
			.build();

		Upstream() {
			this.server.start();
		}

		@Override
		public void close() {
			this.server.close(Duration.ofSeconds(5));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListenerConfiguration {

		@Bean
		@GettyListener("echo")
		EventListener<byte[]> echoListener() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientListenerConfiguration {

		@Bean
		@GettyListener("c")
		EventListener<byte[]> clientListener() {
			return (session, pkg) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		GettyMetrics customGettyMetrics() {
			return new GettyMetrics(List.<EndPoint>of());
		}

		@Bean
		CountingRecorder customRecorder() {
			return new CountingRecorder();
		}

	}

	static class CountingRecorder implements MessageHandlingRecorder {

		final AtomicInteger messages = new AtomicInteger();

		@Override
		public void record(EndPoint endpoint, long nanos, boolean failed) {
			this.messages.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EagerRegistryUserConfiguration {

		@Bean
		@Lazy(false)
		EagerRegistryUser eagerRegistryUser(MeterRegistry registry) {
			return new EagerRegistryUser(registry);
		}

	}

	static class EagerRegistryUser {

		final MeterRegistry registry;

		EagerRegistryUser(MeterRegistry registry) {
			this.registry = registry;
		}

	}

}
