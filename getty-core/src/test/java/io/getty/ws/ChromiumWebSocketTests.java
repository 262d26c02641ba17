package io.getty.ws;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.getty.EventListener;
import io.getty.codec.StringCodec;
import io.getty.test.ExternalTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser: headless Chromium loads a page that opens a WebSocket to the server
 * and echoes a message through it.
 */
class ChromiumWebSocketTests {

	@TempDir
	Path profile;

	private WsServer server;

	@AfterEach
	void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void aBrowserPageEchoesThroughTheServer() throws Exception {
		ExternalTools.assumeOnPath("chromium", "Chromium is not installed: skipping the browser WebSocket test "
				+ "(.ci/run installs the Debian package chromium)");
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		EventListener<String> echo = (session, text) -> {
			received.add(text);
			session.writePkg("echo " + text);
		};
		this.server = WsServer.builder()
			.host("127.0.0.1")
			.path("/browser")
			.codec(StringCodec.instance())
			.listener(echo)
			.build();
		this.server.start();
		Path page = Path.of("src", "test", "resources", "browser", "echo.html").toAbsolutePath();
		String url = page.toUri() + "?ws=ws://127.0.0.1:" + this.server.port() + "/browser";
		// The flags keep Chromium off the network: this machine has none but loopback.
		Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + this.profile, url)
			.redirectErrorStream(true)
			.redirectOutput(this.profile.resolve("chromium.log").toFile())
			.start();
		try {
			// The page sends a message, then sends back the server's answer to it.
			assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("hello from chromium");
			assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("got:echo hello from chromium");
			assertThat(this.server.sessions()).singleElement()
				.satisfies((session) -> assertThat(session.stats().readPackages()).isEqualTo(2));
		}
		finally {
			// Chromium runs helper processes of its own; leave none behind.
			chromium.descendants().forEach(ProcessHandle::destroyForcibly);
			chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

}
