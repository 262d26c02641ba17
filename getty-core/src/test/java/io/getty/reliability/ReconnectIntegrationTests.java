package io.getty.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.getty.SessionClosedException;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server goes away and comes back ten times; the client restores its pool every
 * time, refuses writes at once while it has no session, and counts every reconnect.
 */
class ReconnectIntegrationTests {

	private static final int POOL = 3;

	private static final int ROUNDS = 10;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer startServer(int port) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.port(port)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(RecordingListener.echo())
			.build();
		server.start();
		return server;
	}

	@Test
	void theClientRestoresItsPoolAfterEachOfTenServerRestarts() throws Exception {
		TcpServer server = startServer(0);
		int port = server.port();
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpClient client = TcpClient.builder()
			.serverAddress("127.0.0.1", port)
			.connectionNumber(POOL)
			.reconnectInterval(Duration.ofMillis(20))
			.maxBackoffMultiplier(3)
			.reconnectAttempts(1_000)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == POOL);
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				server.close(Duration.ofSeconds(10));
				await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().isEmpty());

				long started = System.nanoTime();
				assertThat(client.writePkg("while down".getBytes())).isCompletedExceptionally();
				assertThat(client.writePkg("while down".getBytes()))
					.failsWithin(Duration.ofMillis(100))
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(SessionClosedException.class);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

				server = startServer(port);
				await().atMost(Duration.ofSeconds(20)).until(() -> client.sessions().size() == POOL);
				assertThat(client.reconnectCount()).as("reconnects after round %d", round).isEqualTo((long) POOL * round);
				client.writePkg(("round " + round).getBytes()).get(5, TimeUnit.SECONDS);
				assertThat(new String(listener.awaitMessage())).isEqualTo("round " + round);
			}
		}
		finally {
			server.close(Duration.ofSeconds(10));
		}
		assertThat(client.stats().reconnects()).isEqualTo((long) POOL * ROUNDS);
	}

}
