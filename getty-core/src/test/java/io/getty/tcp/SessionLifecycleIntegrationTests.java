package io.getty.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.getty.CloseReason;
import io.getty.Session;
import io.getty.codec.LengthFieldCodec;
import io.getty.internal.ReadTimeoutException;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Close callbacks, concurrent close, cron, idle and read timeouts on real sessions.
 */
class SessionLifecycleIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer start(RecordingListener<byte[]> listener,
			java.util.function.UnaryOperator<io.getty.SessionOptions> options) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.sessionOptions(options)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	private RawClient connect(TcpServer server) throws Exception {
		RawClient client = new RawClient(server.port());
		this.resources.add(client);
		return client;
	}

	@Test
	void closeCallbacksRunOnceInOrderWithReplaceRemoveAndFailureIsolation() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = start(listener, (o) -> o);
		connect(server);
		Session session = listener.awaitOpen();
		List<String> ran = new CopyOnWriteArrayList<>();
		List<String> threads = new CopyOnWriteArrayList<>();
		session.addCloseCallback("a", 1, () -> ran.add("a1"));
		session.addCloseCallback("b", 1, () -> {
			throw new IllegalStateException("callback b fails");
		});
		session.addCloseCallback("c", 1, () -> ran.add("c1"));
		session.addCloseCallback("d", 1, () -> ran.add("d1"));
		// Replacing keeps the position; removing a missing pair does nothing.
		session.addCloseCallback("a", 1, () -> {
			ran.add("a1-replaced");
			threads.add(Thread.currentThread().getName());
		});
		session.removeCloseCallback("d", 1);
		session.removeCloseCallback("never", "added");

		session.close().get(10, TimeUnit.SECONDS);

		assertThat(ran).containsExactly("a1-replaced", "c1");
		assertThat(threads).singleElement().asString().startsWith("getty-close-callback");
		// Added after close: ignored.
		session.addCloseCallback("late", 1, () -> ran.add("late"));
		assertThat(ran).containsExactly("a1-replaced", "c1");
		assertThat(listener.eventsOf(session)).containsExactly("open", "close");
		assertThat(listener.errors).isEmpty();
	}

	@Test
	void onCloseRunsExactlyOnceWhenEightThreadsCloseAtOnce() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = start(listener, (o) -> o);
		connect(server);
		Session session = listener.awaitOpen();
		AtomicInteger callbacks = new AtomicInteger();
		session.addCloseCallback("counter", "close", callbacks::incrementAndGet);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CyclicBarrier barrier = new CyclicBarrier(8);
			List<CompletableFuture<Void>> closes = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				closes.add(CompletableFuture.supplyAsync(() -> {
					try {
						barrier.await(5, TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					return session.close();
				}, threads).thenCompose((future) -> future));
			}
			CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(listener.eventsOf(session)).containsExactly("open", "close");
		assertThat(callbacks).hasValue(1);
		assertThat(session.closeReason()).isEqualTo(CloseReason.LOCAL);
	}

	@Test
	void cronFiresAtItsPeriod() throws Exception {
		List<Long> ticks = new CopyOnWriteArrayList<>();
		RecordingListener<byte[]> timing = new RecordingListener<>(false) {
			@Override
			public void onCron(Session session) {
				ticks.add(System.nanoTime());
				super.onCron(session);
			}
		};
		TcpServer server = start(timing, (o) -> o.withCronPeriod(Duration.ofMillis(100)));
		long opened = System.nanoTime();
		connect(server);
		timing.awaitOpen();
		await().atMost(Duration.ofSeconds(10)).until(() -> ticks.size() >= 5);
		long first = ticks.get(0) - opened;
		assertThat(Duration.ofNanos(first)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
		for (int i = 1; i < 5; i++) {
			long gap = ticks.get(i) - ticks.get(i - 1);
			assertThat(Duration.ofNanos(gap)).as("gap between tick %d and %d", i - 1, i)
				.isBetween(Duration.ofMillis(50), Duration.ofMillis(1000));
		}
		long average = (ticks.get(4) - ticks.get(0)) / 4;
		assertThat(Duration.ofNanos(average)).isBetween(Duration.ofMillis(80), Duration.ofMillis(250));
		assertThat(timing.crons.get()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void cronStopsWhenTheSessionClosesAndGoesOnForTheOthers() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(listener, (o) -> o.withCronPeriod(Duration.ofMillis(50)));
		connect(server);
		Session closing = listener.awaitOpen();
		connect(server);
		Session staying = listener.awaitOpen();
		await().atMost(Duration.ofSeconds(10)).until(() -> crons(listener, closing) >= 2 && crons(listener, staying) >= 2);
		closing.close();
		listener.awaitClose();
		long stayingAtClose = crons(listener, staying);
		await().atMost(Duration.ofSeconds(10)).until(() -> crons(listener, staying) >= stayingAtClose + 6);
		List<String> events = listener.eventsOf(closing);
		assertThat(events.subList(events.indexOf("close"), events.size())).containsExactly("close");
	}

	private static long crons(RecordingListener<byte[]> listener, Session session) {
		return listener.eventsOf(session).stream().filter("cron"::equals).count();
	}

	@Test
	void idleTimeoutClosesASilentSessionButNotABusyOne() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(listener, (o) -> o.withIdleTimeout(Duration.ofMillis(300)));
		RawClient silent = connect(server);
		Session silentSession = listener.awaitOpen();
		RawClient busy = connect(server);
		Session busySession = listener.awaitOpen();

		// Keep one session busy for three idle timeouts: a bounded ping-pong loop.
		long deadline = System.nanoTime() + Duration.ofMillis(900).toNanos();
		for (int sent = 0; sent < 100_000 && System.nanoTime() < deadline; sent++) {
			busy.sendFrame("keep-alive-" + sent);
			assertThat(busy.readFrame()).isEqualTo("keep-alive-" + sent);
		}

		assertThat(silent.awaitClosedByPeer()).isTrue();
		assertThat(silentSession.isClosed()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> silentSession.closeReason() == CloseReason.TIMEOUT);
		assertThat(busySession.isClosed()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(listener.eventsOf(silentSession)).containsExactly("open", "close"));
	}

	@Test
	void idleTimeoutClosesAPeerThatSentHalfAHeader() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(listener, (o) -> o.withIdleTimeout(Duration.ofMillis(300)));
		RawClient client = connect(server);
		Session session = listener.awaitOpen();
		client.send(new byte[] { 0, 0 });
		assertThat(client.awaitClosedByPeer()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> session.closeReason() == CloseReason.TIMEOUT);
	}

	@Test
	void aPackageThatDoesNotCompleteWithinTheReadTimeoutClosesTheSession() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = start(listener, (o) -> o.withReadTimeout(Duration.ofMillis(300)));
		RawClient client = connect(server);
		Session session = listener.awaitOpen();
		client.send(new byte[] { 0, 0, 0, 10, 'h', 'a', 'l', 'f' });
		assertThat(listener.awaitError()).isInstanceOf(ReadTimeoutException.class)
			.hasMessageContaining("read timeout")
			.hasMessageContaining("8 bytes buffered");
		assertThat(client.awaitClosedByPeer()).isTrue();
		assertThat(listener.awaitClose()).isSameAs(session);
		assertThat(listener.eventsOf(session)).containsExactly("open", "error", "close");
		assertThat(server.stats().errors()).containsEntry("timeout", 1L);
	}

	@Test
	void closeLetsQueuedWritesReachThePeerFirst() throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		RecordingListener<byte[]> listener = new RecordingListener<>(false) {
			@Override
			protected void handle(Session session, byte[] pkg) {
				for (int i = 0; i < 100; i++) {
					session.writePkg(("reply-" + i).getBytes());
				}
				session.close();
				written.countDown();
			}
		};
		TcpServer server = start(listener, (o) -> o);
		RawClient client = connect(server);
		client.sendFrame("go");
		assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < 100; i++) {
			assertThat(client.readFrame()).isEqualTo("reply-" + i);
		}
		assertThat(client.awaitClosedByPeer()).isTrue();
	}

}
