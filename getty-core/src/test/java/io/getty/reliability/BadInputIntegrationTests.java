package io.getty.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.getty.codec.CodecException;
import io.getty.codec.JsonCodec;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.LineCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.ReadWriter;
import io.getty.codec.StringCodec;
import io.getty.tcp.TcpServer;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.getty.ws.WsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad frames for every built-in codec: only the offending TCP session closes, with
 * {@code onError} naming the cause, and everyone else keeps being served. (UDP datagrams
 * and the 2 GB header are covered by the UDP and TCP server tests.)
 */
class BadInputIntegrationTests {

	record Msg(String act, String data) {
	}

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer start(ReadWriter<?> codec, RecordingListener<?> listener) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(codec)
			.listener(listener)
			.sessionOptions((o) -> o.withMaxMsgLen(1024))
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	/** Send {@code bad} on one connection and check it alone is closed, then {@code good} still works. */
	private <T extends Throwable> Throwable offend(TcpServer server, RecordingListener<?> listener, byte[] bad,
			byte[] good, int goodReplyLength) throws Exception {
		RawClient bystander = new RawClient(server.port());
		this.resources.add(bystander);
		RawClient offender = new RawClient(server.port());
		this.resources.add(offender);
		offender.send(bad);
		Throwable error = listener.awaitError();
		assertThat(offender.awaitClosedByPeer()).isTrue();
		bystander.send(good);
		assertThat(bystander.socket().getInputStream().readNBytes(goodReplyLength)).containsExactly(good);
		return error;
	}

	@Test
	void truncatedAndGarbageJsonClosesOnlyThatSession() throws Exception {
		LengthFieldCodec<Msg> codec = LengthFieldCodec.builder().headerLength(2).payload(JsonCodec.of(Msg.class)).build();
		RecordingListener<Msg> listener = RecordingListener.echo();
		TcpServer server = start(codec, listener);
		byte[] truncated = frame2("{\"act\":\"hello\",\"da");
		byte[] good = frame2("{\"act\":\"hello\",\"data\":\"x\"}");
		Throwable error = offend(server, listener, truncated, good, good.length);
		assertThat(error).isInstanceOf(CodecException.class).hasMessageContaining(Msg.class.getName());

		byte[] garbage = frame2("\u0000\u0001not json at all");
		assertThat(offend(server, listener, garbage, good, good.length)).isInstanceOf(CodecException.class);
		assertThat(server.stats().errors()).containsEntry("codec", 2L);
	}

	@Test
	void invalidUtf8OnTheLineCodecClosesOnlyThatSession() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		TcpServer server = start(LineCodec.instance(), listener);
		byte[] invalid = { 'o', 'k', (byte) 0xC3, (byte) 0x28, '\n' };
		byte[] good = "fine\n".getBytes(StandardCharsets.UTF_8);
		assertThat(offend(server, listener, invalid, good, good.length)).isInstanceOf(CodecException.class)
			.hasMessageContaining("not valid UTF-8");
	}

	@Test
	void aLineLongerThanMaxMsgLenClosesOnlyThatSessionWithoutBufferingIt() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		TcpServer server = start(LineCodec.instance(), listener);
		byte[] endless = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
		byte[] good = "fine\n".getBytes(StandardCharsets.UTF_8);
		assertThat(offend(server, listener, endless, good, good.length)).isInstanceOf(MessageTooLongException.class)
			.hasMessageContaining("max-msg-len 1024");
	}

	@Test
	void garbageBytesOnTheStringCodecClosesOnlyThatSession() throws Exception {
		RecordingListener<String> listener = RecordingListener.echo();
		TcpServer server = start(StringCodec.instance(), listener);
		byte[] garbage = { (byte) 0xFF, (byte) 0xFE, (byte) 0xFD };
		byte[] good = "fine".getBytes(StandardCharsets.UTF_8);
		assertThat(offend(server, listener, garbage, good, good.length)).isInstanceOf(CodecException.class);
	}

	@Test
	void aWebSocketMessageThatDoesNotDecodeIsDroppedAndTheSessionStays() throws Exception {
		RecordingListener<Msg> listener = RecordingListener.echo();
		WsServer server = WsServer.builder()
			.host("127.0.0.1")
			.path("/json")
			.codec(JsonCodec.of(Msg.class))
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(java.net.URI.create("ws://127.0.0.1:" + server.port() + "/json"),
					new java.net.http.WebSocket.Listener() {
					})
			.get();
		socket.sendText("{\"act\":\"trunc", true).get();
		socket.sendText("{\"act\":\"hello\",\"data\":\"after\"}", true).get();
		assertThat(listener.awaitMessage(Duration.ofSeconds(10))).isEqualTo(new Msg("hello", "after"));
		assertThat(listener.errors).isEmpty();
		assertThat(server.stats().errors()).containsEntry("codec", 1L);
		assertThat(server.sessions()).hasSize(1);
		socket.abort();
	}

	private static byte[] frame2(String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[2 + bytes.length];
		frame[0] = (byte) (bytes.length >> 8);
		frame[1] = (byte) bytes.length;
		System.arraycopy(bytes, 0, frame, 2, bytes.length);
		return frame;
	}

}
