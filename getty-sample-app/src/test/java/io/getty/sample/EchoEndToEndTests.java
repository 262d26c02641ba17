package io.getty.sample;

import java.nio.ByteBuffer;
import java.time.Duration;

import io.getty.Session;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code echo} server over a plain socket: 4-byte big-endian length, then payload.
 */
@SampleAppTest
class EchoEndToEndTests {

	@Value("${local.getty.servers.echo.port}")
	private int port;

	@Autowired
	@Qualifier("echo")
	private TcpServer echo;

	@Test
	void everyFramedPayloadComesBackUnchanged() throws Exception {
		try (RawClient client = new RawClient(this.port)) {
			client.sendFrame("hello getty");
			assertThat(client.readFrame()).isEqualTo("hello getty");
			client.sendFrame("");
			assertThat(client.readFrame()).isEmpty();
			client.sendFrame("héllo, 世界");
			assertThat(client.readFrame()).isEqualTo("héllo, 世界");
		}
	}

	@Test
	void packagesSplitAcrossWritesOrSharingOneWriteAreEachEchoed() throws Exception {
		String big = "x".repeat(20_000);
		byte[] first = RawClient.frame(big);
		byte[] second = RawClient.frame("second");
		try (RawClient client = new RawClient(this.port)) {
			// The first package in three pieces, the last piece sharing a write with the second package.
			client.send(slice(first, 0, 3));
			client.send(slice(first, 3, 10_000));
			client.send(ByteBuffer.allocate(first.length - 10_000 + second.length)
				.put(first, 10_000, first.length - 10_000)
				.put(second)
				.array());
			assertThat(client.readFrame()).isEqualTo(big);
			assertThat(client.readFrame()).isEqualTo("second");
		}
	}

	@Test
	void theNewSessionHookNamesEachEchoSessionAsGettysExampleDoes() throws Exception {
		try (RawClient client = new RawClient(this.port)) {
			client.sendFrame("who am i");
			assertThat(client.readFrame()).isEqualTo("who am i");
			Session session = sessionOf(client);
			assertThat(session.name()).isEqualTo("tcp-echo-session");
			// The write is counted when it completes, which may be just after the reply arrived.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(session.stat())
					.startsWith("session {tcp-echo-session:TCP_SERVER:" + session.id() + ":")
					.endsWith("Read Bytes: 12, Write Bytes: 12, Read Pkgs: 1, Write Pkgs: 1"));
		}
	}

	@Test
	void aHeaderAnnouncingAPackageOverMaxMsgLenClosesOnlyThatConnection() throws Exception {
		long tooLongBefore = this.echo.stats().errors().getOrDefault("too_long", 0L);
		try (RawClient healthy = new RawClient(this.port); RawClient greedy = new RawClient(this.port)) {
			// 1 MiB announced; max-msg-len is 64KB. No body follows: the header alone is refused.
			greedy.send(ByteBuffer.allocate(4).putInt(1 << 20).array());
			assertThat(greedy.awaitClosedByPeer()).isTrue();
			healthy.sendFrame("still here");
			assertThat(healthy.readFrame()).isEqualTo("still here");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.echo.stats().errors().get("too_long")).isEqualTo(tooLongBefore + 1));
	}

	@Test
	void theNewSessionHookRejectsAHostsConnectionsBeyondItsQuota() throws Exception {
		// Earlier tests' sessions may still be closing.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.echo.sessions().isEmpty());
		try (RawClient one = new RawClient(this.port); RawClient two = new RawClient(this.port);
				RawClient three = new RawClient(this.port)) {
			for (RawClient client : new RawClient[] { one, two, three }) {
				client.sendFrame("in");
				assertThat(client.readFrame()).isEqualTo("in");
			}
			try (RawClient fourth = new RawClient(this.port)) {
				assertThat(fourth.awaitClosedByPeer()).isTrue();
			}
			one.sendFrame("still in");
			assertThat(one.readFrame()).isEqualTo("still in");
		}
		// With those gone there is room again.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.echo.sessions().isEmpty());
		try (RawClient later = new RawClient(this.port)) {
			later.sendFrame("room again");
			assertThat(later.readFrame()).isEqualTo("room again");
		}
	}

	private Session sessionOf(RawClient client) {
		int localPort = client.socket().getLocalPort();
		return this.echo.sessions()
			.stream()
			.filter((session) -> session.remoteAddress().getPort() == localPort)
			.findFirst()
			.orElseThrow();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] slice = new byte[to - from];
		System.arraycopy(bytes, from, slice, 0, slice.length);
		return slice;
	}

}
