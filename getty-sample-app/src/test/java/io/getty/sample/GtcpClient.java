package io.getty.sample;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking client of gtcp's simple package protocol written with a plain socket, as a
 * Go or C program would talk to the {@code hello} server: a 2-byte big-endian length,
 * then the JSON.
 */
final class GtcpClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final DataOutputStream out;

	GtcpClient(int port) throws IOException {
		this.socket = new Socket();
		this.socket.setSoTimeout(10_000);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = new DataOutputStream(this.socket.getOutputStream());
	}

	void send(String json) throws IOException {
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		this.out.writeShort(payload.length);
		this.out.write(payload);
		this.out.flush();
	}

	String receive() throws IOException {
		byte[] payload = new byte[this.in.readUnsignedShort()];
		this.in.readFully(payload);
		return new String(payload, StandardCharsets.UTF_8);
	}

	int localPort() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
