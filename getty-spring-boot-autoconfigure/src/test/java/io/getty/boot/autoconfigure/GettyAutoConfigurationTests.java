package io.getty.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.getty.EndPoint;
import io.getty.EndPointCustomizer;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.SessionInitializer;
import io.getty.boot.annotation.GettyCodec;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.annotation.GettySessionInitializer;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.boot.context.GettyEndpointsLifecycle;
import io.getty.codec.LineCodec;
import io.getty.codec.ReadWriter;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GettyAutoConfiguration}.
 */
class GettyAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class));

	@Test
	void withoutEndpointsOnlyTheInfrastructureExists() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(GettyEndpointRegistry.class)
				.hasSingleBean(GettyEndpointFactory.class)
				.hasSingleBean(GettyEndpointsLifecycle.class)
				.doesNotHaveBean(EndPoint.class);
		});
	}

	@Test
	void aDeclaredServerIsABeanNamedAfterItThatEchoesAndPublishesItsPort() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TcpServer.class).hasBean("echo");
				TcpServer server = context.getBean("echo", TcpServer.class);
				assertThat(server.name()).isEqualTo("echo");
				assertThat(server.port()).isPositive();
				assertThat(context.getEnvironment().getProperty("local.getty.servers.echo.port", Integer.class))
					.isEqualTo(server.port());
				try (RawClient client = new RawClient(server.port())) {
					client.sendFrame("hello");
					assertThat(client.readFrame()).isEqualTo("hello");
				}
			});
	}

	@Test
	void endpointsAreInjectableByQualifier() {
		this.runner
			.withUserConfiguration(EchoListenerConfiguration.class, OtherAndClientListenersConfiguration.class,
					QualifiedConsumer.class)
			.withPropertyValues("getty.servers.echo.port=0", "getty.servers.other.port=0",
					"getty.clients.to-echo.server-address=127.0.0.1:${local.getty.servers.echo.port}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				QualifiedConsumer consumer = context.getBean(QualifiedConsumer.class);
				assertThat(consumer.echo.name()).isEqualTo("echo");
				assertThat(consumer.other.name()).isEqualTo("other");
				assertThat(consumer.client.name()).isEqualTo("to-echo");
				assertThat(context.getBeansOfType(EndPoint.class)).containsOnlyKeys("echo", "other", "to-echo");
			});
	}

	@Test
	void propertiesReachTheEndpointAndItsSessions() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0",
					"getty.servers.echo.session.name=echo-session", "getty.servers.echo.session.max-msg-len=2KB",
					"getty.servers.echo.session.cron-period=250ms", "getty.servers.echo.session.write-timeout=2s",
					"getty.servers.echo.write-buffer.max-outbound=1MB")
			.run((context) -> {
				TcpServer server = context.getBean("echo", TcpServer.class);
				assertThat(server.sessionOptions().maxMsgLen()).isEqualTo(2048);
				assertThat(server.sessionOptions().maxOutboundBytes()).isEqualTo(1024 * 1024);
				try (RawClient client = new RawClient(server.port())) {
					client.sendFrame("x");
					assertThat(client.readFrame()).isEqualTo("x");
					Session session = server.sessions().iterator().next();
					assertThat(session.name()).isEqualTo("echo-session");
					assertThat(session.cronPeriod()).isEqualTo(Duration.ofMillis(250));
					assertThat(session.writeTimeout()).isEqualTo(Duration.ofSeconds(2));
				}
			});
	}

	@Test
	void aDeclaredClientConnectsItsPoolToTheServer() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class, ClientListenerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0",
					"getty.clients.echo-client.server-address=127.0.0.1:${local.getty.servers.echo.port}",
					"getty.clients.echo-client.connection-number=3",
					"getty.clients.echo-client.reconnect-interval=50ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpClient client = context.getBean("echo-client", TcpClient.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 3);
				client.writePkg("through the pool".getBytes(StandardCharsets.UTF_8));
				RecordingClientListener listener = context.getBean(RecordingClientListener.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> listener.received.contains("through the pool"));
			});
	}

	@Test
	void customizersRunInOrderOnEveryEndpoint() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class, CustomizerConfiguration.class)
			.withPropertyValues("getty.servers.echo.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first:echo",
						"second:echo");
				assertThat(context.getBean("echo", TcpServer.class).sessionOptions().maxMsgLen()).isEqualTo(777);
			});
	}

	@Test
	void sessionInitializersApplyToTheEndpointsTheyName() {
		this.runner.withUserConfiguration(TwoListenersConfiguration.class, InitializerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0",
					"getty.servers.other.host=127.0.0.1", "getty.servers.other.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpServer echo = context.getBean("echo", TcpServer.class);
				TcpServer other = context.getBean("other", TcpServer.class);
				try (RawClient a = new RawClient(echo.port()); RawClient b = new RawClient(other.port())) {
					a.sendFrame("a");
					assertThat(a.readFrame()).isEqualTo("a");
					b.sendFrame("b");
					assertThat(b.readFrame()).isEqualTo("b");
					assertThat(echo.sessions()).extracting(Session::name).containsExactly("named-by-initializer");
					assertThat(other.sessions()).extracting(Session::name).containsExactly("tcp-session");
					assertThat(echo.sessions().iterator().next().getAttribute("everywhere")).isEqualTo(true);
					assertThat(other.sessions().iterator().next().getAttribute("everywhere")).isEqualTo(true);
				}
			});
	}

	@Test
	void aBuiltInCodecNamedInYamlIsUsed() {
		this.runner.withUserConfiguration(LineEchoConfiguration.class)
			.withPropertyValues("getty.servers.lines.host=127.0.0.1", "getty.servers.lines.port=0",
					"getty.servers.lines.codec=line")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GettyEndpointRegistry.class).binding("lines").codec())
					.isSameAs(LineCodec.instance());
				TcpServer server = context.getBean("lines", TcpServer.class);
				try (RawClient client = new RawClient(server.port())) {
					client.send("one line\n".getBytes(StandardCharsets.UTF_8));
					byte[] reply = client.socket().getInputStream().readNBytes(9);
					assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("one line\n");
				}
			});
	}

	@Test
	void aGettyCodecBeanIsTheCodecOfTheEndpointsItNames() {
		this.runner.withUserConfiguration(LineEchoConfiguration.class, LineCodecBeanConfiguration.class)
			.withPropertyValues("getty.servers.lines.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				GettyEndpointRegistry.Binding binding = context.getBean(GettyEndpointRegistry.class).binding("lines");
				assertThat(binding.codec()).isSameAs(LineCodec.instance());
				assertThat(binding.codecSource()).isEqualTo("myLineCodec");
			});
	}

	@Test
	void yamlMayNameACodecBean() {
		this.runner.withUserConfiguration(LineEchoConfiguration.class, PlainCodecBeanConfiguration.class)
			.withPropertyValues("getty.servers.lines.port=0", "getty.servers.lines.codec=plainLines")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GettyEndpointRegistry.class).binding("lines").codecSource())
					.isEqualTo("plainLines");
			});
	}

	@Test
	void stoppingTheContextClosesEndpointsAndTheirSessions() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0")
			.run((context) -> {
				TcpServer server = context.getBean("echo", TcpServer.class);
				RawClient client = new RawClient(server.port());
				client.sendFrame("ping");
				assertThat(client.readFrame()).isEqualTo("ping");
				context.close();
				assertThat(server.isClosed()).isTrue();
				assertThat(server.sessions()).isEmpty();
				assertThat(client.awaitClosedByPeer()).isTrue();
				client.close();
			});
	}

	@Test
	void aStoppedContextStartsItsEndpointsAgain() {
		this.runner.withUserConfiguration(EchoListenerConfiguration.class)
			.withPropertyValues("getty.servers.echo.host=127.0.0.1", "getty.servers.echo.port=0",
					"getty.servers.echo.task-pool.type=fixed")
			.run((context) -> {
				TcpServer server = context.getBean("echo", TcpServer.class);
				// Spring pauses a cached test context this way when a suite switches contexts.
				context.getSourceApplicationContext().stop();
				assertThat(server.isClosed()).isTrue();
				context.getSourceApplicationContext().start();
				assertThat(server.isClosed()).isFalse();
				assertThat(context.getEnvironment().getProperty("local.getty.servers.echo.port", Integer.class))
					.isEqualTo(server.port());
				try (RawClient client = new RawClient(server.port())) {
					client.sendFrame("after restart");
					assertThat(client.readFrame()).isEqualTo("after restart");
				}
			});
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
	static class OtherAndClientListenersConfiguration {

		@Bean
		@GettyListener({ "other", "to-echo" })
		EventListener<byte[]> otherListener() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListenersConfiguration {

		@Bean
		@GettyListener("echo")
		EventListener<byte[]> echoListener() {
			return (session, pkg) -> session.writePkg(pkg);
		}

		@Bean
		@GettyListener("other")
		EventListener<byte[]> otherListener() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LineEchoConfiguration {

		@Bean
		@GettyListener("lines")
		EventListener<String> lineListener() {
			return (session, line) -> session.writePkg(line);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LineCodecBeanConfiguration {

		@Bean
		@GettyCodec("lines")
		ReadWriter<String> myLineCodec() {
			return LineCodec.instance();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainCodecBeanConfiguration {

		@Bean
		ReadWriter<String> plainLines() {
			return LineCodec.instance();
		}

	}

	static class RecordingClientListener implements EventListener<byte[]> {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Override
		public void onMessage(Session session, byte[] pkg) {
			this.received.add(new String(pkg, StandardCharsets.UTF_8));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientListenerConfiguration {

		@Bean
		@GettyListener("echo-client")
		RecordingClientListener clientListener() {
			return new RecordingClientListener();
		}

	}

	static class QualifiedConsumer {

		final TcpServer echo;

		final TcpServer other;

		final TcpClient client;

		QualifiedConsumer(@Qualifier("echo") TcpServer echo, @Qualifier("other") TcpServer other,
				@Qualifier("to-echo") TcpClient client) {
			this.echo = echo;
			this.other = other;
			this.client = client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		EndPointCustomizer second() {
			return (name, type, builder) -> {
				this.calls.add("second:" + name);
				builder.sessionOptions((options) -> options.withMaxMsgLen(777));
			};
		}

		@Bean
		@Order(1)
		EndPointCustomizer first() {
			return (name, type, builder) -> {
				this.calls.add("first:" + name);
				builder.sessionOptions((options) -> options.withMaxMsgLen(1));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InitializerConfiguration {

		@Bean
		@GettySessionInitializer("echo")
		SessionInitializer nameEchoSessions() {
			return (session) -> session.setName("named-by-initializer");
		}

		@Bean
		@GettySessionInitializer
		SessionInitializer markEverySession() {
			return (session) -> session.setAttribute("everywhere", true);
		}

	}

}
