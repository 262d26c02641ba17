package io.getty.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.getty.EventLoops;
import io.getty.Session;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ReadTimeouts}: the read timeouts of an event loop's sessions are
 * checked by one timer on a 10 ms grid, which reports the sessions past their deadline,
 * drops the ones whose package completed and follows the earliest deadline left, on a
 * real event loop.
 */
class ReadTimeoutsTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private EventLoopGroup group;

	private EventLoop loop;

	@BeforeEach
	void startEventLoop() {
		this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		this.loop = this.group.next();
	}

	@AfterEach
	void stopEventLoop() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void checksFallOnTheGridAtOrAfterTheDeadline() {
		long grid = ReadTimeouts.GRID_NANOS;
		for (long deadline : new long[] { 0, 1, 7 * MS + 3, grid, grid + 1, 123_456_789_012L, -5 * MS - 1,
				Long.MAX_VALUE / 4 }) {
			long check = ReadTimeouts.checkTime(deadline);
			assertThat(check - deadline).as("delay after %d", deadline).isBetween(0L, grid - 1);
			assertThat(Math.floorMod(check, grid)).as("check at %d", check).isZero();
		}
	}

	@Test
	void sessionsWhosePackagesStartedInTheSameTenMillisecondsAreReportedByOneCheck() throws Exception {
		List<Stalled> sessions = new ArrayList<>();
		long firstDeadline = onLoop(() -> {
			// 16 deadlines 100 us apart, all in the grid slot that ends 5 ms after the first.
			long first = ReadTimeouts.checkTime(System.nanoTime() + 50 * MS) - 5 * MS;
			for (int i = 0; i < 16; i++) {
				Stalled session = new Stalled(first + i * 100_000L);
				sessions.add(session);
				ReadTimeouts.of(this.loop).watch(session, session.deadline);
			}
			return first;
		});
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).timerDeadline())).isEqualTo(firstDeadline + 5 * MS);
		await().atMost(TIMEOUT).until(() -> sessions.stream().allMatch((session) -> !session.reports.isEmpty()));
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).checks())).isEqualTo(1);
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).watched())).isZero();
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).timerDeadline())).isNull();
		for (Stalled session : sessions) {
			assertThat(session.reports).hasSize(1);
			assertThat(session.reports.get(0)).isGreaterThanOrEqualTo(session.deadline);
			assertThat(session.isWatched()).isFalse();
		}
	}

	@Test
	void aSessionWhosePackageCompletedIsDroppedAndTheTimerFollowsTheNextDeadline() throws Exception {
		Stalled completed = new Stalled(0);
		Stalled stalled = new Stalled(0);
		onLoop(() -> {
			long now = System.nanoTime();
			completed.deadline = now + 20 * MS;
			stalled.deadline = now + 120 * MS;
			ReadTimeouts.of(this.loop).watch(completed, completed.deadline);
			ReadTimeouts.of(this.loop).watch(stalled, stalled.deadline);
			// Its package completes before the check: nothing is to be reported.
			completed.deadline = ReadTimeouts.Watched.NONE;
			return null;
		});
		await().atMost(TIMEOUT).until(() -> onLoop(() -> ReadTimeouts.of(this.loop).checks()) == 1);
		assertThat(completed.isWatched()).isFalse();
		assertThat(stalled.isWatched()).isTrue();
		assertThat(stalled.reports).isEmpty();
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).timerDeadline()))
			.isEqualTo(ReadTimeouts.checkTime(stalled.deadline));
		await().atMost(TIMEOUT).until(() -> !stalled.reports.isEmpty());
		assertThat(stalled.reports.get(0)).isGreaterThanOrEqualTo(stalled.deadline);
		assertThat(completed.reports).isEmpty();
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).checks())).isEqualTo(2);
	}

	@Test
	void aSessionWithAShorterTimeoutBringsTheTimerForward() throws Exception {
		Stalled patient = new Stalled(0);
		Stalled hasty = new Stalled(0);
		Long[] timers = onLoop(() -> {
			long now = System.nanoTime();
			patient.deadline = now + 60_000 * MS;
			hasty.deadline = now + 30 * MS;
			ReadTimeouts timeouts = ReadTimeouts.of(this.loop);
			timeouts.watch(patient, patient.deadline);
			Long first = timeouts.timerDeadline();
			timeouts.watch(hasty, hasty.deadline);
			return new Long[] { first, timeouts.timerDeadline() };
		});
		assertThat(timers[0]).isEqualTo(ReadTimeouts.checkTime(patient.deadline));
		assertThat(timers[1]).isEqualTo(ReadTimeouts.checkTime(hasty.deadline));
		await().atMost(TIMEOUT).until(() -> !hasty.reports.isEmpty());
		assertThat(patient.reports).isEmpty();
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).timerDeadline()))
			.isEqualTo(ReadTimeouts.checkTime(patient.deadline));
	}

	@Test
	void watchingTwiceKeepsOneEntryAndForgettingTheLastStopsTheTimer() throws Exception {
		Stalled first = new Stalled(0);
		Stalled second = new Stalled(0);
		int[] watched = onLoop(() -> {
			long deadline = System.nanoTime() + 60_000 * MS;
			first.deadline = deadline;
			second.deadline = deadline;
			ReadTimeouts timeouts = ReadTimeouts.of(this.loop);
			timeouts.watch(first, deadline);
			timeouts.watch(first, deadline);
			timeouts.watch(second, deadline);
			int both = timeouts.watched();
			timeouts.forget(first);
			timeouts.forget(first);
			int one = timeouts.watched();
			boolean armed = timeouts.timerDeadline() != null;
			timeouts.forget(second);
			return new int[] { both, one, armed ? 1 : 0, timeouts.watched() };
		});
		assertThat(watched).containsExactly(2, 1, 1, 0);
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).timerDeadline())).isNull();
		assertThat(first.isWatched()).isFalse();
		assertThat(second.isWatched()).isFalse();
	}

	@Test
	void aReportThatThrowsDoesNotCostTheOthersTheirs() throws Exception {
		List<Stalled> sessions = new ArrayList<>();
		onLoop(() -> {
			long deadline = System.nanoTime() + 20 * MS;
			for (int i = 0; i < 3; i++) {
				Stalled session = (i == 1) ? new Stalled(deadline) {
					@Override
					void timedOut() {
						super.timedOut();
						throw new IllegalStateException("boom");
					}
				} : new Stalled(deadline);
				sessions.add(session);
				ReadTimeouts.of(this.loop).watch(session, deadline);
			}
			return null;
		});
		await().atMost(TIMEOUT).until(() -> sessions.stream().allMatch((session) -> !session.reports.isEmpty()));
		assertThat(onLoop(() -> ReadTimeouts.of(this.loop).watched())).isZero();
	}

	@Test
	void readTimeoutsAreConfinedToTheirEventLoop() {
		assertThatIllegalStateException().isThrownBy(() -> ReadTimeouts.of(this.loop))
			.withMessageContaining("confined to its thread")
			.withMessageContaining(Thread.currentThread().getName());
	}

	@Test
	void halfPackagesOfSeveralSessionsTimeOutAndAPackageCompletedInTimeIsNoLongerWatched() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		try (EventLoops eventLoops = EventLoops.create(1, false);
				TcpServer server = TcpServer.builder()
					.host("127.0.0.1")
					.eventLoops(eventLoops)
					.codec(LengthFieldCodec.int32BigEndian())
					.listener(listener)
					.sessionOptions((options) -> options.withReadTimeout(Duration.ofMillis(300)))
					.build()) {
			server.start();
			try (RawClient patient = new RawClient(server.port());
					RawClient first = new RawClient(server.port());
					RawClient second = new RawClient(server.port())) {
				NettySession found = null;
				for (int i = 0; i < 3; i++) {
					Session opened = listener.awaitOpen();
					if (opened.remoteAddress().getPort() == patient.socket().getLocalPort()) {
						found = (NettySession) opened;
					}
				}
				assertThat(found).as("the patient client's session").isNotNull();
				NettySession completing = found;
				patient.send(new byte[] { 0, 0, 0, 4, 'h', 'a' });
				first.send(new byte[] { 0, 0, 0, 10, 'h', 'a', 'l', 'f' });
				second.send(new byte[] { 0, 0, 0, 10, 'h', 'a', 'l', 'f' });
				SessionDecoder decoder = completing.channel().pipeline().get(SessionDecoder.class);
				await().atMost(TIMEOUT).until(() -> onLoopOf(completing, decoder::readTimeoutWatched));
				patient.send(new byte[] { 'l', 'f' });
				assertThat(patient.readFrame()).isEqualTo("half");
				assertThat(first.awaitClosedByPeer()).isTrue();
				assertThat(second.awaitClosedByPeer()).isTrue();
				assertThat(listener.awaitError()).isInstanceOf(ReadTimeoutException.class);
				assertThat(listener.awaitError()).isInstanceOf(ReadTimeoutException.class);
				// The check that reported the others dropped the session whose package completed.
				await().atMost(TIMEOUT).until(() -> !onLoopOf(completing, decoder::readTimeoutWatched));
				assertThat(completing.isClosed()).isFalse();
				assertThat(onLoopOf(completing,
						() -> ReadTimeouts.of(completing.channel().eventLoop()).watched())).isZero();
			}
		}
	}

	private static <T> T onLoopOf(Session session, Callable<T> task) throws Exception {
		return ((NettySession) session).channel().eventLoop().submit(task).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private <T> T onLoop(Callable<T> task) throws Exception {
		return this.loop.submit(task).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/** A session whose package stays incomplete until its deadline, unless told otherwise. */
	private static class Stalled extends ReadTimeouts.Watched {

		final List<Long> reports = new CopyOnWriteArrayList<>();

		volatile long deadline;

		Stalled(long deadline) {
			this.deadline = deadline;
		}

		@Override
		long deadline() {
			return this.deadline;
		}

		@Override
		void timedOut() {
			this.reports.add(System.nanoTime());
		}

	}

}
