package io.getty.tcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointType;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.getty.test.TlsFixtures;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS on TCP: verified by default, mutual TLS, refused peers counted, and a real
 * {@code openssl s_client}.
 */
class TlsIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer server(SslContext context, RecordingListener<byte[]> listener) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.sslContext(context)
			.handshakeTimeout(Duration.ofSeconds(5))
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	private TcpClient client(TcpServer server, SslContext context, RecordingListener<byte[]> listener) {
		TcpClient client = TcpClient.builder()
			.serverAddress("127.0.0.1", server.port())
			.sslContext(context)
			.reconnectInterval(Duration.ofMillis(50))
			.reconnectAttempts(1000)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(client);
		client.start();
		return client;
	}

	@Test
	void aTrustingClientEchoesOverTls() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server(), serverListener);
		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		TcpClient client = client(server, TlsFixtures.client(), clientListener);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		client.writePkg("secret".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
		assertThat(new String(clientListener.awaitMessage(), StandardCharsets.UTF_8)).isEqualTo("secret");
		assertThat(server.type()).isEqualTo(EndPointType.TCP_SERVER);
		assertThat(server.stats().errors()).doesNotContainKey("tls");
	}

	@Test
	void aClientThatDoesNotTrustTheServerRefusesIt() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server(), serverListener);
		TcpClient client = client(server, TlsFixtures.client("other-ca", false), RecordingListener.recording());
		await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().errors().getOrDefault("tls", 0L) >= 1);
		assertThat(client.sessions()).isEmpty();
		assertThat(serverListener.opened).isEmpty();
	}

	@Test
	void anExpiredServerCertificateIsRefused() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server("expired-server", ClientAuth.NONE), serverListener);
		TcpClient client = client(server, TlsFixtures.client(), RecordingListener.recording());
		await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().errors().getOrDefault("tls", 0L) >= 1);
		assertThat(client.sessions()).isEmpty();
		assertThat(serverListener.opened).isEmpty();
	}

	@Test
	void mutualTlsRefusesAClientWithoutACertificateAndAcceptsOneWithIt() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server("server", ClientAuth.REQUIRE), serverListener);
		TcpClient anonymous = client(server, TlsFixtures.client("ca", false), RecordingListener.recording());
		await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().errors().getOrDefault("tls", 0L) >= 1);
		// With TLS 1.3 the client finishes its side of the handshake before the server
		// checks its certificate, so a client session may open for a moment; the server's
		// refusal closes it.
		await().atMost(Duration.ofSeconds(10)).until(() -> anonymous.sessions().isEmpty());
		assertThat(serverListener.opened).isEmpty();

		RecordingListener<byte[]> clientListener = RecordingListener.recording();
		TcpClient identified = client(server, TlsFixtures.client("ca", true), clientListener);
		await().atMost(Duration.ofSeconds(10)).until(() -> identified.session().isPresent());
		identified.writePkg("mutual".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
		assertThat(new String(clientListener.awaitMessage(), StandardCharsets.UTF_8)).isEqualTo("mutual");
	}

	@Test
	void aPlaintextClientOnATlsPortIsClosedAndCounted() throws Exception {
		RecordingListener<byte[]> serverListener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server(), serverListener);
		try (RawClient plaintext = new RawClient(server.port())) {
			plaintext.sendFrame("not encrypted");
			assertThat(plaintext.awaitClosedByPeer()).isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().errors().getOrDefault("tls", 0L) == 1);
		assertThat(serverListener.opened).isEmpty();
		assertThat(serverListener.errors).isEmpty();
	}

	@Test
	void aPeerThatNeverStartsTheHandshakeIsClosedAfterTheHandshakeTimeout() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.sslContext(TlsFixtures.server())
			.handshakeTimeout(Duration.ofMillis(300))
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		try (RawClient silent = new RawClient(server.port())) {
			long started = System.nanoTime();
			assertThat(silent.awaitClosedByPeer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().errors().getOrDefault("tls", 0L) == 1);
		assertThat(listener.opened).isEmpty();
	}

	@Test
	void opensslSClientCompletesAHandshakeAndExchangesAFramedPackage() throws Exception {
		assumeOpenssl();
		TcpServer server = server(TlsFixtures.server(), RecordingListener.echo());
		Path ca = TlsFixtures.copy("ca.crt", this.temp);
		Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
				"-CAfile", ca.toString(), "-verify_return_error", "-verify_ip", "127.0.0.1", "-quiet")
			.redirectError(this.temp.resolve("s_client.err").toFile())
			.start();
		try {
			OutputStream stdin = process.getOutputStream();
			stdin.write(RawClient.frame("through openssl"));
			stdin.flush();
			InputStream stdout = process.getInputStream();
			byte[] reply = stdout.readNBytes(4 + "through openssl".length());
			assertThat(new String(reply, 4, reply.length - 4, StandardCharsets.UTF_8)).isEqualTo("through openssl");
			assertThat(reply[3]).isEqualTo((byte) "through openssl".length());
		}
		finally {
			process.destroy();
			process.waitFor(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void opensslSClientWithTheWrongCaRefusesTheServer() throws Exception {
		assumeOpenssl();
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server(), listener);
		Path otherCa = TlsFixtures.copy("other-ca.crt", this.temp);
		Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
				"-CAfile", otherCa.toString(), "-verify_return_error")
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("verify error");
		assertThat(listener.opened).isEmpty();
	}

	@Test
	void opensslSClientWithoutACertificateIsRefusedWhenOneIsRequired() throws Exception {
		assumeOpenssl();
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = server(TlsFixtures.server("server", ClientAuth.REQUIRE), listener);
		Path ca = TlsFixtures.copy("ca.crt", this.temp);
		Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
				"-CAfile", ca.toString(), "-quiet")
			.redirectErrorStream(true)
			.start();
		try {
			process.getOutputStream().write(RawClient.frame("let me in"));
			process.getOutputStream().flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().errors().getOrDefault("tls", 0L) >= 1);
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(listener.opened).isEmpty();
		}
		finally {
			process.destroy();
		}
	}

	private static void assumeOpenssl() {
		boolean present = System.getenv("PATH") != null && java.util.Arrays
			.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "openssl")));
		Assumptions.assumeTrue(present, "openssl is not installed: skipping the openssl s_client tests "
				+ "(.ci/run installs it with apt-get install openssl)");
	}

}
