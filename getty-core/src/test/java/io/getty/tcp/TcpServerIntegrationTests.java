package io.getty.tcp;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.getty.BlockingWaitException;
import io.getty.CloseReason;
import io.getty.EndPointType;
import io.getty.GettyException;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A TCP server on a loopback port, driven by plain blocking sockets.
 */
class TcpServerIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer start(TcpServer.Builder builder) {
		TcpServer server = builder.host("127.0.0.1").build();
		this.resources.add(server);
		server.start();
		return server;
	}

	private TcpServer startEcho(RecordingListener<byte[]> listener) {
		return start(TcpServer.builder().codec(LengthFieldCodec.int32BigEndian()).listener(listener));
	}

	private RawClient connect(TcpServer server) throws Exception {
		RawClient client = new RawClient(server.port());
		this.resources.add(client);
		return client;
	}

	@Test
	void portZeroBindsARandomPortAndReportsIt() {
		TcpServer server = startEcho(RecordingListener.echo());
		assertThat(server.port()).isPositive();
		assertThat(server.address().getPort()).isEqualTo(server.port());
		assertThat(server.type()).isEqualTo(EndPointType.TCP_SERVER);
	}

	@Test
	void echoesFramesSplitByteByByte() throws Exception {
		TcpServer server = startEcho(RecordingListener.echo());
		RawClient client = connect(server);
		byte[] frame = RawClient.frame("split into single bytes");
		for (byte b : frame) {
			client.send(new byte[] { b });
		}
		assertThat(client.readFrame()).isEqualTo("split into single bytes");
	}

	@Test
	void decodesAThousandFramesCoalescedInOneWriteInOrder() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (int i = 0; i < 1000; i++) {
			all.write(RawClient.frame("message-" + i));
		}
		client.send(all.toByteArray());
		for (int i = 0; i < 1000; i++) {
			assertThat(client.readFrame()).isEqualTo("message-" + i);
		}
		Session session = server.sessions().iterator().next();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(session.stats().writtenPackages()).isEqualTo(1000));
		assertThat(session.stats().readPackages()).isEqualTo(1000);
		assertThat(session.stats().readBytes()).isEqualTo(all.size());
		assertThat(session.stats().writtenBytes()).isEqualTo(all.size());
	}

	@Test
	void headerAnnouncingTwoGigabytesClosesOnlyThatSessionWithoutAllocatingIt() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(TcpServer.builder()
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.sessionOptions((options) -> options.withMaxMsgLen(1024)));
		RawClient good = connect(server);
		good.sendFrame("before");
		assertThat(good.readFrame()).isEqualTo("before");
		long usedBefore = usedPooledMemory();

		RawClient bad = connect(server);
		bad.send(new byte[] { (byte) 0x80, 0, 0, 0, 1, 2, 3 });

		Throwable error = listener.awaitError();
		assertThat(error).isInstanceOf(MessageTooLongException.class)
			.hasMessageContaining("2147483652")
			.hasMessageContaining("max-msg-len 1024");
		assertThat(((MessageTooLongException) error).limit()).isEqualTo(1024);
		assertThat(bad.awaitClosedByPeer()).isTrue();
		Session closed = listener.awaitClose();
		assertThat(closed.closeReason()).isEqualTo(CloseReason.ERROR);
		assertThat(listener.eventsOf(closed)).containsExactly("open", "error", "close");
		assertThat(usedPooledMemory() - usedBefore).as("pooled memory grown by the attack").isLessThan(1024 * 1024);

		good.sendFrame("after");
		assertThat(good.readFrame()).isEqualTo("after");
		assertThat(server.stats().errors()).containsEntry("too_long", 1L);
	}

	@Test
	void headerAnnouncingMoreThanMaxMsgLenFailsBeforeTheBodyArrives() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(TcpServer.builder()
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.sessionOptions((options) -> options.withMaxMsgLen(100)));
		RawClient client = connect(server);
		// Header only: 97 bytes of payload + 4 bytes of header = 101 > 100.
		client.send(new byte[] { 0, 0, 0, 97 });
		assertThat(listener.awaitError()).isInstanceOf(MessageTooLongException.class)
			.hasMessageContaining("101")
			.hasMessageContaining("100");
		assertThat(client.awaitClosedByPeer()).isTrue();
	}

	private static long usedPooledMemory() {
		ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
		return metric.usedDirectMemory() + metric.usedHeapMemory();
	}

	@Test
	void statFollowsGettysFormat() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		client.sendFrame("hi");
		assertThat(client.readFrame()).isEqualTo("hi");
		Session session = listener.awaitOpen();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(session.stat()).isEqualTo("session {tcp-session:TCP_SERVER:"
				+ session.id() + ":127.0.0.1:" + server.port() + "<->127.0.0.1:" + client.socket().getLocalPort()
				+ "}, Read Bytes: 6, Write Bytes: 6, Read Pkgs: 1, Write Pkgs: 1"));
		session.close().get(5, TimeUnit.SECONDS);
		assertThat(session.stat()).isEqualTo("session session-closed, Read Bytes: 6, Write Bytes: 6, Read Pkgs: 1, Write Pkgs: 1");
	}

	@Test
	void lastActiveMovesOnReceiveButNotOnSend() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		Session session = listener.awaitOpen();
		long openedAt = session.lastActiveNanos();
		session.writePkg("from server".getBytes()).get(5, TimeUnit.SECONDS);
		assertThat(client.readFrame()).isEqualTo("from server");
		assertThat(session.lastActiveNanos()).isEqualTo(openedAt);
		client.sendFrame("from client");
		listener.awaitMessage();
		assertThat(session.lastActiveNanos()).isGreaterThan(openedAt);
		assertThat(session.lastActive()).isAfterOrEqualTo(session.stats().opened());
	}

	@Test
	void writeBytesArrayIsOneWriteOfEveryPackage() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		Session session = listener.awaitOpen();
		WriteResult result = session.writeBytesArray(RawClient.frame("one"), RawClient.frame("two"), RawClient.frame("three"))
			.get(5, TimeUnit.SECONDS);
		assertThat(result).isEqualTo(new WriteResult(7 + 7 + 9, 3));
		assertThat(client.readFrame()).isEqualTo("one");
		assertThat(client.readFrame()).isEqualTo("two");
		assertThat(client.readFrame()).isEqualTo("three");
		assertThat(session.stats().writtenPackages()).isEqualTo(3);
	}

	@Test
	void writePkgReportsTheBytesWritten() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		connect(server);
		Session session = listener.awaitOpen();
		assertThat(session.writePkg(new byte[10], Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS))
			.isEqualTo(new WriteResult(14, 1));
		assertThat(session.writeBytes(new byte[] { 0, 0, 0, 0 }).get(5, TimeUnit.SECONDS))
			.isEqualTo(new WriteResult(4, 1));
	}

	@Test
	void writeToAClosedSessionFailsWithSessionClosed() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		connect(server);
		Session session = listener.awaitOpen();
		session.close().get(5, TimeUnit.SECONDS);
		CompletableFuture<WriteResult> write = session.writePkg("late".getBytes());
		assertThat(write).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(SessionClosedException.class)
			.withMessageContaining("is closed");
	}

	@Test
	void waitingForAWriteOnTheSessionsOwnIoThreadFailsInsteadOfDeadlocking() throws Exception {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		RecordingListener<byte[]> listener = new RecordingListener<>(false) {
			@Override
			protected void handle(Session session, byte[] pkg) {
				try {
					session.writePkg(pkg).join();
				}
				catch (Throwable ex) {
					thrown.set(ex);
				}
				session.writePkg("survived".getBytes());
			}
		};
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		client.sendFrame("wait for me");
		String reply1 = client.readFrame();
		String reply2 = client.readFrame();
		assertThat(List.of(reply1, reply2)).containsExactly("wait for me", "survived");
		assertThat(thrown.get()).isInstanceOf(BlockingWaitException.class).hasMessageContaining("deadlock");
	}

	@Test
	void onOpenRejectionClosesTheSessionAndStillCallsOnClose() throws Exception {
		RecordingListener<byte[]> listener = new RecordingListener<>(true) {
			@Override
			protected void opening(Session session) {
				throw new IllegalStateException("no more sessions");
			}
		};
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		assertThat(client.awaitClosedByPeer()).isTrue();
		Session session = listener.awaitClose();
		assertThat(listener.eventsOf(session)).containsExactly("open", "close");
		assertThat(session.closeReason()).isEqualTo(CloseReason.REJECTED);
		assertThat(listener.errors).isEmpty();
	}

	@Test
	void sessionInitializerConfiguresEachSessionAndMayRejectIt() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		CountDownLatch rejected = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
		TcpServer server = start(TcpServer.builder().sessionInitializer((session) -> {
			if (connections.incrementAndGet() > 1) {
				rejected.countDown();
				throw new IllegalStateException("only one session is allowed");
			}
			session.setName("configured");
			session.setMaxMsgLen(128);
			session.setReadWriter(LengthFieldCodec.int32BigEndian());
			session.setEventListener(listener);
		}));
		RawClient first = connect(server);
		first.sendFrame("accepted");
		assertThat(first.readFrame()).isEqualTo("accepted");
		Session session = listener.awaitOpen();
		assertThat(session.name()).isEqualTo("configured");
		assertThat(session.maxMsgLen()).isEqualTo(128);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> session.setEventListener(RecordingListener.recording()))
			.withMessageContaining("only allowed in the SessionInitializer");

		RawClient second = connect(server);
		assertThat(second.awaitClosedByPeer()).isTrue();
		assertThat(rejected.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(listener.opened).isEmpty();
		assertThat(server.sessions()).containsExactly(session);
	}

	@Test
	void aCallbackThatThrowsReportsOnErrorOnceThenOnClose() throws Exception {
		RecordingListener<byte[]> listener = new RecordingListener<>(false) {
			@Override
			protected void handle(Session session, byte[] pkg) {
				throw new IllegalArgumentException("boom");
			}
		};
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		client.sendFrame("one");
		client.sendFrame("two");
		assertThat(client.awaitClosedByPeer()).isTrue();
		Session session = listener.awaitClose();
		assertThat(listener.eventsOf(session)).containsExactly("open", "message", "error", "close");
		assertThat(listener.errors.peek()).hasMessageContaining("onMessage").hasRootCauseMessage("boom");
		assertThat(server.stats().errors()).containsEntry("listener", 1L);
	}

	@Test
	void closingTheServerClosesItsSessionsAndRunsTheirCallbacksBeforeReturning() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		Session session = listener.awaitOpen();
		List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
		session.addCloseCallback("test", "cleanup", () -> ran.add("cleanup"));

		assertThat(server.close(Duration.ofSeconds(10))).isTrue();

		assertThat(ran).containsExactly("cleanup");
		assertThat(session.isClosed()).isTrue();
		assertThat(session.closeReason()).isEqualTo(CloseReason.ENDPOINT_CLOSED);
		assertThat(listener.eventsOf(session)).containsExactly("open", "close");
		assertThat(client.awaitClosedByPeer()).isTrue();
		assertThat(server.sessions()).isEmpty();
	}

	@Test
	void bindingAPortInUseFailsWithAnErrorNamingIt() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			TcpServer server = TcpServer.builder()
				.name("clash")
				.host("127.0.0.1")
				.port(taken.getLocalPort())
				.codec(LengthFieldCodec.int32BigEndian())
				.listener(RecordingListener.echo())
				.build();
			assertThatExceptionOfType(GettyException.class).isThrownBy(server::start)
				.withMessageContaining("'clash'")
				.withMessageContaining("127.0.0.1:" + taken.getLocalPort());
			assertThat(server.isClosed()).isTrue();
		}
	}

	@Test
	void attributesCanBeSetReadAndRemoved() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		connect(server);
		Session session = listener.awaitOpen();
		assertThat(session.getAttribute("user")).isNull();
		session.setAttribute("user", "alice");
		assertThat(session.getAttribute("user")).isEqualTo("alice");
		assertThat(session.removeAttribute("user")).isEqualTo("alice");
		assertThat(session.getAttribute("user")).isNull();
		assertThat(session.removeAttribute("missing")).isNull();
	}

	@Test
	void lastPackagesBeforeThePeerClosesAreDelivered() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = startEcho(listener);
		RawClient client = connect(server);
		client.send(concat(RawClient.frame("last-1"), RawClient.frame("last-2")));
		client.socket().shutdownOutput();
		Session session = listener.awaitClose();
		assertThat(listener.messages).extracting((bytes) -> new String(bytes, StandardCharsets.UTF_8))
			.containsExactly("last-1", "last-2");
		assertThat(session.closeReason()).isEqualTo(CloseReason.PEER);
		assertThat(listener.eventsOf(session)).containsExactly("open", "message", "message", "close");
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
