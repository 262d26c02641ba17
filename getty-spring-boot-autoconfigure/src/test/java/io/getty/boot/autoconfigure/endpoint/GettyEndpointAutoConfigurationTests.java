package io.getty.boot.autoconfigure.endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.getty.EventListener;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.autoconfigure.endpoint.GettyActuatorEndpoint.EndpointDescriptor;
import io.getty.boot.autoconfigure.endpoint.GettyActuatorEndpoint.EndpointsDescriptor;
import io.getty.boot.autoconfigure.endpoint.GettyActuatorEndpoint.SessionClosedDescriptor;
import io.getty.boot.autoconfigure.endpoint.GettyActuatorEndpoint.SessionDescriptor;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.invoke.convert.ConversionServiceParameterValueMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GettyEndpointAutoConfiguration} and {@link GettyActuatorEndpoint}.
 */
class GettyEndpointAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String EXPOSE = "management.endpoints.web.exposure.include=getty";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class, GettyEndpointAutoConfiguration.class))
		.withUserConfiguration(EchoListenerConfiguration.class)
		.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0");

	@Test
	void isNotCreatedUnlessExposed() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GettyActuatorEndpoint.class));
	}

	@Test
	void isCreatedWhenExposed() {
		this.runner.withPropertyValues(EXPOSE)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(GettyActuatorEndpoint.class));
	}

	@Test
	void isNotCreatedWhenItsAccessIsNone() {
		this.runner.withPropertyValues(EXPOSE, "management.endpoint.getty.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GettyActuatorEndpoint.class));
	}

	@Test
	void userDefinedEndpointReplacesTheAutoConfiguredOne() {
		this.runner.withPropertyValues(EXPOSE)
			.withUserConfiguration(CustomEndpointConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(GettyActuatorEndpoint.class)).containsExactly("customEndpoint");
			});
	}

	@Test
	void backsOffWithoutTheEndpointAnnotationAndTheEchoStillWorks() {
		backsOffAndTheEchoStillWorks(new FilteredClassLoader(Endpoint.class));
	}

	@Test
	void backsOffWithoutAnyActuatorModuleAndTheEchoStillWorks() {
		backsOffAndTheEchoStillWorks(new FilteredClassLoader("org.springframework.boot.actuate"));
	}

	private void backsOffAndTheEchoStillWorks(FilteredClassLoader classLoader) {
		this.runner.withPropertyValues(EXPOSE)
			.withClassLoader(classLoader)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(GettyActuatorEndpoint.class)
					.hasSingleBean(GettyEndpointRegistry.class)
					.hasSingleBean(TcpServer.class);
				try (RawClient client = new RawClient(context.getBean("echo", TcpServer.class).port())) {
					client.sendFrame("still echoing");
					assertThat(client.readFrame()).isEqualTo("still echoing");
				}
			});
	}

	@Test
	void listsTheSessionOfAConnectedClientReadsItByIdAndClosesIt() {
		this.runner.withPropertyValues(EXPOSE).run((context) -> {
			GettyActuatorEndpoint endpoint = context.getBean(GettyActuatorEndpoint.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			try (RawClient client = new RawClient(server.port())) {
				client.sendFrame("hello");
				assertThat(client.readFrame()).isEqualTo("hello");
				String clientAddress = "127.0.0.1:" + client.socket().getLocalPort();
				// The echo can reach the client before the write's completion is counted.
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(echo(endpoint.endpoints()).stats().writtenPackages()).isEqualTo(1));

				EndpointDescriptor echo = echo(endpoint.endpoints());
				assertThat(echo.type()).isEqualTo("tcp");
				assertThat(echo.role()).isEqualTo("server");
				assertThat(echo.address()).isEqualTo("127.0.0.1:" + server.port());
				assertThat(echo.closed()).isFalse();
				assertThat(echo.stats().activeSessions()).isEqualTo(1);
				assertThat(echo.stats().readPackages()).isEqualTo(1);
				assertThat(echo.sessions()).hasSize(1);
				SessionDescriptor listed = echo.sessions().get(0);
				assertThat(listed.endpoint()).isEqualTo("echo");
				assertThat(listed.remoteAddress()).isEqualTo(clientAddress);
				assertThat(listed.localAddress()).isEqualTo("127.0.0.1:" + server.port());
				assertThat(listed.readBytes()).isEqualTo(9);
				assertThat(listed.writtenPackages()).isEqualTo(1);
				assertThat(listed.lastActive()).isAfterOrEqualTo(listed.opened());

				SessionDescriptor byId = endpoint.session(listed.id());
				assertThat(byId).isNotNull();
				assertThat(byId.id()).isEqualTo(listed.id());
				assertThat(byId.remoteAddress()).isEqualTo(clientAddress);
				assertThat(endpoint.session(listed.id() + 1_000_000)).isNull();

				SessionClosedDescriptor closed = endpoint.closeSession(listed.id());
				assertThat(closed.id()).isEqualTo(listed.id());
				assertThat(closed.existed()).isTrue();
				assertThat(client.awaitClosedByPeer()).isTrue();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(echo(endpoint.endpoints()).sessions()).isEmpty());
				assertThat(endpoint.session(listed.id())).isNull();
				assertThat(endpoint.closeSession(listed.id()).existed()).isFalse();
				assertThat(echo(endpoint.endpoints()).stats().closedSessions()).isEqualTo(1);
			}
		});
	}

	@Test
	void operationsAreMappedForTheWebWithTheSessionIdAsPathVariable() {
		this.runner.withPropertyValues(EXPOSE).run((context) -> {
			Map<String, WebOperation> operations = webOperations(context);
			assertThat(operations).containsOnlyKeys("GET getty", "GET getty/{id}", "DELETE getty/{id}");
			TcpServer server = context.getBean("echo", TcpServer.class);
			try (RawClient client = new RawClient(server.port())) {
				client.sendFrame("hello");
				assertThat(client.readFrame()).isEqualTo("hello");
				long id = server.sessions().iterator().next().id();
				Map<String, Object> path = Map.of("id", String.valueOf(id));
				assertThat(operations.get("GET getty").invoke(invocation(Collections.emptyMap())))
					.isInstanceOf(EndpointsDescriptor.class);
				assertThat(operations.get("GET getty/{id}").invoke(invocation(path)))
					.isInstanceOfSatisfying(SessionDescriptor.class,
							(session) -> assertThat(session.id()).isEqualTo(id));
				// A null result is what the web layer turns into a 404.
				assertThat(operations.get("GET getty/{id}").invoke(invocation(Map.of("id", "-1")))).isNull();
				assertThat(operations.get("DELETE getty/{id}").invoke(invocation(path)))
					.isEqualTo(new SessionClosedDescriptor(id, true));
				assertThat(client.awaitClosedByPeer()).isTrue();
			}
		});
	}

	@Test
	void descriptorsSerializeToJson() {
		this.runner.withPropertyValues(EXPOSE).run((context) -> {
			GettyActuatorEndpoint endpoint = context.getBean(GettyActuatorEndpoint.class);
			TcpServer server = context.getBean("echo", TcpServer.class);
			try (RawClient client = new RawClient(server.port())) {
				client.sendFrame("hello");
				assertThat(client.readFrame()).isEqualTo("hello");
				String json = JsonMapper.builder().build().writeValueAsString(endpoint.endpoints());
				assertThat(json).contains("\"name\":\"echo\"", "\"type\":\"tcp\"", "\"role\":\"server\"",
						"\"sessions\":[{", "\"remoteAddress\":\"127.0.0.1:" + client.socket().getLocalPort() + "\"",
						"\"lastActive\":", "\"readPackages\":1", "\"errors\":{");
			}
		});
	}

	private static EndpointDescriptor echo(EndpointsDescriptor descriptor) {
		List<EndpointDescriptor> endpoints = descriptor.endpoints();
		assertThat(endpoints).extracting(EndpointDescriptor::name).containsExactly("echo");
		return endpoints.get(0);
	}

	private static Map<String, WebOperation> webOperations(AssertableApplicationContext context) {
		WebEndpointDiscoverer discoverer = new WebEndpointDiscoverer(context,
				new ConversionServiceParameterValueMapper(), EndpointMediaTypes.DEFAULT, Collections.emptyList(),
				Collections.emptyList(), Collections.emptyList(), Collections.emptyList(), Collections.emptyList());
		ExposableWebEndpoint getty = discoverer.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().toString().equals("getty"))
			.findFirst()
			.orElseThrow();
		return getty.getOperations()
			.stream()
			.collect(Collectors.toMap((operation) -> operation.getRequestPredicate().getHttpMethod() + " "
					+ operation.getRequestPredicate().getPath(), Function.identity()));
	}

	private static InvocationContext invocation(Map<String, Object> arguments) {
		return new InvocationContext(SecurityContext.NONE, arguments);
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
	static class CustomEndpointConfiguration {

		@Bean
		GettyActuatorEndpoint customEndpoint(GettyEndpointRegistry registry) {
			return new GettyActuatorEndpoint(registry);
		}

	}

}
