package io.getty.test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A blocking socket client written without Getty or Netty, speaking 4-byte big-endian
 * length framing, so tests see the server from the outside.
 */
public final class RawClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	public RawClient(int port) throws IOException {
		this(port, 0);
	}

	/**
	 * Connect with a fixed receive buffer, set before connecting so that the kernel does
	 * not autotune it: a client that never reads then absorbs only that much.
	 * @param port the server port
	 * @param receiveBufferSize the receive buffer in bytes, or 0 for the system default
	 */
	public RawClient(int port, int receiveBufferSize) throws IOException {
		this.socket = new Socket();
		if (receiveBufferSize > 0) {
			this.socket.setReceiveBufferSize(receiveBufferSize);
		}
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(10_000);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	public static byte[] frame(byte[] payload) {
		return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
	}

	public static byte[] frame(String payload) {
		return frame(payload.getBytes(StandardCharsets.UTF_8));
	}

	public void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	public void sendFrame(String payload) throws IOException {
		send(frame(payload));
	}

	public String readFrame() throws IOException {
		int length = this.in.readInt();
		byte[] payload = new byte[length];
		this.in.readFully(payload);
		return new String(payload, StandardCharsets.UTF_8);
	}

	/**
	 * Return whether the server closed the connection within 10 seconds.
	 * @return {@code true} on end of stream or reset
	 */
	public boolean awaitClosedByPeer() throws IOException {
		try {
			while (true) {
				if (this.in.read() < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// A reset also means the server closed it.
			return true;
		}
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
