package io.getty.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.getty.Session;
import io.getty.TaskPool;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listener callbacks on a task pool: per-session order, no overlap, and backpressure.
 */
class TaskPoolIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer start(TaskPool pool, RecordingListener<byte[]> listener) {
		this.resources.add(pool);
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.taskPool(pool)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	@Test
	void tenThousandMessagesArriveStrictlyInOrderOffTheIoThread() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(TaskPool.fixed(4), listener);
		List<RawClient> clients = new ArrayList<>();
		for (int c = 0; c < 3; c++) {
			RawClient client = new RawClient(server.port());
			this.resources.add(client);
			clients.add(client);
		}
		for (RawClient client : clients) {
			ByteArrayOutputStream batch = new ByteArrayOutputStream();
			for (int i = 0; i < 10_000; i++) {
				batch.write(RawClient.frame(Integer.toString(i)));
			}
			client.send(batch.toByteArray());
		}
		for (RawClient client : clients) {
			for (int i = 0; i < 10_000; i++) {
				assertThat(client.readFrame()).isEqualTo(Integer.toString(i));
			}
		}
		for (Session session : server.sessions()) {
			List<String> events = listener.eventsOf(session);
			assertThat(events).hasSize(10_001).startsWith("open");
		}
		List<Integer> received = new ArrayList<>();
		listener.messages.forEach((bytes) -> received.add(Integer.parseInt(new String(bytes, StandardCharsets.UTF_8))));
		assertThat(received).hasSize(30_000);
		assertThat(listener.overlaps()).as("callbacks of one session overlapping").isZero();
		assertThat(listener.callbackThreads).allSatisfy((thread) -> assertThat(thread).startsWith("getty-task"));
	}

	@Test
	void virtualThreadsKeepEachSessionsOrderWhereTheJvmHasThem() throws Exception {
		io.getty.test.ExternalTools.assume(TaskPool.virtualThreadsAvailable(),
				"this JVM (Java " + Runtime.version().feature() + ") has no virtual threads; they need Java 21");
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(TaskPool.virtualThreads(), listener);
		RawClient client = new RawClient(server.port());
		this.resources.add(client);
		ByteArrayOutputStream batch = new ByteArrayOutputStream();
		for (int i = 0; i < 2_000; i++) {
			batch.write(RawClient.frame(Integer.toString(i)));
		}
		client.send(batch.toByteArray());
		for (int i = 0; i < 2_000; i++) {
			assertThat(client.readFrame()).isEqualTo(Integer.toString(i));
		}
		assertThat(listener.overlaps()).isZero();
	}

	@Test
	void virtualThreadsAreRefusedWithAClearMessageOnOlderJvms() {
		io.getty.test.ExternalTools.assume(!TaskPool.virtualThreadsAvailable(), "this JVM has virtual threads");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(TaskPool::virtualThreads)
			.withMessageContaining("Java 21 or later")
			.withMessageContaining("TaskPool.fixed");
	}

	@Test
	void aFullSessionQueuePausesReadingUntilTheListenerCatchesUpAndLosesNothing() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		RecordingListener<byte[]> listener = new RecordingListener<>(false) {
			@Override
			protected void handle(Session session, byte[] pkg) throws Exception {
				// The first message blocks the session's callbacks until the test lets go.
				release.await(30, TimeUnit.SECONDS);
				// On a task pool a listener may wait for its write: that carries the
				// client's slow reading back to the server's reading, instead of
				// overflowing the outbound cap.
				session.writePkg(pkg).get(30, TimeUnit.SECONDS);
			}
		};
		TcpServer server = start(TaskPool.fixed(2, 16), listener);
		RawClient client = new RawClient(server.port());
		this.resources.add(client);
		Session session = listener.awaitOpen();
		// 20 MiB in 1 KiB packages: far more than one read loop takes in, so reading must
		// pause while the listener is stuck.
		ByteArrayOutputStream batch = new ByteArrayOutputStream();
		int total = 20_000;
		String padding = "x".repeat(1000);
		for (int i = 0; i < total; i++) {
			batch.write(RawClient.frame("m" + i + padding));
		}
		Thread writer = new Thread(() -> {
			try {
				client.send(batch.toByteArray());
			}
			catch (Exception ex) {
				// The assertions below report what went missing.
			}
		}, "slow-listener-writer");
		writer.start();

		await().atMost(Duration.ofSeconds(10)).until(() -> !session.channel().config().isAutoRead());
		long readWhilePaused = session.stats().readPackages();
		assertThat(readWhilePaused).as("packages read while the listener is stuck").isLessThan(total);

		release.countDown();
		for (int i = 0; i < total; i++) {
			assertThat(client.readFrame()).isEqualTo("m" + i + padding);
		}
		writer.join(10_000);
		assertThat(session.channel().config().isAutoRead()).isTrue();
		assertThat(listener.overlaps()).isZero();
	}

}
