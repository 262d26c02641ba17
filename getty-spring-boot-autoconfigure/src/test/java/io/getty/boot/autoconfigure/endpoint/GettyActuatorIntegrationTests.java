package io.getty.boot.autoconfigure.endpoint;

import java.time.Duration;

import io.getty.EventListener;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.autoconfigure.health.GettyHealthContributorAutoConfiguration;
import io.getty.boot.autoconfigure.health.GettyHealthIndicator;
import io.getty.boot.autoconfigure.metrics.GettyMetrics;
import io.getty.boot.autoconfigure.metrics.GettyMetricsAutoConfiguration;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that an application with the actuator gets getty's metrics, health component and
 * endpoint from the auto-configuration imports alone, in Spring Boot's own order.
 */
class GettyActuatorIntegrationTests {

	@Test
	void everyAutoConfigurationIsRegisteredInTheImportsFile() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
			.contains(GettyMetricsAutoConfiguration.class.getName(),
					GettyHealthContributorAutoConfiguration.class.getName(),
					GettyEndpointAutoConfiguration.class.getName());
	}

	@Test
	void anApplicationWithTheActuatorGetsMetricsHealthAndTheEndpoint() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0",
					"getty.metrics.message-handling.sample-interval=1",
					"management.endpoints.web.exposure.include=health,getty")
			.run()) {
			assertThat(context.getBeansOfType(GettyMetrics.class)).hasSize(1);
			assertThat(context.getBeansOfType(GettyActuatorEndpoint.class)).hasSize(1);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("getty"))
				.isInstanceOf(GettyHealthIndicator.class);
			assertThat(context.getBean(HealthEndpoint.class).healthForPath("getty").getStatus()).isEqualTo(Status.UP);
			TcpServer server = context.getBean("echo", TcpServer.class);
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			try (RawClient client = new RawClient(server.port())) {
				client.sendFrame("hello");
				assertThat(client.readFrame()).isEqualTo("hello");
				assertThat(context.getBean(GettyActuatorEndpoint.class).endpoints().endpoints())
					.singleElement()
					.satisfies((echo) -> assertThat(echo.sessions()).hasSize(1));
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(registry.get("getty.messages.read").tag("endpoint", "echo").functionCounter().count())
						.isEqualTo(1);
					assertThat(registry.get("getty.message.handling")
						.tags("endpoint", "echo", "outcome", "success")
						.timer()
						.count())
						.isEqualTo(1);
				});
				assertThat(registry.scrape()).contains("getty_messages_read_total{endpoint=\"echo\"",
						"getty_message_handling_seconds_count{endpoint=\"echo\"");
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		@GettyListener("echo")
		EventListener<byte[]> echoListener() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

}
