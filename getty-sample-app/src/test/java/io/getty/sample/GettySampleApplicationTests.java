package io.getty.sample;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.getty.tcp.TcpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample application on a random port and echoes through it with a plain
 * socket.
 */
@SpringBootTest(properties = "sample.echo.port=0")
class GettySampleApplicationTests {

	@Autowired
	private TcpServer echoServer;

	@Test
	void echoServerSendsBackEachFramedPayload() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.echoServer.port())) {
			socket.setSoTimeout(10_000);
			DataOutputStream out = new DataOutputStream(socket.getOutputStream());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			byte[] payload = "hello getty".getBytes(StandardCharsets.UTF_8);
			out.writeInt(payload.length);
			out.write(payload);
			out.flush();
			byte[] reply = new byte[in.readInt()];
			in.readFully(reply);
			assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("hello getty");
		}
	}

}
