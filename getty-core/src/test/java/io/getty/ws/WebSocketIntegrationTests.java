package io.getty.ws;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointType;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.codec.BytesCodec;
import io.getty.codec.StringCodec;
import io.getty.test.RecordingListener;
import io.getty.test.TlsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebSocket server against the JDK's own WebSocket client and plain HTTP requests, and
 * getty's WebSocket client against it, plain and over TLS.
 */
class WebSocketIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	/** Echoes text as text and bytes as bytes: StringCodec packages are Strings. */
	private WsServer echoServer(RecordingListener<String> listener, java.util.function.UnaryOperator<WsServer.Builder> customizer) {
		WsServer server = customizer.apply(WsServer.builder()
			.host("127.0.0.1")
			.path("/echo")
			.codec(StringCodec.instance())
			.listener(listener)
			.sessionOptions((options) -> options.withMaxMsgLen(4096))).build();
		this.resources.add(server);
		server.start();
		return server;
	}

	@Test
	void theJdkClientExchangesTextAndFragmentedMessages() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		WsServer server = echoServer(listener, (b) -> b);
		assertThat(server.type()).isEqualTo(EndPointType.WS_SERVER);
		JdkClient client = JdkClient.connect("ws://127.0.0.1:" + server.port() + "/echo");
		client.socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
		assertThat(client.next()).isEqualTo("text:hello");
		client.socket.sendText("frag", false).get(5, TimeUnit.SECONDS);
		client.socket.sendText("mented", true).get(5, TimeUnit.SECONDS);
		assertThat(client.next()).isEqualTo("text:fragmented");
		Session session = listener.awaitOpen();
		assertThat(session.stat()).startsWith("session {ws-session:WS_SERVER:");
		client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
		assertThat(listener.awaitClose()).isSameAs(session);
	}

	@Test
	void aMessageLongerThanMaxMsgLenClosesWithStatus1009() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		WsServer server = echoServer(listener, (b) -> b);
		JdkClient client = JdkClient.connect("ws://127.0.0.1:" + server.port() + "/echo");
		client.socket.sendText("x".repeat(3000), false).get(5, TimeUnit.SECONDS);
		client.socket.sendText("y".repeat(3000), true);
		assertThat(client.next()).startsWith("close:1009");
		assertThat(listener.awaitError()).hasMessageContaining("max-msg-len 4096");
	}

	@Test
	void aSingleFrameLongerThanMaxMsgLenClosesWithStatus1009() throws Exception {
		WsServer server = echoServer(RecordingListener.echo(), (b) -> b);
		JdkClient client = JdkClient.connect("ws://127.0.0.1:" + server.port() + "/echo");
		client.socket.sendText("z".repeat(5000), true);
		assertThat(client.next()).startsWith("close:1009");
	}

	@Test
	void serverCronPingsTheClientAndClosingSendsACloseFrame() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		WsServer server = echoServer(listener, (b) -> b.sessionOptions((o) -> o.withMaxMsgLen(4096)
			.withCronPeriod(Duration.ofMillis(100))));
		JdkClient client = JdkClient.connect("ws://127.0.0.1:" + server.port() + "/echo");
		assertThat(client.next()).isEqualTo("ping");
		Session session = listener.awaitOpen();
		long before = session.lastActiveNanos();
		// The JDK client answers the ping with a pong, which counts as activity.
		await().atMost(Duration.ofSeconds(5)).until(() -> session.lastActiveNanos() > before);
		session.close();
		assertThat(client.nextMatching("close:")).isEqualTo("close:1000:bye-bye!!!");
	}

	@Test
	void plainHttpWrongPathWrongMethodAndDisallowedOriginGetTheir4xx() throws Exception {
		WsServer server = echoServer(RecordingListener.echo(),
				(b) -> b.allowedOrigins(List.of("https://allowed.example")));
		assertThat(http(server, "GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 426");
		assertThat(http(server, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
		assertThat(http(server, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
			.startsWith("HTTP/1.1 405");
		assertThat(http(server, upgrade("/echo", "https://evil.example"))).startsWith("HTTP/1.1 403");
		assertThat(http(server, upgrade("/echo", "https://allowed.example"))).startsWith("HTTP/1.1 101");
		// Bad upgrades: a WebSocket version nobody speaks, and no key.
		assertThat(http(server, upgrade("/echo", "https://allowed.example").replace("Version: 13", "Version: 99")))
			.startsWith("HTTP/1.1 426");
		assertThat(http(server, upgrade("/echo", "https://allowed.example")
			.replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""))).startsWith("HTTP/1.1 400");
	}

	@Test
	void gettysClientEchoesBinaryThroughGettysServer() throws Exception {
		EventListener<byte[]> echo = (session, pkg) -> session.writePkg(pkg);
		WsServer server = WsServer.builder()
			.host("127.0.0.1")
			.path("/bin")
			.codec(BytesCodec.instance())
			.listener(echo)
			.build();
		this.resources.add(server);
		server.start();
		RecordingListener<byte[]> listener = RecordingListener.recording();
		WsClient client = WsClient.builder()
			.uri("ws://127.0.0.1:" + server.port() + "/bin")
			.codec(BytesCodec.instance())
			.listener(listener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		client.writePkg(new byte[] { 1, 2, 3 }).get(5, TimeUnit.SECONDS);
		assertThat(listener.awaitMessage()).containsExactly(1, 2, 3);
		assertThat(client.type()).isEqualTo(EndPointType.WS_CLIENT);
	}

	@Test
	void wssVerifiesTheServerAndEchoes() throws Exception {
		RecordingListener<String> serverListener = RecordingListener.echo();
		io.netty.handler.ssl.SslContext serverContext = TlsFixtures.server();
		WsServer server = echoServer(serverListener, (b) -> b.sslContext(serverContext));
		assertThat(server.type()).isEqualTo(EndPointType.WSS_SERVER);
		RecordingListener<String> listener = RecordingListener.recording();
		WsClient client = WsClient.builder()
			.uri("wss://localhost:" + server.port() + "/echo")
			.sslContext(TlsFixtures.client())
			.codec(StringCodec.instance())
			.listener(listener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		client.writePkg("over wss").get(5, TimeUnit.SECONDS);
		assertThat(listener.awaitMessage()).isEqualTo("over wss");
		assertThat(client.type()).isEqualTo(EndPointType.WSS_CLIENT);
		assertThat(serverListener.awaitOpen().stat()).startsWith("session {wss-session:WSS_SERVER:");
	}

	@Test
	void aWssClientThatDoesNotTrustTheServerNeverOpensASession() throws Exception {
		RecordingListener<String> serverListener = RecordingListener.echo();
		io.netty.handler.ssl.SslContext serverContext = TlsFixtures.server();
		WsServer server = echoServer(serverListener, (b) -> b.sslContext(serverContext));
		WsClient client = WsClient.builder()
			.uri("wss://localhost:" + server.port() + "/echo")
			.sslContext(TlsFixtures.client("other-ca", false))
			.reconnectInterval(Duration.ofMillis(50))
			.codec(StringCodec.instance())
			.listener(RecordingListener.recording())
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().errors().getOrDefault("tls", 0L) >= 1);
		assertThat(client.sessions()).isEmpty();
		assertThat(serverListener.opened).isEmpty();
	}

	private static String upgrade(String path, String origin) {
		return "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: " + origin
				+ "\r\n\r\n";
	}

	private static String http(WsServer server, String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] head = in.readNBytes(12);
			return new String(head, StandardCharsets.US_ASCII);
		}
	}

	/** The JDK's WebSocket client, recording what it receives as text lines. */
	static final class JdkClient implements WebSocket.Listener {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		WebSocket socket;

		private final StringBuilder text = new StringBuilder();

		static JdkClient connect(String uri) throws Exception {
			JdkClient client = new JdkClient();
			client.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(5))
				.buildAsync(URI.create(uri), client)
				.get(10, TimeUnit.SECONDS);
			return client;
		}

		String next() throws InterruptedException {
			String event = this.received.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("a WebSocket event within 10 s").isNotNull();
			return event;
		}

		String nextMatching(String prefix) throws InterruptedException {
			for (int i = 0; i < 100; i++) {
				String event = next();
				if (event.startsWith(prefix)) {
					return event;
				}
			}
			throw new AssertionError("no event starting with " + prefix);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.received.add("text:" + this.text);
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			this.received.add("binary:" + data.remaining());
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.received.add("ping");
			return WebSocket.Listener.super.onPing(webSocket, message);
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.received.add("close:" + statusCode + ":" + reason);
			return CompletableFuture.completedFuture(null);
		}

	}

}
