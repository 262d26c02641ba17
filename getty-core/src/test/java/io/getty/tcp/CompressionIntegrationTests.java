package io.getty.tcp;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.getty.codec.LengthFieldCodec;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream compression as Getty does it: raw DEFLATE, one stream per direction, a sync
 * flush after every package.
 */
class CompressionIntegrationTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private TcpServer compressedEchoServer() {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.compression(Deflater.DEFAULT_COMPRESSION)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(RecordingListener.echo())
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	@Test
	void aCompressedClientAndServerEcho() throws Exception {
		TcpServer server = compressedEchoServer();
		RecordingListener<byte[]> listener = RecordingListener.recording();
		TcpClient client = TcpClient.builder()
			.serverAddress("127.0.0.1", server.port())
			.compression(9)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(client);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> client.session().isPresent());
		String text = "compress me ".repeat(200);
		client.writePkg(text.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
		assertThat(new String(listener.awaitMessage(), StandardCharsets.UTF_8)).isEqualTo(text);
		// As in Getty, byte counters count what the codec sees: decompressed bytes.
		await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().readBytes() == 4 + text.length());
	}

	@Test
	void aPeerUsingJavaUtilZipSeesEveryPackageAsSoonAsItIsSent() throws Exception {
		TcpServer server = compressedEchoServer();
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			Inflater inflater = new Inflater(true);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int i = 0; i < 3; i++) {
				String payload = "package " + i + " " + "x".repeat(100);
				out.write(deflate(deflater, RawClient.frame(payload)));
				out.flush();
				// Each reply must be readable on its own: Getty flushes after every package.
				assertThat(readFrame(inflater, in)).isEqualTo(payload);
			}
		}
	}

	@Test
	void aSessionThatClosesEndsItsCompressedStreamBeforeTheConnection() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.compression(Deflater.DEFAULT_COMPRESSION)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.build();
		this.resources.add(server);
		server.start();
		try (Socket socket = new Socket("127.0.0.1", server.port())) {
			socket.setSoTimeout(10_000);
			Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			Inflater inflater = new Inflater(true);
			InputStream in = socket.getInputStream();
			socket.getOutputStream().write(deflate(deflater, RawClient.frame("last words")));
			assertThat(readFrame(inflater, in)).isEqualTo("last words");
			listener.awaitOpen().close();
			byte[] chunk = new byte[4096];
			byte[] out = new byte[4096];
			for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
				inflater.setInput(chunk, 0, read);
				while (inflater.inflate(out) > 0) {
					// Nothing more was written; only the end of the stream is left.
				}
			}
			assertThat(inflater.finished()).as("the compressed stream ended before the connection").isTrue();
		}
	}

	private static byte[] deflate(Deflater deflater, byte[] input) {
		deflater.setInput(input);
		byte[] buffer = new byte[input.length + 64];
		int length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
		return java.util.Arrays.copyOf(buffer, length);
	}

	private static String readFrame(Inflater inflater, InputStream in) throws Exception {
		ByteBuffer plain = ByteBuffer.allocate(64 * 1024);
		byte[] chunk = new byte[4096];
		byte[] out = new byte[64 * 1024];
		while (true) {
			int produced;
			while ((produced = inflater.inflate(out)) > 0) {
				plain.put(out, 0, produced);
			}
			if (plain.position() >= 4) {
				int length = plain.getInt(0);
				if (plain.position() >= 4 + length) {
					byte[] payload = new byte[length];
					plain.flip();
					plain.position(4);
					plain.get(payload);
					return new String(payload, StandardCharsets.UTF_8);
				}
			}
			int read = in.read(chunk);
			assertThat(read).as("compressed bytes from the server").isPositive();
			inflater.setInput(chunk, 0, read);
		}
	}

}
