package io.getty.reliability;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.UnixOperatingSystemMXBean;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.ExternalTools;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of connections at once, all held and echoing; and a {@code maxConnections}
 * limit that refuses the excess without harming the connections it holds.
 */
class ConnectionFloodIntegrationTests {

	private static final int CONNECTIONS = 5_000;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void fiveThousandConnectionsAreHeldAndEachEchoes() {
		// Both ends are in this JVM: two descriptors per connection, plus the JVM's own.
		long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getMaxFileDescriptorCount();
		ExternalTools.assume(limit >= 2L * CONNECTIONS + 1_000, "the file descriptor limit is " + limit
				+ ", too low for " + CONNECTIONS + " loopback connections; run 'ulimit -n 65536' first (.ci/run does)");
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.backlog(4096)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener((EventListener<byte[]>) (session, pkg) -> session.writePkg(pkg))
			.build();
		this.resources.add(server);
		server.start();
		AtomicInteger echoes = new AtomicInteger();
		TcpClient client = TcpClient.builder()
			.serverAddress("127.0.0.1", server.port())
			.connectionNumber(CONNECTIONS)
			.reconnectInterval(Duration.ofMillis(10))
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(new EventListener<byte[]>() {
				@Override
				public void onOpen(Session session) {
					session.writePkg(("hello from " + session.id()).getBytes(StandardCharsets.UTF_8));
				}

				@Override
				public void onMessage(Session session, byte[] pkg) {
					if (new String(pkg, StandardCharsets.UTF_8).equals("hello from " + session.id())) {
						echoes.incrementAndGet();
					}
				}
			})
			.build();
		this.resources.add(client);
		long started = System.nanoTime();
		client.start();
		await().atMost(Duration.ofSeconds(120)).until(() -> echoes.get() == CONNECTIONS);
		System.out.printf("connection flood: %d connections opened and echoed in %d ms (fd limit %d)%n", CONNECTIONS,
				Duration.ofNanos(System.nanoTime() - started).toMillis(), limit);
		assertThat(server.sessions()).hasSize(CONNECTIONS);
		assertThat(client.sessions()).hasSize(CONNECTIONS);
		assertThat(server.stats().errors()).isEmpty();
		assertThat(client.reconnectCount()).isZero();
	}

	@Test
	void maxConnectionsRefusesTheExcessAndCountsIt() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.maxConnections(20)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		List<RawClient> held = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			RawClient client = new RawClient(server.port());
			this.resources.add(client);
			held.add(client);
			client.sendFrame("held " + i);
			assertThat(client.readFrame()).isEqualTo("held " + i);
		}
		for (int i = 0; i < 10; i++) {
			try (RawClient excess = new RawClient(server.port())) {
				assertThat(excess.awaitClosedByPeer()).as("connection %d beyond the limit", i).isTrue();
			}
		}
		assertThat(server.stats().refusedConnections()).isEqualTo(10);
		assertThat(listener.opened).hasSize(20);
		for (int i = 0; i < 20; i++) {
			held.get(i).sendFrame("still " + i);
			assertThat(held.get(i).readFrame()).isEqualTo("still " + i);
		}
		// Room frees up when a held connection goes.
		held.get(0).close();
		await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 19);
		try (RawClient again = new RawClient(server.port())) {
			again.sendFrame("admitted again");
			assertThat(again.readFrame()).isEqualTo("admitted again");
		}
	}

}
