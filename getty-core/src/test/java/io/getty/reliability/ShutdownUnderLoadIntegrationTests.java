package io.getty.reliability;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.TaskPool;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a server while clients keep sending: every package it accepted is answered,
 * every close callback runs once, no thread of its own is left, and a listener that never
 * returns cannot hold the shutdown past its timeout.
 */
class ShutdownUnderLoadIntegrationTests {

	@Test
	void everyAcceptedPackageIsAnsweredAndEveryCloseCallbackRunsOnce() throws Exception {
		Map<Long, AtomicInteger> callbacks = new ConcurrentHashMap<>();
		TaskPool pool = TaskPool.fixed(2);
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.taskPool(pool)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(new EventListener<byte[]>() {
				@Override
				public void onOpen(Session session) {
					AtomicInteger count = callbacks.computeIfAbsent(session.id(), (id) -> new AtomicInteger());
					session.addCloseCallback("test", "count", count::incrementAndGet);
				}

				@Override
				public void onMessage(Session session, byte[] pkg) throws Exception {
					// On a task pool a listener may wait for its write: a client that reads
					// slowly then slows the server's reading instead of overflowing its
					// outbound cap, so nothing accepted goes unanswered.
					session.writePkg(pkg).get(30, TimeUnit.SECONDS);
				}
			})
			.build();
		server.start();
		List<LoadClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				clients.add(new LoadClient(server.port(), 200_000));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> clients.stream().allMatch((client) -> client.replies.get() > 100));
			assertThat(server.close(Duration.ofSeconds(20))).isTrue();
		}
		finally {
			clients.forEach(LoadClient::stop);
			pool.close();
		}
		long answered = clients.stream().mapToLong((client) -> client.replies.get()).sum();
		long accepted = server.stats().readPackages();
		System.out.printf("shutdown under load: %d packages accepted, %d answered, close callbacks %s%n", accepted,
				answered, callbacks.values());
		assertThat(accepted).as("packages accepted").isPositive();
		assertThat(answered).as("replies received for %d accepted packages", accepted).isEqualTo(accepted);
		assertThat(server.stats().writtenPackages()).isEqualTo(accepted);
		assertThat(callbacks).hasSize(8).allSatisfy((id, count) -> assertThat(count).hasValue(1));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gettyThreads()).isEmpty());
	}

	@Test
	void aListenerThatNeverReturnsCannotHoldTheShutdownPastItsTimeout() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		CountDownLatch stuck = new CountDownLatch(1);
		TaskPool pool = TaskPool.fixed(1);
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.taskPool(pool)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener((EventListener<byte[]>) (session, pkg) -> {
				stuck.countDown();
				never.await();
			})
			.build();
		server.start();
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.getOutputStream().write(new byte[] { 0, 0, 0, 1, 42 });
			assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();
			assertThat(server.close(Duration.ofSeconds(1))).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			never.countDown();
			pool.close();
		}
	}

	/** Non-daemon threads getty started: the I/O threads of an endpoint's event loops. */
	private static List<String> gettyThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.isDaemon() && thread.getName().startsWith("getty-"))
			.map(Thread::getName)
			.toList();
	}

	/** Sends a bounded stream of numbered packages and counts the replies, in order. */
	static final class LoadClient {

		final AtomicLong replies = new AtomicLong();

		private final Socket socket;

		private final Thread writer;

		private final Thread reader;

		LoadClient(int port, int limit) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setTcpNoDelay(true);
			this.writer = new Thread(() -> {
				try {
					var out = this.socket.getOutputStream();
					for (int i = 0; i < limit; i++) {
						out.write(ByteBuffer.allocate(8).putInt(4).putInt(i).array());
					}
				}
				catch (IOException ex) {
					// The server closed: sending ends here.
				}
			}, "load-writer");
			this.reader = new Thread(() -> {
				try {
					DataInputStream in = new DataInputStream(this.socket.getInputStream());
					for (int expected = 0;; expected++) {
						int length = in.readInt();
						int value = in.readInt();
						if (length != 4 || value != expected) {
							throw new IllegalStateException("reply " + value + " where " + expected + " was due");
						}
						this.replies.incrementAndGet();
					}
				}
				catch (EOFException ex) {
					// The server closed after its last reply.
				}
				catch (IOException ex) {
					// A reset after the last reply.
				}
			}, "load-reader");
			this.writer.start();
			this.reader.start();
		}

		void stop() {
			try {
				this.reader.join(20_000);
				this.socket.close();
				this.writer.join(5_000);
			}
			catch (InterruptedException | IOException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
