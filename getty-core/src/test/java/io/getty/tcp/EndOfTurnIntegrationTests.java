package io.getty.tcp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.getty.EventLoops;
import io.getty.Session;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On getty's own event loops a turn ends, writing the replies held for its end, as the
 * loop's I/O is done, not from a task queued on the loop: a listener answering on the I/O
 * thread leaves the loop's task queue as it found it, as a hand-written Netty handler
 * does. A timer that falls due while the replies are written is then taken with the
 * loop's tasks right after, not found by its next check for work (docs/benchmarks.md,
 * point 29).
 */
class EndOfTurnIntegrationTests {

	@ParameterizedTest(name = "native transport preferred: {0}")
	@ValueSource(booleans = { false, true })
	void aListenerAnsweringOnTheIoThreadLeavesNoTaskOnTheEventLoop(boolean preferNative) throws Exception {
		TaskCounting listener = new TaskCounting();
		try (EventLoops loops = EventLoops.create(1, preferNative);
				TcpServer server = TcpServer.builder()
					.host("127.0.0.1")
					.eventLoops(loops)
					.codec(LengthFieldCodec.int32BigEndian())
					.listener(listener)
					.build()) {
			server.start();
			try (RawClient client = new RawClient(server.port())) {
				listener.awaitOpen();
				for (int i = 0; i < 3; i++) {
					client.sendFrame("ping " + i);
					assertThat(client.readFrame()).isEqualTo("ping " + i);
				}
			}
		}

		// Before, each turn that read queued one task for its end.
		assertThat(listener.tasksAfterAnswering).containsExactly(0, 0, 0);
	}

	/** Echoes, and counts the tasks queued on its event loop just after each answer. */
	static final class TaskCounting extends RecordingListener<byte[]> {

		final List<Integer> tasksAfterAnswering = new CopyOnWriteArrayList<>();

		TaskCounting() {
			super(true);
		}

		@Override
		protected void handle(Session session, byte[] pkg) {
			EventExecutor loop = ThreadExecutorMap.currentExecutor();
			this.tasksAfterAnswering.add(((SingleThreadEventExecutor) loop).pendingTasks());
		}

	}

}
