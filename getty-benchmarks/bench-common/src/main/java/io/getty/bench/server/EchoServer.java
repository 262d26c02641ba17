package io.getty.bench.server;

/**
 * A running echo server under test: it reads frames of a 4-byte big-endian length
 * (excluding the header) followed by the payload, and writes each payload back framed the
 * same way.
 *
 * @author getty team
 * @since 0.1.0
 */
public interface EchoServer extends AutoCloseable {

	/**
	 * Return the port the server listens on.
	 * @return the bound port
	 */
	int port();

	/**
	 * Return the transport actually in use, so that a table never shows epoll for a server
	 * that fell back to NIO.
	 * @return the transport
	 */
	Transport transport();

	/**
	 * Stop listening and release every thread.
	 */
	@Override
	void close();

}
