package io.getty.ws;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.getty.EventListener;
import io.getty.codec.BytesCodec;
import io.getty.test.ExternalTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket server against a client we did not write: the {@code ws} package from
 * npm, run by Node.js ({@code src/test/node/ws-client.mjs}).
 */
class NodeWebSocketClientTests {

	private static final Path CLIENT_DIR = Path.of("src", "test", "node");

	private WsServer server;

	@AfterEach
	void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void textBinaryFragmentedAndOversizedMessagesBehaveForANodeClient() throws Exception {
		ExternalTools.assumeOnPath("node", "Node.js is not installed: skipping the Node ws client test "
				+ "(.ci/run installs it)");
		ExternalTools.assume(Files.isDirectory(CLIENT_DIR.resolve("node_modules").resolve("ws")),
				"the ws package is not installed: run 'npm ci --prefix getty-core/src/test/node' (.ci/run does)");
		// Text stays text and bytes stay bytes: a String package is sent as a text message.
		EventListener<byte[]> echo = (session, pkg) -> session
			.writePkg(isUtf8Text(pkg) ? new String(pkg, StandardCharsets.UTF_8) : pkg);
		this.server = WsServer.builder()
			.host("127.0.0.1")
			.path("/node")
			.codec(BytesCodec.instance())
			.listener(echo)
			.sessionOptions((options) -> options.withMaxMsgLen(1024))
			.build();
		this.server.start();

		Process node = new ProcessBuilder("node", "ws-client.mjs", "ws://127.0.0.1:" + this.server.port() + "/node",
				"1024")
			.directory(CLIENT_DIR.toFile())
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as("node output: %s", lines).isZero();
		assertThat(lines).containsExactly(
				"{\"step\":\"open\",\"extensions\":\"permessage-deflate\"}",
				"{\"step\":\"text\",\"isBinary\":false,\"data\":\"hello from node\"}",
				"{\"step\":\"binary\",\"isBinary\":true,\"bytes\":[0,1,2,254,255]}",
				"{\"step\":\"fragmented\",\"data\":\"fragmented\"}",
				"{\"step\":\"oversized\",\"code\":1009,\"reason\":\"message longer than 1024 bytes\"}");
	}

	private static boolean isUtf8Text(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0x20 && b != '\n') {
				return false;
			}
		}
		return io.netty.buffer.ByteBufUtil.isText(io.netty.buffer.Unpooled.wrappedBuffer(bytes),
				StandardCharsets.UTF_8);
	}


}
