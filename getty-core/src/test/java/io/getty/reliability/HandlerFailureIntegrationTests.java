package io.getty.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.getty.Session;
import io.getty.codec.CodecException;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.PackageWriter;
import io.getty.codec.ReadWriter;
import io.getty.internal.ListenerException;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Application code that throws: the documented policy is that a throwing callback or
 * reader closes its own session with {@code onError} then {@code onClose}, a throwing
 * writer fails only that write, and the endpoint keeps serving everyone else.
 */
class HandlerFailureIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer start(ReadWriter<?> codec, RecordingListener<?> listener,
			java.util.function.UnaryOperator<io.getty.SessionOptions> options) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(codec)
			.listener(listener)
			.sessionOptions(options)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	@Test
	void anOnCronThatThrowsClosesOnlyItsSession() throws Exception {
		RecordingListener<byte[]> listener = new RecordingListener<>(true) {
			@Override
			public void onCron(Session session) {
				super.onCron(session);
				if (session.getAttribute("fragile") != null) {
					throw new IllegalStateException("cron failed");
				}
			}

			@Override
			protected void handle(Session session, byte[] pkg) {
				if (new String(pkg).equals("make me fragile")) {
					session.setAttribute("fragile", true);
				}
			}
		};
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), listener,
				(o) -> o.withCronPeriod(Duration.ofMillis(100)));
		RawClient fragile = new RawClient(server.port());
		this.resources.add(fragile);
		RawClient sturdy = new RawClient(server.port());
		this.resources.add(sturdy);
		fragile.sendFrame("make me fragile");
		assertThat(fragile.readFrame()).isEqualTo("make me fragile");
		assertThat(listener.awaitError()).isInstanceOf(ListenerException.class)
			.hasMessageContaining("onCron")
			.hasRootCauseMessage("cron failed");
		assertThat(fragile.awaitClosedByPeer()).isTrue();
		sturdy.sendFrame("still fine");
		assertThat(sturdy.readFrame()).isEqualTo("still fine");
		assertThat(server.stats().errors()).containsEntry("listener", 1L);
	}

	@Test
	void aReaderThatThrowsClosesOnlyItsSessionAndNamesTheCause() throws Exception {
		ReadWriter<String> brittle = new ReadWriter<>() {
			@Override
			public String read(Session session, ByteBuf in) {
				byte first = in.getByte(in.readerIndex());
				if (first == '!') {
					throw new IllegalArgumentException("a reader bug at byte '!'");
				}
				return io.getty.codec.LineCodec.instance().read(session, in);
			}

			@Override
			public void write(Session session, Object pkg, ByteBuf out) {
				io.getty.codec.LineCodec.instance().write(session, pkg, out);
			}
		};
		RecordingListener<String> listener = RecordingListener.echo();
		TcpServer server = start(brittle, listener, (o) -> o);
		RawClient bad = new RawClient(server.port());
		this.resources.add(bad);
		RawClient good = new RawClient(server.port());
		this.resources.add(good);
		bad.send("!boom\n".getBytes());
		assertThat(listener.awaitError()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("a reader bug at byte '!'");
		assertThat(bad.awaitClosedByPeer()).isTrue();
		good.send("fine\n".getBytes());
		assertThat(new String(good.socket().getInputStream().readNBytes(5))).isEqualTo("fine\n");
	}

	@Test
	void aWriterThatThrowsFailsOnlyThatWrite() throws Exception {
		PackageWriter failing = (session, pkg, out) -> {
			if (pkg instanceof byte[] bytes && new String(bytes).equals("unwritable")) {
				throw new IllegalStateException("cannot encode this one");
			}
			LengthFieldCodec.int32BigEndian().write(session, pkg, out);
		};
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.sessionInitializer((session) -> {
				session.setReader(LengthFieldCodec.int32BigEndian());
				session.setWriter(failing);
				session.setEventListener(listener);
			})
			.build();
		this.resources.add(server);
		server.start();
		RawClient client = new RawClient(server.port());
		this.resources.add(client);
		Session session = listener.awaitOpen();
		assertThat(session.writePkg("unwritable".getBytes())).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(CodecException.class)
			.withMessageContaining("cannot encode this one");
		session.writePkg("writable".getBytes());
		assertThat(client.readFrame()).isEqualTo("writable");
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !session.isClosed());
	}

}
