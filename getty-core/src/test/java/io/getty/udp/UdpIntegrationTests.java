package io.getty.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointType;
import io.getty.EventListener;
import io.getty.GettyException;
import io.getty.Session;
import io.getty.codec.JsonCodec;
import io.getty.codec.StringCodec;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A UDP endpoint serving plain datagram sockets, with garbage in between, and a UDP
 * client.
 */
class UdpIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	record Ping(String text, int number) {
	}

	private UdpEndPoint jsonEcho(RecordingListener<UdpPackage<Ping>> listener) {
		UdpEndPoint endpoint = UdpEndPoint.builder()
			.host("127.0.0.1")
			.codec(JsonCodec.of(Ping.class))
			.listener(listener)
			.sessionOptions((options) -> options.withMaxMsgLen(1024))
			.build();
		this.resources.add(endpoint);
		endpoint.start();
		return endpoint;
	}

	@Test
	void echoesEachDatagramToItsSenderAndDropsGarbageWithoutHarm() throws Exception {
		RecordingListener<UdpPackage<Ping>> listener = new RecordingListener<>(false) {
			@Override
			protected void handle(Session session, UdpPackage<Ping> in) {
				session.writePkg(new UdpPackage<>(new Ping(in.pkg().text().toUpperCase(), in.pkg().number() + 1),
						in.peer()));
			}
		};
		UdpEndPoint endpoint = jsonEcho(listener);
		assertThat(endpoint.type()).isEqualTo(EndPointType.UDP_ENDPOINT);
		try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			a.setSoTimeout(10_000);
			b.setSoTimeout(10_000);
			send(a, endpoint, "{\"text\":\"hello\",\"number\":1}");
			send(b, endpoint, "garbage that is not json");
			send(b, endpoint, "{\"text\":\"truncated");
			send(b, endpoint, "{\"text\":\"" + "x".repeat(2000) + "\",\"number\":0}");
			send(b, endpoint, "{\"text\":\"world\",\"number\":41}");
			assertThat(receive(a)).isEqualTo("{\"text\":\"HELLO\",\"number\":2}");
			assertThat(receive(b)).isEqualTo("{\"text\":\"WORLD\",\"number\":42}");
		}
		assertThat(listener.messages).hasSize(2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(endpoint.stats().errors()).containsEntry("codec", 2L)
				.containsEntry("too_long", 1L));
		Session session = endpoint.session().orElseThrow();
		assertThat(session.isClosed()).isFalse();
		assertThat(session.remoteAddress()).isNull();
		assertThat(session.stat()).startsWith("session {udp-session:UDP_ENDPOINT:").contains("<->}");
	}

	@Test
	void aWriteWithoutAPeerOnAnUnconnectedEndpointFailsWithAClearMessage() throws Exception {
		RecordingListener<UdpPackage<Ping>> listener = RecordingListener.recording();
		UdpEndPoint endpoint = jsonEcho(listener);
		await().atMost(Duration.ofSeconds(5)).until(() -> endpoint.session().isPresent());
		assertThat(endpoint.session().orElseThrow().writePkg(new Ping("nowhere", 0)))
			.failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(GettyException.class)
			.withMessageContaining("needs a peer");
	}

	@Test
	void aUdpClientTalksToAUdpEndpoint() throws Exception {
		EventListener<UdpPackage<String>> echo = (session, in) -> session
			.writePkg(new UdpPackage<>("echo: " + in.pkg(), in.peer()));
		UdpEndPoint endpoint = UdpEndPoint.builder()
			.host("127.0.0.1")
			.codec(StringCodec.instance())
			.listener(echo)
			.build();
		this.resources.add(endpoint);
		endpoint.start();
		RecordingListener<UdpPackage<String>> clientListener = RecordingListener.recording();
		UdpClient client = UdpClient.builder()
			.serverAddress("127.0.0.1", endpoint.port())
			.codec(StringCodec.instance())
			.listener(clientListener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		client.writePkg("over udp").get(5, TimeUnit.SECONDS);
		UdpPackage<String> reply = clientListener.awaitMessage();
		assertThat(reply.pkg()).isEqualTo("echo: over udp");
		assertThat(reply.peer().getPort()).isEqualTo(endpoint.port());
		assertThat(client.type()).isEqualTo(EndPointType.UDP_CLIENT);
	}

	private static void send(DatagramSocket socket, UdpEndPoint endpoint, String text) throws Exception {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), endpoint.port()));
	}

	private static String receive(DatagramSocket socket) throws Exception {
		byte[] buffer = new byte[4096];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		socket.receive(packet);
		return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
	}

}
