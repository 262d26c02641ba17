package io.getty.sample;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.getty.udp.UdpEndPoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code udp-echo} endpoint with plain datagram sockets.
 */
@SampleAppTest
class UdpEchoEndToEndTests {

	@Autowired
	@Qualifier("udp-echo")
	private UdpEndPoint udpEcho;

	@Test
	void eachDatagramGoesBackToItsOwnSender() throws Exception {
		try (DatagramSocket one = socket(); DatagramSocket two = socket()) {
			send(one, "from one");
			send(two, "from two");
			assertThat(receive(two)).isEqualTo("from two");
			assertThat(receive(one)).isEqualTo("from one");
			send(one, "again");
			assertThat(receive(one)).isEqualTo("again");
		}
	}

	@Test
	void aDatagramOverMaxMsgLenIsDroppedAndCountedAndTheEndpointKeepsServing() throws Exception {
		long tooLongBefore = this.udpEcho.stats().errors().getOrDefault("too_long", 0L);
		try (DatagramSocket socket = socket()) {
			// max-msg-len is 8KB.
			send(socket, "x".repeat(9000));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.udpEcho.stats().errors().get("too_long"))
					.isEqualTo(tooLongBefore + 1));
			send(socket, "small enough");
			assertThat(receive(socket)).isEqualTo("small enough");
		}
	}

	private DatagramSocket socket() throws Exception {
		DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		socket.setSoTimeout(10_000);
		return socket;
	}

	private void send(DatagramSocket socket, String text) throws Exception {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), this.udpEcho.port()));
	}

	private static String receive(DatagramSocket socket) throws Exception {
		DatagramPacket packet = new DatagramPacket(new byte[16 * 1024], 16 * 1024);
		socket.receive(packet);
		return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
	}

}
