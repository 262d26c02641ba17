package io.getty.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.getty.OutboundBufferFullException;
import io.getty.Session;
import io.getty.WriteResult;
import io.getty.WriteTimeoutException;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;
import io.getty.test.Futures;
import io.getty.test.KernelBuffers;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WriteTimeouts} on a real session: once the session has tracked a
 * write, the timer stays armed while it is open, so a write never has to re-arm it from
 * the read path; writes made long after the first still time out; the timer stops with
 * the session. Replies written while a read is delivered are tracked only if they are
 * still queued at the end of their event-loop turn ({@link EventLoopTurn}).
 */
class WriteTimeoutsTests {

	private static final Duration WRITE_TIMEOUT = Duration.ofMillis(100);

	private static final int CHUNK = 64 * 1024;


	private final RecordingListener<byte[]> listener = RecordingListener.echo();

	private final TcpServer server = TcpServer.builder()
		.host("127.0.0.1")
		.codec(LengthFieldCodec.int32BigEndian())
		.listener(this.listener)
		.sessionOptions((options) -> options.withWriteTimeout(WRITE_TIMEOUT))
		.build();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void theTimerStaysArmedWhileTheSessionIsIdleAndStopsWhenItCloses() throws Exception {
		this.server.start();
		try (RawClient client = new RawClient(this.server.port())) {
			NettySession session = (NettySession) this.listener.awaitOpen();
			writeThenAwaitTwoIdleChecks(client, session);
		}
		NettySession closed = (NettySession) this.listener.awaitClose();
		await().atMost(Duration.ofSeconds(5)).until(() -> timerDeadline(closed) == null);
	}

	@Test
	void aWriteLongAfterTheFirstStillTimesOut() throws Exception {
		this.server.start();
		try (RawClient stalled = new RawClient(this.server.port(), 4096)) {
			NettySession session = (NettySession) this.listener.awaitOpen();
			writeThenAwaitTwoIdleChecks(stalled, session);

			// The client reads nothing more: fill its window and the session's buffer.
			CompletableFuture<WriteResult> last = fillUntilRefused(session);
			assertThat(Futures.failureOf(last, Duration.ofSeconds(5))).isInstanceOf(WriteTimeoutException.class)
				.hasMessageContaining("write timeout");
			assertThat(session.isClosed()).isFalse();
		}
	}

	@Test
	void writesLeaveInOrderWhateverOrderTheyFinishInAndOnlyThoseDueTimeOut() throws Exception {
		this.server.start();
		try (RawClient client = new RawClient(this.server.port())) {
			NettySession session = (NettySession) this.listener.awaitOpen();
			session.channel().eventLoop().submit(() -> {
				WriteTimeouts timeouts = new WriteTimeouts(session.channel().eventLoop(), "test session",
						() -> WRITE_TIMEOUT);
				long later = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				WriteOperation first = new WriteOperation(session, null, 1, 1, later);
				WriteOperation due = new WriteOperation(session, null, 2, 1, System.nanoTime() - 1);
				WriteOperation third = new WriteOperation(session, null, 3, 1, later);
				timeouts.track(first);
				timeouts.track(due);
				timeouts.track(third);
				assertThat(timeouts.outstanding()).containsExactly(first, due, third);

				// The timer fails the write past its deadline, wherever it is, and keeps the rest.
				timeouts.run();
				assertThat(due).isCompletedExceptionally();
				assertThat(Futures.failureOf(due, Duration.ZERO)).isInstanceOf(WriteTimeoutException.class);
				assertThat(timeouts.outstanding()).containsExactly(first, third);

				// A write that finished out of order waits behind the first, then leaves with it.
				timeouts.finished(third);
				third.complete(new WriteResult(3, 1));
				assertThat(timeouts.outstanding()).containsExactly(first, third);
				timeouts.finished(first);
				assertThat(timeouts.outstanding()).isEmpty();

				WriteOperation after = new WriteOperation(session, null, 4, 1, later);
				timeouts.track(after);
				assertThat(timeouts.outstanding()).containsExactly(after);
				timeouts.cancel();
				assertThat(timeouts.outstanding()).isEmpty();
				return null;
			}).get();
		}
	}

	@Test
	void repliesThatLeaveInTheirTurnAreNeverTracked() throws Exception {
		this.server.start();
		try (RawClient client = new RawClient(this.server.port())) {
			NettySession session = (NettySession) this.listener.awaitOpen();
			for (int i = 0; i < 3; i++) {
				client.sendFrame("hello " + i);
				assertThat(client.readFrame()).isEqualTo("hello " + i);
			}
			// Runs after the ends of the turns that wrote the replies.
			assertThat(onIoThread(session, session::writeTimeouts)).isNull();
		}
	}

	@Test
	void repliesStillQueuedAtTheEndOfTheirTurnAreTrackedThenAndTimeOut() throws Exception {
		// Well past what the kernel absorbs for a peer that stops reading (the send buffer
		// autotunes up to net.ipv4.tcp_wmem's maximum, 4 MiB by default): at least 10 MiB.
		int burstWrites = (int) Math.max(160, 2 * KernelBuffers.sendBufferMax() / CHUNK + 16);
		BlockingQueue<List<CompletableFuture<WriteResult>>> bursts = new LinkedBlockingQueue<>();
		RecordingListener<byte[]> burst = new RecordingListener<>(false) {

			@Override
			protected void handle(Session session, byte[] pkg) {
				List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
				for (int i = 0; i < burstWrites; i++) {
					writes.add(session.writePkg(new byte[CHUNK]));
				}
				bursts.add(writes);
			}

		};
		// Long enough that the check below runs well before any of the burst times out,
		// even on a slow machine with the leak detector at paranoid.
		TcpServer bursting = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(burst)
			.sessionOptions((options) -> options.withOutboundLimits(32 * 1024, 64 * 1024, 2L * burstWrites * CHUNK)
				.withWriteTimeout(Duration.ofSeconds(2)))
			.build();
		bursting.start();
		try (RawClient stalled = new RawClient(bursting.port(), 4096)) {
			NettySession session = (NettySession) burst.awaitOpen();
			stalled.sendFrame("burst");
			List<CompletableFuture<WriteResult>> writes = bursts.poll(10, TimeUnit.SECONDS);
			assertThat(writes).as("a burst of writes").isNotNull();

			// After the end of the burst's turn, exactly the writes still queued are
			// tracked, in order; those the kernel took (the burst is flushed every 512 KiB)
			// are not.
			List<Object> unfinished = new ArrayList<>();
			List<Object> tracked = onIoThread(session, () -> {
				writes.stream().filter((write) -> !write.isDone()).forEach(unfinished::add);
				WriteTimeouts timeouts = session.writeTimeouts();
				return (timeouts != null) ? new ArrayList<>(timeouts.outstanding()) : List.of();
			});
			assertThat(unfinished).isNotEmpty();
			assertThat(tracked).containsExactlyElementsOf(unfinished);

			CompletableFuture<WriteResult> last = writes.get(burstWrites - 1);
			assertThat(Futures.failureOf(last, Duration.ofSeconds(5))).isInstanceOf(WriteTimeoutException.class);
			assertThat(session.isClosed()).isFalse();
		}
		finally {
			bursting.close();
		}
	}

	/**
	 * Write one package from the test's thread, which tracks it at once and so arms the
	 * timer, then wait until the timer has found nothing outstanding and re-armed itself
	 * at least twice.
	 */
	private static void writeThenAwaitTwoIdleChecks(RawClient client, NettySession session) throws Exception {
		session.writePkg("hello".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
		assertThat(client.readFrame()).isEqualTo("hello");
		Long first = timerDeadline(session);
		assertThat(first).as("timer armed by the echo").isNotNull();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> timerDeadline(session),
					(deadline) -> deadline != null && deadline - first >= 2 * WRITE_TIMEOUT.toNanos());
	}

	private static CompletableFuture<WriteResult> fillUntilRefused(Session session) {
		byte[] chunk = new byte[64 * 1024];
		CompletableFuture<WriteResult> last = null;
		// Bounded: the session refuses writes past max-outbound-bytes (4 MiB by default)
		// plus what the kernel's buffers took.
		for (int i = 0; i < 4096; i++) {
			CompletableFuture<WriteResult> write = session.writePkg(chunk);
			if (write.isCompletedExceptionally()) {
				assertThat(Futures.failureOf(write, Duration.ofSeconds(1)))
					.isInstanceOf(OutboundBufferFullException.class);
				return last;
			}
			last = write;
		}
		throw new AssertionError("4096 writes of 64 KiB to a peer that does not read were all accepted");
	}

	private static <T> T onIoThread(NettySession session, Callable<T> task) throws Exception {
		return session.channel().eventLoop().submit(task).get(5, TimeUnit.SECONDS);
	}

	/** Read the timer's deadline on the session's I/O thread, which owns it. */
	private static @Nullable Long timerDeadline(NettySession session) throws Exception {
		Future<@Nullable Long> deadline = session.channel().eventLoop().submit(() -> {
			WriteTimeouts timeouts = session.writeTimeouts();
			return (timeouts != null) ? timeouts.timerDeadline() : null;
		});
		return deadline.get();
	}

}
