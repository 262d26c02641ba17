package io.getty.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import io.getty.CloseReason;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.getty.codec.BytesCodec;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.TlsFixtures;
import io.getty.ws.WsServer;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A TCP or WebSocket session that closes while its peer is still sending: the peer gets
 * every byte the session wrote, then the end of the stream, never a reset that throws
 * away the last replies; and a peer that stays silent or never stops sending cannot hold
 * the close past its wait time.
 */
class GracefulCloseIntegrationTests {

	/**
	 * Several times the peer's receive window, less than the server's send buffer; small
	 * enough for a WebSocket frame with a 16-bit length.
	 */
	private static final int REPLY_BYTES = 60 * 1024;

	/**
	 * Small enough that most of the reply waits in the server's kernel until the peer
	 * reads; not so small that the connection's segments shrink below a few KiB.
	 */
	private static final int PEER_RECEIVE_BUFFER = 16 * 1024;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aSessionClosedAfterItsReplyDeliversAllOfItToAPeerThatKeepsSending() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		TcpServer server = start(replyThen(session, Session::close), null, Duration.ofSeconds(10));
		try (SendingPeer peer = new SendingPeer(new Socket(), server.port())) {
			// The server has closed (or shut its output down) with most of the reply still
			// in its kernel: only now does the peer start reading, and it never stops sending.
			awaitOutputEnded(session);
			Received received = peer.readToTheEnd();
			assertTheWholeReplyThenTheEnd(received);
			assertThat(peer.sentBytes()).as("what the peer sent while the session closed").isPositive();
		}
		assertThat(session.get().closeFuture()).succeedsWithin(Duration.ofSeconds(10));
		assertThat(session.get().closeReason()).isEqualTo(CloseReason.LOCAL);
	}

	@Test
	void anEndpointClosingOverTlsDeliversTheRepliesItAcceptedToAPeerThatKeepsSending() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		TcpServer server = start(replyThen(session, (ignored) -> {
		}), TlsFixtures.server(), Duration.ofSeconds(10));
		SSLSocket socket = (SSLSocket) TlsFixtures.jdkClientContext().getSocketFactory().createSocket();
		try (SendingPeer peer = new SendingPeer(socket, server.port())) {
			session.get(10, TimeUnit.SECONDS);
			CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> server.close(Duration.ofSeconds(20)));
			awaitOutputEnded(session);
			Received received = peer.readToTheEnd();
			assertTheWholeReplyThenTheEnd(received);
			peer.close();
			assertThat(closed).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(true);
		}
		assertThat(session.get().closeReason()).isEqualTo(CloseReason.ENDPOINT_CLOSED);
	}

	@Test
	void anEndpointClosingWhileASessionLingersLetsItGoOnReadingUntilThePeerIsDone() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		TcpServer server = start(replyThen(session, Session::close), null, Duration.ofSeconds(20));
		try (SendingPeer peer = new SendingPeer(new Socket(), server.port())) {
			awaitOutputEnded(session);
			CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> server.close(Duration.ofSeconds(30)));
			// Far more than the kernel's buffers hold: only a session that still reads
			// lets the peer send it all.
			long sentBefore = peer.sentBytes();
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> peer.sentBytes() - sentBefore > 128L * 1024 * 1024);
			assertTheWholeReplyThenTheEnd(peer.readToTheEnd());
			peer.close();
			assertThat(closed).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		}
	}

	@Test
	void aWebSocketSessionClosedAfterItsReplyDeliversItAndItsCloseFrameToAPeerThatKeepsSending() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		WsServer server = WsServer.builder()
			.host("127.0.0.1")
			.path("/ws")
			.codec(BytesCodec.instance())
			.listener(replyThen(session, Session::close))
			.sessionOptions((options) -> options.withWaitTime(Duration.ofSeconds(10)))
			.build();
		this.resources.add(server);
		server.start();
		try (SendingPeer peer = SendingPeer.webSocket(server.port(), "/ws")) {
			awaitOutputEnded(session);
			Received received = peer.readToTheEnd();
			assertThat(received.reset).as("what the peer read: %s", received).isNull();
			byte[] close = "bye-bye!!!".getBytes(StandardCharsets.US_ASCII);
			byte[] expected = ByteBuffer.allocate(4 + REPLY_BYTES + 4 + close.length)
				// FIN and binary, 126: a 16-bit length follows; the server does not mask.
				.put((byte) 0x82).put((byte) 126).putShort((short) REPLY_BYTES).put(new byte[REPLY_BYTES])
				// FIN and close, the status code 1000 and the reason.
				.put((byte) 0x88).put((byte) (2 + close.length)).putShort((short) 1000).put(close)
				.array();
			assertThat(Arrays.equals(received.bytes, expected)).as("the reply and the close frame, in %s", received)
				.isTrue();
		}
		assertThat(session.get().closeFuture()).succeedsWithin(Duration.ofSeconds(10));
	}

	@Test
	void aWriteThatReachesTheIoThreadAfterTheCloseBeganFailsAndNeverFollowsTheEndOfTheStream() throws Exception {
		CompletableFuture<CompletableFuture<WriteResult>> late = new CompletableFuture<>();
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			TcpServer server = start(new EventListener<byte[]>() {
				@Override
				public void onMessage(Session session, byte[] pkg) throws Exception {
					session.writePkg(new byte[] { 1 });
					// Submitted from another thread while this one holds the I/O thread, it
					// reaches the I/O thread only after the close below has begun.
					late.complete(other.submit(() -> session.writePkg(new byte[] { 2 })).get(10, TimeUnit.SECONDS));
					session.close();
				}
			}, null, Duration.ofSeconds(10));
			try (Socket socket = connect(new Socket(), server.port())) {
				socket.getOutputStream().write(frame(new byte[] { 0 }));
				assertThat(late.get(10, TimeUnit.SECONDS)).failsWithin(Duration.ofSeconds(10))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(SessionClosedException.class);
				Received received = readToTheEnd(socket.getInputStream());
				assertThat(received.reset).as("what the peer read: %s", received).isNull();
				assertThat(received.bytes).containsExactly(frame(new byte[] { 1 }));
			}
		}
		finally {
			other.shutdownNow();
		}
	}

	@Test
	void aSilentPeerDoesNotHoldTheCloseForTheWaitTime() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		TcpServer server = start(replyThen(session, Session::close), null, Duration.ofSeconds(60));
		try (Socket socket = connect(new Socket(), server.port())) {
			socket.getOutputStream().write(frame(new byte[] { 1 }));
			assertThat(session.get(10, TimeUnit.SECONDS).closeFuture()).succeedsWithin(Duration.ofSeconds(10));
			assertTheWholeReplyThenTheEnd(readToTheEnd(socket.getInputStream()));
		}
	}

	@Test
	void aPeerThatNeverStopsSendingIsCutOffAtTheWaitTime() throws Exception {
		CompletableFuture<Session> session = new CompletableFuture<>();
		TcpServer server = start(replyThen(session, Session::close), null, Duration.ofSeconds(1));
		try (SendingPeer peer = new SendingPeer(new Socket(), server.port())) {
			CompletableFuture<Received> received = CompletableFuture.supplyAsync(peer::readToTheEndUnchecked);
			assertThat(session.get(10, TimeUnit.SECONDS).closeFuture()).succeedsWithin(Duration.ofSeconds(10));
			// The peer never went quiet: only the wait time can have ended the close, with a
			// reset, since the peer's input was still arriving.
			assertThat(peer.awaitWriterEnd()).as("how the peer's sending ended").isInstanceOf(IOException.class);
			assertThat(received).succeedsWithin(Duration.ofSeconds(10))
				.satisfies((result) -> assertThat(startsWithTheReply(result.bytes)).as("the reply came first in %s", result)
					.isTrue());
		}
	}

	private TcpServer start(EventListener<byte[]> listener, SslContext ssl, Duration waitTime) {
		TcpServer.Builder builder = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.sessionOptions((options) -> options.withWaitTime(waitTime));
		if (ssl != null) {
			builder.sslContext(ssl);
		}
		TcpServer server = builder.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	/**
	 * Answer the first package with {@link #REPLY_BYTES}, then do {@code after} with the
	 * session; every later package is ignored.
	 */
	private static EventListener<byte[]> replyThen(CompletableFuture<Session> session,
			java.util.function.Consumer<Session> after) {
		AtomicBoolean answered = new AtomicBoolean();
		return new EventListener<>() {
			@Override
			public void onMessage(Session current, byte[] pkg) {
				if (answered.compareAndSet(false, true)) {
					current.writePkg(new byte[REPLY_BYTES]);
					after.accept(current);
					session.complete(current);
				}
			}
		};
	}

	/**
	 * Wait until the server's end of the session's connection has sent its last byte:
	 * closed, or its output shut down.
	 */
	private static void awaitOutputEnded(CompletableFuture<Session> session) throws Exception {
		Channel channel = session.get(10, TimeUnit.SECONDS).channel();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !channel.isOpen() || ((DuplexChannel) channel).isOutputShutdown());
	}

	private static void assertTheWholeReplyThenTheEnd(Received received) {
		assertThat(received.reset).as("what the peer read: %s", received).isNull();
		assertThat(Arrays.equals(received.bytes, replyFrame())).as("the reply, in %s", received).isTrue();
	}

	private static boolean startsWithTheReply(byte[] bytes) {
		byte[] reply = replyFrame();
		return bytes.length >= reply.length && Arrays.equals(bytes, 0, reply.length, reply, 0, reply.length);
	}

	private static byte[] replyFrame() {
		return frame(new byte[REPLY_BYTES]);
	}

	private static byte[] frame(byte[] payload) {
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

	private static Socket connect(Socket socket, int port) throws IOException {
		if (!socket.isConnected()) {
			// Set before connecting, so that the kernel does not autotune it.
			socket.setReceiveBufferSize(PEER_RECEIVE_BUFFER);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		}
		return socket;
	}

	private static Received readToTheEnd(InputStream in) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] chunk = new byte[4096];
		try {
			for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
				bytes.write(chunk, 0, n);
			}
			return new Received(bytes.toByteArray(), null);
		}
		catch (IOException ex) {
			return new Received(bytes.toByteArray(), ex);
		}
	}

	/** What a peer read: the bytes, and the exception that ended the stream instead of its end. */
	private record Received(byte[] bytes, IOException reset) {

		@Override
		public String toString() {
			return this.bytes.length + " bytes" + ((this.reset != null) ? ", then " + this.reset : "");
		}

	}

	/**
	 * A peer that sends one package, then packages it wants no answer to, without pause,
	 * until it is closed or reset (at most 20 s); it reads only when told to.
	 */
	private static final class SendingPeer implements AutoCloseable {

		private final Socket socket;

		private final AtomicLong sent = new AtomicLong();

		private final Thread writer;

		private final CompletableFuture<IOException> writerEnd = new CompletableFuture<>();

		private volatile boolean stopped;

		SendingPeer(Socket socket, int port) throws IOException {
			this(connect(socket, port), frame(new byte[] { 1 }), frame(new byte[1020]));
		}

		private SendingPeer(Socket socket, byte[] request, byte[] filler) throws IOException {
			this.socket = socket;
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			this.writer = new Thread(() -> {
				long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
				try {
					while (!this.stopped && System.nanoTime() < until) {
						out.write(filler);
						this.sent.addAndGet(filler.length);
					}
					this.writerEnd.complete(null);
				}
				catch (IOException ex) {
					// Reset by the server, or closed by the test: sending ends here.
					this.writerEnd.complete(ex);
				}
			}, "sending-peer");
			this.writer.setDaemon(true);
			this.writer.start();
		}

		/**
		 * A WebSocket peer: the upgrade by hand, then binary frames, masked with a zero
		 * key so that the payload goes as it is.
		 */
		static SendingPeer webSocket(int port, String path) throws IOException {
			Socket socket = connect(new Socket(), port);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
						+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			StringBuilder response = new StringBuilder();
			InputStream in = socket.getInputStream();
			while (!response.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("the upgrade ended early: " + response);
				}
				response.append((char) b);
			}
			assertThat(response.toString()).startsWith("HTTP/1.1 101");
			byte[] request = { (byte) 0x82, (byte) 0x81, 0, 0, 0, 0, 1 };
			byte[] filler = ByteBuffer.allocate(8 + 1020)
				.put((byte) 0x82)
				.put((byte) (0x80 | 126))
				.putShort((short) 1020)
				.putInt(0)
				.put(new byte[1020])
				.array();
			return new SendingPeer(socket, request, filler);
		}

		long sentBytes() {
			return this.sent.get();
		}

		/** Wait for the sending to end: the exception that ended it, or {@code null} when it stopped on its own. */
		IOException awaitWriterEnd() throws Exception {
			return this.writerEnd.get(20, TimeUnit.SECONDS);
		}

		Received readToTheEnd() throws IOException {
			return GracefulCloseIntegrationTests.readToTheEnd(this.socket.getInputStream());
		}

		Received readToTheEndUnchecked() {
			try {
				return readToTheEnd();
			}
			catch (IOException ex) {
				return new Received(new byte[0], ex);
			}
		}

		@Override
		public void close() throws Exception {
			this.stopped = true;
			this.socket.close();
			this.writer.join(10_000);
		}

	}

}
