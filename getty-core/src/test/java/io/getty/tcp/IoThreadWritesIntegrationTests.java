package io.getty.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.getty.OutboundBufferFullException;
import io.getty.Session;
import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.getty.WriteTimeoutException;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.Futures;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes made by a listener on the session's own I/O thread, the path a server answering
 * its clients takes: they count against max-outbound-bytes without atomics, take their
 * write-timeout clock from the read that triggered them, and report Netty's outcome
 * through the write's own promise. Each is checked from the outside against a peer that
 * stops reading.
 */
class IoThreadWritesIntegrationTests {

	private static final int CHUNK = 64 * 1024;

	/**
	 * Well past what the kernel absorbs for a peer that stops reading (the server's send
	 * buffer autotunes up to net.ipv4.tcp_wmem's maximum, 4 MiB by default), so that
	 * writes really stay queued in the session. The burst is flushed every 512 KiB while it
	 * is written (TurnFlushHandler), so the writes the kernel took complete in the
	 * middle of the burst and free their share of the limit.
	 */
	private static final long MAX_OUTBOUND = 12 * 1024 * 1024;

	/** At most this many writes per burst: enough to pass the limit 64 times over. */
	private static final int MAX_BURST = 1024;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aBurstWrittenInOneReadStopsAtTheLimitAndDrainsOnceThePeerReads() throws Exception {
		Burst burst = new Burst(Duration.ofSeconds(30));
		TcpServer server = start(burst);
		try (RawClient client = new RawClient(server.port(), 4096)) {
			Session session = burst.awaitOpen();
			client.sendFrame("burst");
			burst.awaitBurst();

			// The limit counts the writes not yet handed to the kernel: exactly as many as
			// fit in it were still pending when the next one was refused.
			int fit = (int) (MAX_OUTBOUND / (CHUNK + 4));
			assertThat(burst.pendingAtRefusal).isEqualTo(fit);
			assertThat(burst.accepted).hasSizeGreaterThanOrEqualTo(fit);
			assertThat(causeOf(burst.refused)).isInstanceOf(OutboundBufferFullException.class)
				.hasMessageContaining("already has " + (long) fit * (CHUNK + 4) + " bytes waiting")
				.hasMessageContaining("max-outbound-bytes")
				.hasMessageContaining(Long.toString(MAX_OUTBOUND));

			// The peer reads everything: every accepted write completes, and the session
			// has nothing pending any more.
			for (int i = 0; i < burst.accepted.size(); i++) {
				assertThat(client.readFrame()).hasSize(CHUNK);
			}
			for (CompletableFuture<WriteResult> write : burst.accepted) {
				assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo(new WriteResult(CHUNK + 4, 1));
			}
			assertThat(session.isWritable()).isTrue();
			assertThat(session.stats().writtenPackages()).isEqualTo(burst.accepted.size());

			// The whole limit is available again.
			client.sendFrame("burst");
			burst.awaitBurst();
			assertThat(burst.pendingAtRefusal).isEqualTo(fit);
		}
	}

	@Test
	void writesStuckBehindAPeerThatStoppedReadingTimeOut() throws Exception {
		Burst burst = new Burst(Duration.ofMillis(200));
		TcpServer server = start(burst);
		try (RawClient client = new RawClient(server.port(), 4096)) {
			Session session = burst.awaitOpen();
			client.sendFrame("burst");
			burst.awaitBurst();

			CompletableFuture<WriteResult> last = burst.accepted.get(burst.accepted.size() - 1);
			assertThat(Futures.failureOf(last, Duration.ofSeconds(5))).isInstanceOf(WriteTimeoutException.class)
				.hasMessageContaining("write timeout");
			assertThat(session.isClosed()).isFalse();
		}
	}

	@Test
	void writesStillQueuedWhenTheSessionClosesFailWithSessionClosed() throws Exception {
		Burst burst = new Burst(Duration.ofSeconds(30));
		TcpServer server = start(burst);
		try (RawClient client = new RawClient(server.port(), 4096)) {
			Session session = burst.awaitOpen();
			session.setWaitTime(Duration.ofMillis(100));
			client.sendFrame("burst");
			burst.awaitBurst();

			session.close().get(10, TimeUnit.SECONDS);
			CompletableFuture<WriteResult> last = burst.accepted.get(burst.accepted.size() - 1);
			assertThat(Futures.failureOf(last, Duration.ofSeconds(5))).isInstanceOf(SessionClosedException.class)
				.hasMessageContaining("closed before " + (CHUNK + 4) + " bytes could be written");
		}
	}

	private TcpServer start(Burst burst) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(burst)
			.sessionOptions((o) -> o.withOutboundLimits(32 * 1024, 64 * 1024, MAX_OUTBOUND)
				.withWriteTimeout(burst.writeTimeout))
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	private static Throwable causeOf(CompletableFuture<?> future) {
		return Futures.failureOf(future, Duration.ofSeconds(1));
	}

	/**
	 * On each message, writes 64 KiB packages from the I/O thread until one is refused.
	 */
	static final class Burst extends RecordingListener<byte[]> {

		final Duration writeTimeout;

		volatile List<CompletableFuture<WriteResult>> accepted = List.of();

		volatile CompletableFuture<WriteResult> refused;

		/** Accepted writes of the last burst still waiting for the kernel when one was refused. */
		volatile int pendingAtRefusal;

		private final BlockingQueue<Integer> bursts = new LinkedBlockingQueue<>();

		Burst(Duration writeTimeout) {
			super(false);
			this.writeTimeout = writeTimeout;
		}

		@Override
		protected void handle(Session session, byte[] pkg) {
			List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
			for (int i = 0; i < MAX_BURST; i++) {
				CompletableFuture<WriteResult> write = session.writePkg(new byte[CHUNK]);
				if (write.isCompletedExceptionally()) {
					// On the I/O thread nothing completes between the writes and this count.
					this.pendingAtRefusal = (int) writes.stream().filter((w) -> !w.isDone()).count();
					this.refused = write;
					break;
				}
				writes.add(write);
			}
			this.accepted = writes;
			this.bursts.add(writes.size());
		}

		void awaitBurst() throws InterruptedException {
			assertThat(this.bursts.poll(10, TimeUnit.SECONDS)).as("a burst of writes").isNotNull();
		}

	}

}
