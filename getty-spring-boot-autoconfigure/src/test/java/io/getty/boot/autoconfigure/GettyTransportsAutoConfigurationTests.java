package io.getty.boot.autoconfigure;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.getty.EndPointType;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.udp.UdpEndPoint;
import io.getty.udp.UdpPackage;
import io.getty.ws.WsClient;
import io.getty.ws.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UDP, WebSocket and TLS endpoints declared in YAML, with TLS from Spring Boot SSL
 * bundles.
 */
class GettyTransportsAutoConfigurationTests {

	private static final String[] SSL_BUNDLES = {
			"spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.crt",
			"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
			"spring.ssl.bundle.pem.server.truststore.certificate=classpath:tls/ca.crt",
			"spring.ssl.bundle.pem.client.truststore.certificate=classpath:tls/ca.crt",
			"spring.ssl.bundle.pem.client.keystore.certificate=classpath:tls/client.crt",
			"spring.ssl.bundle.pem.client.keystore.private-key=classpath:tls/client.key",
			"spring.ssl.bundle.pem.anonymous.truststore.certificate=classpath:tls/ca.crt" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, GettyAutoConfiguration.class))
		.withPropertyValues(SSL_BUNDLES);

	@Test
	void udpEndpointEchoesDatagrams() {
		this.runner.withUserConfiguration(UdpEcho.class)
			.withPropertyValues("getty.servers.datagrams.type=udp", "getty.servers.datagrams.host=127.0.0.1",
					"getty.servers.datagrams.codec=string")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				UdpEndPoint endpoint = context.getBean("datagrams", UdpEndPoint.class);
				assertThat(context.getEnvironment().getProperty("local.getty.servers.datagrams.port", Integer.class))
					.isEqualTo(endpoint.port());
				try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
					socket.setSoTimeout(10_000);
					byte[] out = "ping".getBytes(StandardCharsets.UTF_8);
					socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), endpoint.port()));
					DatagramPacket in = new DatagramPacket(new byte[64], 64);
					socket.receive(in);
					assertThat(new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping");
				}
			});
	}

	@Test
	void wsServerAndWsClientFromYamlExchangeText() {
		this.runner.withUserConfiguration(TextEcho.class, TextCollector.class)
			.withPropertyValues("getty.servers.chat.type=ws", "getty.servers.chat.host=127.0.0.1",
					"getty.servers.chat.path=/chat", "getty.servers.chat.codec=string",
					"getty.clients.chatter.type=ws", "getty.clients.chatter.path=/chat",
					"getty.clients.chatter.codec=string",
					"getty.clients.chatter.server-address=127.0.0.1:${local.getty.servers.chat.port}")
			.run((context) -> assertTextRoundTrip(context.getBean("chatter", WsClient.class),
					context.getBean(TextCollector.class), EndPointType.WS_CLIENT));
	}

	@Test
	void wssServerAndClientUseSslBundlesAndVerifyTheServer() {
		this.runner.withUserConfiguration(TextEcho.class, TextCollector.class)
			.withPropertyValues("getty.servers.chat.type=wss", "getty.servers.chat.host=127.0.0.1",
					"getty.servers.chat.path=/chat", "getty.servers.chat.codec=string",
					"getty.servers.chat.ssl.bundle=server", "getty.clients.chatter.type=wss",
					"getty.clients.chatter.path=/chat", "getty.clients.chatter.codec=string",
					"getty.clients.chatter.ssl.bundle=anonymous",
					"getty.clients.chatter.server-address=localhost:${local.getty.servers.chat.port}")
			.run((context) -> {
				assertThat(context.getBean("chat", WsServer.class).type()).isEqualTo(EndPointType.WSS_SERVER);
				assertTextRoundTrip(context.getBean("chatter", WsClient.class), context.getBean(TextCollector.class),
						EndPointType.WSS_CLIENT);
			});
	}

	@Test
	void tcpWithMutualTlsFromSslBundles() {
		this.runner.withUserConfiguration(TextEcho.class, TextCollector.class)
			.withPropertyValues("getty.servers.chat.host=127.0.0.1", "getty.servers.chat.codec=line",
					"getty.servers.chat.ssl.bundle=server", "getty.servers.chat.ssl.client-auth=need",
					"getty.clients.chatter.codec=line", "getty.clients.chatter.ssl.bundle=client",
					"getty.clients.chatter.server-address=127.0.0.1:${local.getty.servers.chat.port}")
			.run((context) -> {
				assertThat(context.getBean("chat", TcpServer.class).type()).isEqualTo(EndPointType.TCP_SERVER);
				assertTextRoundTrip(context.getBean("chatter", TcpClient.class), context.getBean(TextCollector.class),
						EndPointType.TCP_CLIENT);
			});
	}

	@Test
	void aTlsClientWithoutItsCertificateIsRefusedWhenTheServerNeedsOne() {
		this.runner.withUserConfiguration(TextEcho.class, TextCollector.class)
			.withPropertyValues("getty.servers.chat.host=127.0.0.1", "getty.servers.chat.codec=line",
					"getty.servers.chat.ssl.bundle=server", "getty.servers.chat.ssl.client-auth=need",
					"getty.clients.chatter.codec=line", "getty.clients.chatter.ssl.bundle=anonymous",
					"getty.clients.chatter.reconnect-interval=50ms",
					"getty.clients.chatter.server-address=127.0.0.1:${local.getty.servers.chat.port}")
			.run((context) -> {
				TcpServer server = context.getBean("chat", TcpServer.class);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> server.stats().errors().getOrDefault("tls", 0L) >= 1);
				// With TLS 1.3 the client may open for a moment before the server's refusal.
				TcpClient client = context.getBean("chatter", TcpClient.class);
				await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().isEmpty());
				assertThat(server.sessions()).isEmpty();
			});
	}

	private static void assertTextRoundTrip(io.getty.internal.AbstractClient client, TextCollector collector,
			EndPointType type) throws Exception {
		assertThat(client.type()).isEqualTo(type);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		client.writePkg("hello " + type).get();
		await().atMost(Duration.ofSeconds(10)).until(() -> collector.received.contains("hello " + type));
	}

	@Configuration(proxyBeanMethods = false)
	static class UdpEcho {

		@Bean
		@GettyListener("datagrams")
		EventListener<UdpPackage<String>> udpEcho() {
			return (session, in) -> session.writePkg(new UdpPackage<>(in.pkg(), in.peer()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TextEcho {

		@Bean
		@GettyListener("chat")
		EventListener<String> textEcho() {
			return (session, text) -> session.writePkg(text);
		}

	}

	@GettyListener("chatter")
	static class TextCollector implements EventListener<String> {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Override
		public void onMessage(Session session, String text) {
			this.received.add(text);
		}

	}

}
