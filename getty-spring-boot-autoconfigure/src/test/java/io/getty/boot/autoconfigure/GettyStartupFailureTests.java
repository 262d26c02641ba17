package io.getty.boot.autoconfigure;

import io.getty.EventListener;
import io.getty.boot.annotation.GettyCodec;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.annotation.GettySessionInitializer;
import io.getty.codec.LineCodec;
import io.getty.codec.ReadWriter;
import io.getty.codec.StringCodec;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wiring mistake stops startup with a message that names the bean, the endpoint and
 * the endpoints that exist.
 */
class GettyStartupFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GettyAutoConfiguration.class))
		.withPropertyValues("getty.servers.echo.port=0", "getty.servers.hello.port=0");

	@Test
	void aListenerNamingAnUnknownEndpointStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, TypoListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.isInstanceOf(GettyConfigurationException.class)
				.hasMessageContaining("@GettyListener bean 'typoListener' names endpoint 'ecko'")
				.hasMessageContaining("declared endpoints: [echo, hello]");
		});
	}

	@Test
	void anEndpointWithoutAListenerStopsStartup() {
		this.runner.withUserConfiguration(EchoListenerOnly.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("endpoint 'hello' (getty.servers.hello) has no listener")
				.hasMessageContaining("@GettyListener(\"hello\")");
			assertThat(analysis(context.getStartupFailure()).getAction()).contains("Declared endpoints: [echo, hello]");
		});
	}

	@Test
	void twoCodecsForOneEndpointStopStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, TwoCodecsForEcho.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("endpoint 'echo' has 2 codecs, @GettyCodec beans [lineCodec, stringCodec]");
		});
	}

	@Test
	void aCodecInYamlAndAnotherCodecBeanForTheSameEndpointStopStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, OneCodecForEcho.class)
			.withPropertyValues("getty.servers.echo.codec=string")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("endpoint 'echo' has two codecs: getty.servers.echo.codec is 'string' and "
							+ "@GettyCodec bean 'lineCodec' names it too");
			});
	}

	@Test
	void aCodecNamedInYamlThatExistsNowhereStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.servers.echo.codec=protobuf")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("endpoint 'echo' names codec 'protobuf' (getty.servers.echo.codec), which "
							+ "is neither a built-in codec [length-field, line, string, bytes, json] nor a ReadWriter bean");
			});
	}

	@Test
	void twoListenersForOneEndpointStopStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, SecondEchoListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("endpoint 'echo' has 2 listeners, beans [both, secondEcho]");
		});
	}

	@Test
	void aListenerBeanThatIsNotAnEventListenerStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, NotAListener.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("@GettyListener bean 'notAListener' (java.lang.String) does not implement "
						+ "io.getty.EventListener");
		});
	}

	@Test
	void aSessionInitializerNamingAnUnknownEndpointStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, TypoInitializer.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("@GettySessionInitializer bean 'typoInitializer' names endpoint 'helo'");
		});
	}

	@Test
	void aServerAndAClientWithTheSameNameStopStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.clients.echo.server-address=127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("'echo' is declared both as getty.servers.echo and getty.clients.echo");
			});
	}

	@Test
	void anEndpointNameThatClashesWithAnotherBeanStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class, BeanNamedHello.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(rootCause(context.getStartupFailure()))
				.hasMessageContaining("The getty endpoint 'hello' needs a bean named 'hello'");
		});
	}

	@Test
	void aMalformedServerAddressStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.clients.out.server-address=localhost")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("getty.clients.out.server-address is 'localhost', which is not host:port");
			});
	}

	@Test
	void aBacklogBelowOneStopsStartupNamingTheProperty() {
		for (String type : new String[] { "tcp", "ws" }) {
			this.runner.withUserConfiguration(EchoAndHelloListeners.class)
				.withPropertyValues("getty.servers.echo.type=" + type, "getty.servers.echo.backlog=0")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(rootCause(context.getStartupFailure())).as(type)
						.isInstanceOf(GettyConfigurationException.class)
						.hasMessageContaining("getty.servers.echo.backlog is 0");
				});
		}
	}

	@Test
	void wssWithoutAnSslBundleStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.servers.echo.type=wss")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("Endpoint 'echo' is wss but getty.servers.echo.ssl.bundle is not set");
			});
	}

	@Test
	void anSslBundleThatDoesNotExistStopsStartup() {
		this.runner.withConfiguration(AutoConfigurations.of(org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration.class))
			.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.servers.echo.ssl.bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("getty.servers.echo.ssl.bundle names 'missing', which is not declared");
			});
	}

	@Test
	void jsonWithoutADeclaredTypeStopsStartup() {
		this.runner.withUserConfiguration(EchoAndHelloListeners.class)
			.withPropertyValues("getty.servers.echo.payload=json")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure()))
					.hasMessageContaining("getty.servers.echo.json.type is not set");
			});
	}

	@Test
	void aPortAlreadyInUseStopsStartupNamingTheEndpoint() throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			this.runner.withUserConfiguration(EchoAndHelloListeners.class)
				.withPropertyValues("getty.servers.echo.host=127.0.0.1",
						"getty.servers.echo.port=" + taken.getLocalPort())
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(context.getStartupFailure()).hasStackTraceContaining(
							"TCP server 'echo' could not bind 127.0.0.1:" + taken.getLocalPort());
				});
		}
	}

	private static Throwable rootCause(Throwable failure) {
		return NestedExceptionUtils.getMostSpecificCause(failure);
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new GettyConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoAndHelloListeners {

		@Bean
		@GettyListener({ "echo", "hello" })
		EventListener<byte[]> both() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListenerOnly {

		@Bean
		@GettyListener("echo")
		EventListener<byte[]> echoOnly() {
			return (session, pkg) -> session.writePkg(pkg);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondEchoListener {

		@Bean
		@GettyListener("echo")
		EventListener<byte[]> secondEcho() {
			return (session, pkg) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypoListener {

		@Bean
		@GettyListener("ecko")
		EventListener<byte[]> typoListener() {
			return (session, pkg) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAListener {

		@Bean
		@GettyListener("echo")
		String notAListener() {
			return "not a listener";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneCodecForEcho {

		@Bean
		@GettyCodec("echo")
		ReadWriter<String> lineCodec() {
			return LineCodec.instance();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoCodecsForEcho {

		@Bean
		@GettyCodec("echo")
		ReadWriter<String> lineCodec() {
			return LineCodec.instance();
		}

		@Bean
		@GettyCodec("echo")
		ReadWriter<String> stringCodec() {
			return StringCodec.instance();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TypoInitializer {

		@Bean
		@GettySessionInitializer("helo")
		io.getty.SessionInitializer typoInitializer() {
			return (session) -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BeanNamedHello {

		@Bean
		String hello() {
			return "a bean that happens to be called hello";
		}

	}

}
