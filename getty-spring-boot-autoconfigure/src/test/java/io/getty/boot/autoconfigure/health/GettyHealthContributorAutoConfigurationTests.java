package io.getty.boot.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.getty.EventListener;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GettyHealthContributorAutoConfiguration} and
 * {@link GettyHealthIndicator}.
 */
class GettyHealthContributorAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(GettyAutoConfiguration.class, GettyHealthContributorAutoConfiguration.class))
		.withUserConfiguration(EchoListenerConfiguration.class)
		.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0");

	@Test
	void createsTheGettyHealthComponentByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(GettyHealthIndicator.class);
			assertThat(context.getBeanNamesForType(HealthIndicator.class)).containsExactly("gettyHealthIndicator");
		});
	}

	@Test
	void userDefinedIndicatorReplacesTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(CustomIndicatorConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(GettyHealthIndicator.class)).containsExactly("customIndicator");
		});
	}

	@Test
	void aUserBeanNamedGettyHealthIndicatorReplacesTheAutoConfiguredOne() {
		this.runner.withUserConfiguration(SameNameIndicatorConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(GettyHealthIndicator.class);
			assertThat(context.getBean("gettyHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void canBeSwitchedOffAndTheEchoStillWorks() {
		this.runner.withPropertyValues("management.health.getty.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(GettyHealthIndicator.class);
			assertEchoWorks(context);
		});
	}

	@Test
	void backsOffWithoutSpringBootHealthAndTheEchoStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(GettyHealthIndicator.class)
				.hasSingleBean(GettyEndpointRegistry.class)
				.hasSingleBean(TcpServer.class);
			assertEchoWorks(context);
		});
	}

	@Test
	void upWhenTheServerIsBoundWithItsAddressAndSessions() {
		this.runner.run((context) -> {
			HealthIndicator indicator = context.getBean(GettyHealthIndicator.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(details(health, "echo")).containsEntry("type", "tcp")
				.containsEntry("role", "server")
				.containsEntry("address", "127.0.0.1:" + server.port())
				.containsEntry("sessions", 0)
				.containsEntry("status", "UP")
				.doesNotContainKey("reconnects");
			try (RawClient client = new RawClient(server.port())) {
				client.sendFrame("hello");
				assertThat(client.readFrame()).isEqualTo("hello");
				assertThat(details(indicator.health(), "echo")).containsEntry("sessions", 1);
			}
		});
	}

	@Test
	void downOnceTheServerIsClosed() {
		this.runner.run((context) -> {
			context.getBean("echo", TcpServer.class).close(Duration.ofSeconds(5));
			Health health = context.getBean(GettyHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(details(health, "echo")).containsEntry("status", "DOWN").containsEntry("reason", "closed");
		});
	}

	@Test
	void downWhenAClientCannotReachItsServer() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.runner.withUserConfiguration(ClientListenerConfiguration.class)
			.withPropertyValues("getty.clients.c.server-address=127.0.0.1:" + closedPort,
					"getty.clients.c.reconnect-interval=50ms", "getty.clients.c.reconnect-attempts=2")
			.run((context) -> {
				TcpClient client = context.getBean("c", TcpClient.class);
				await().atMost(TIMEOUT).until(() -> client.failedAttempts() >= 1);
				Health health = context.getBean(GettyHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(details(health, "c")).containsEntry("type", "tcp")
					.containsEntry("role", "client")
					.containsEntry("address", "127.0.0.1:" + closedPort)
					.containsEntry("sessions", 0)
					.containsEntry("reconnects", 0L)
					.containsEntry("status", "DOWN")
					.containsEntry("reason", "no open session");
				assertThat(details(health, "echo")).containsEntry("status", "UP");
			});
	}

	@Test
	void upWhenEveryClientHasASession() {
		TcpServer upstream = TcpServer.builder()
			.host("127.0.0.1")
			.port(0)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener((EventListener<byte[]>) (session, pkg) -> session.writePkg(pkg))
			.build();
		upstream.start();
		try {
			this.runner.withUserConfiguration(ClientListenerConfiguration.class)
				.withPropertyValues("getty.clients.c.server-address=127.0.0.1:" + upstream.port())
				.run((context) -> {
					GettyHealthIndicator indicator = context.getBean(GettyHealthIndicator.class);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
					assertThat(details(indicator.health(), "c")).containsEntry("sessions", 1)
						.containsEntry("address", "127.0.0.1:" + upstream.port());
				});
		}
		finally {
			upstream.close(Duration.ofSeconds(5));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health, String endpoint) {
		assertThat(health.getDetails()).containsKey(endpoint);
		return (Map<String, Object>) health.getDetails().get(endpoint);
	}

	private static void assertEchoWorks(AssertableApplicationContext context) throws IOException {
		try (RawClient client = new RawClient(context.getBean("echo", TcpServer.class).port())) {
			client.sendFrame("still echoing");
			assertThat(client.readFrame()).isEqualTo("still echoing");
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
	static class CustomIndicatorConfiguration {

		@Bean
		GettyHealthIndicator customIndicator(GettyEndpointRegistry registry) {
			return new GettyHealthIndicator(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameNameIndicatorConfiguration {

		@Bean
		HealthIndicator gettyHealthIndicator() {
			return () -> Health.outOfService().build();
		}

	}

}
