package io.getty.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.getty.ws.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code chat} WebSocket server with the JDK's WebSocket client.
 */
@SampleAppTest
class ChatEndToEndTests {

	@Autowired
	@Qualifier("chat")
	private WsServer chat;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyTextMessageReachesEveryChatSessionTheSendersToo() throws Exception {
		Member alice = join();
		Member bob = join();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.chat.sessions().size() >= 2);
			alice.say("hello from alice");
			assertThat(alice.next()).isEqualTo("hello from alice");
			assertThat(bob.next()).isEqualTo("hello from alice");
			bob.say("hi alice, bob here");
			assertThat(alice.next()).isEqualTo("hi alice, bob here");
			assertThat(bob.next()).isEqualTo("hi alice, bob here");
		}
		finally {
			alice.leave();
			bob.leave();
		}
	}

	@Test
	void aPageFromAnotherOriginIsRefused() {
		CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder()
			.header("Origin", "http://evil.example")
			.buildAsync(uri(), new WebSocket.Listener() {
			});
		assertThatExceptionOfType(CompletionException.class).isThrownBy(handshake::join)
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void anotherPathIsNotFound() {
		CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.chat.port() + "/elsewhere"), new WebSocket.Listener() {
			});
		assertThatExceptionOfType(CompletionException.class).isThrownBy(handshake::join)
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(refused) -> assertThat(refused.getResponse().statusCode()).isEqualTo(404));
	}

	private URI uri() {
		return URI.create("ws://127.0.0.1:" + this.chat.port() + "/chat");
	}

	private Member join() throws Exception {
		Member member = new Member();
		member.socket = http.newWebSocketBuilder().buildAsync(uri(), member).get(10, TimeUnit.SECONDS);
		return member;
	}

	/**
	 * One chat client: collects the text messages it receives.
	 */
	static final class Member implements WebSocket.Listener {

		private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		private final StringBuilder partial = new StringBuilder();

		private WebSocket socket;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.received.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		void say(String text) throws Exception {
			this.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
		}

		String next() throws InterruptedException {
			return this.received.poll(10, TimeUnit.SECONDS);
		}

		void leave() throws Exception {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
		}

	}

}
