package io.getty.tcp;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointType;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TCP client's pool against a real server on loopback: filling, refilling after a
 * server restart, giving up, and closing.
 */
class TcpClientIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer startServer(int port, RecordingListener<byte[]> listener) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.port(port)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	private TcpClient client(int port, int connections, RecordingListener<byte[]> listener,
			java.util.function.UnaryOperator<TcpClient.Builder> customizer) {
		TcpClient client = customizer.apply(TcpClient.builder()
			.name("test-client")
			.serverAddress("127.0.0.1", port)
			.connectionNumber(connections)
			.reconnectInterval(Duration.ofMillis(20))
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)).build();
		this.resources.add(client);
		return client;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void fillsItsPoolAndEchoesOnEverySessionInTurn() throws Exception {
		startServer(0, RecordingListener.echo());
		TcpServer server = (TcpServer) this.resources.get(0);
		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		TcpClient client = client(server.port(), 3, clientListener, (b) -> b);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 3);
		assertThat(client.type()).isEqualTo(EndPointType.TCP_CLIENT);

		Set<Long> used = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			Session session = client.session().orElseThrow();
			used.add(session.id());
			session.writePkg(("ping-" + i).getBytes()).get(5, TimeUnit.SECONDS);
		}
		assertThat(used).hasSize(3);
		for (int i = 0; i < 6; i++) {
			assertThat(new String(clientListener.awaitMessage())).startsWith("ping-");
		}
		assertThat(client.reconnectCount()).isZero();
	}

	@Test
	void startReturnsAtOnceWhenTheServerIsUnreachableAndWritesFailFast() throws Exception {
		int port = freePort();
		TcpClient client = client(port, 2, RecordingListener.recording(), (b) -> b.reconnectAttempts(1000));
		long started = System.nanoTime();
		client.start();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(client.session()).isEmpty();
		assertThat(client.writePkg("lost?".getBytes())).failsWithin(Duration.ofSeconds(1))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(SessionClosedException.class)
			.withMessageContaining("'test-client'")
			.withMessageContaining("127.0.0.1:" + port);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.failedAttempts() >= 2);
	}

	@Test
	void refillsItsPoolAfterTheServerRestartsOnTheSamePort() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = startServer(0, serverListener);
		int port = server.port();
		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		TcpClient client = client(port, 4, clientListener, (b) -> b.reconnectAttempts(10_000));
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 4);

		for (int round = 1; round <= 2; round++) {
			server.close(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().isEmpty());
			server = startServer(port, serverListener);
			await().atMost(Duration.ofSeconds(20)).until(() -> client.sessions().size() == 4);
			assertThat(client.reconnectCount()).isEqualTo(4L * round);
		}
		client.session().orElseThrow().writePkg("after restart".getBytes()).get(5, TimeUnit.SECONDS);
		assertThat(new String(clientListener.awaitMessage())).isEqualTo("after restart");
	}

	@Test
	void givesUpAfterReconnectAttemptsFailuresInARow() throws Exception {
		int port = freePort();
		TcpClient client = client(port, 1, RecordingListener.recording(), (b) -> b.reconnectAttempts(3));
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(client::hasGivenUp);
		assertThat(client.failedAttempts()).isEqualTo(3);
		startServer(port, RecordingListener.echo());
		// It gave up, so a server that comes back later is not contacted.
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> client.sessions().isEmpty());
		assertThat(client.failedAttempts()).isEqualTo(3);
	}

	@Test
	void aClosedServerAndClientCanStartAgain() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = startServer(0, serverListener);
		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		// Asked for at every start, so the client follows the server to its new port.
		TcpClient client = TcpClient.builder()
			.serverAddress(() -> new java.net.InetSocketAddress("127.0.0.1", server.port()))
			.connectionNumber(2)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(clientListener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 2);
		client.close(Duration.ofSeconds(10));
		server.close(Duration.ofSeconds(10));
		assertThat(server.address()).isNull();
		assertThat(client.sessions()).isEmpty();

		// As Spring does when it stops a context and starts it again.
		server.start();
		assertThat(server.isClosed()).isFalse();
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 2);
		client.writePkg("second run".getBytes()).get(5, TimeUnit.SECONDS);
		assertThat(new String(clientListener.awaitMessage())).isEqualTo("second run");
		assertThat(client.reconnectCount()).isZero();
		assertThat(org.assertj.core.api.Assertions.catchThrowable(server::start))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("already running");
	}

	@Test
	void closeStopsReconnectingAndClosesEverySession() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = startServer(0, serverListener);
		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		TcpClient client = client(server.port(), 2, clientListener, (b) -> b);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.sessions().size() == 2);

		assertThat(client.close(Duration.ofSeconds(10))).isTrue();

		assertThat(client.sessions()).isEmpty();
		assertThat(clientListener.closed).hasSize(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().isEmpty());
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.sessions().isEmpty());
		assertThat(client.reconnectCount()).isZero();
	}

}
