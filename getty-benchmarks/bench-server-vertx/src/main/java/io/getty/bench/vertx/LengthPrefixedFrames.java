package io.getty.bench.vertx;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * Cuts one connection's bytes into 4-byte-length-prefixed frames with a
 * {@link RecordParser} that alternates between a 4-byte header record and a payload
 * record of the announced size, and writes each payload (as a {@code byte[]}) back with
 * its prefix. Vert.x's public API has no length-field decoder; this is its idiomatic
 * equivalent.
 *
 * @author getty team
 * @since 0.1.0
 */
final class LengthPrefixedFrames implements Handler<Buffer> {

	private static final int HEADER = 4;

	private final NetSocket socket;

	private final RecordParser parser;

	private final int maxFrameLength;

	private boolean header = true;

	private LengthPrefixedFrames(NetSocket socket, int maxFrameLength) {
		this.socket = socket;
		this.maxFrameLength = maxFrameLength;
		this.parser = RecordParser.newFixed(HEADER);
	}

	/**
	 * Echo the frames of a connection.
	 * @param socket the connection
	 * @param maxFrameLength the largest payload accepted; a larger one closes the
	 * connection
	 */
	static void echo(NetSocket socket, int maxFrameLength) {
		LengthPrefixedFrames frames = new LengthPrefixedFrames(socket, maxFrameLength);
		frames.parser.handler(frames);
		socket.handler(frames.parser);
	}

	@Override
	public void handle(Buffer record) {
		if (this.header) {
			int length = record.getInt(0);
			if (length < 0 || length > this.maxFrameLength) {
				this.socket.close();
				return;
			}
			if (length == 0) {
				reply(new byte[0]);
				return;
			}
			this.header = false;
			this.parser.fixedSizeMode(length);
		}
		else {
			reply(record.getBytes());
			this.header = true;
			this.parser.fixedSizeMode(HEADER);
		}
	}

	private void reply(byte[] payload) {
		this.socket.write(Buffer.buffer(HEADER + payload.length).appendInt(payload.length).appendBytes(payload));
	}

}
