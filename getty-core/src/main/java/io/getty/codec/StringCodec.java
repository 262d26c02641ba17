package io.getty.codec;

import java.nio.charset.StandardCharsets;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * UTF-8 text, unframed: a read takes every complete character received as one
 * {@code String} package, keeping back a multi-byte character that is cut off. Like
 * {@link BytesCodec} it suits UDP and WebSocket, or TCP streams where message
 * boundaries do not matter; use {@link LineCodec} for line-based protocols.
 *
 * <p>
 * Malformed UTF-8 is an error, never replaced. Writes accept any object and send its
 * {@code toString()} as UTF-8.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class StringCodec implements ReadWriter<String> {

	private static final StringCodec INSTANCE = new StringCodec();

	private StringCodec() {
	}

	/**
	 * Return the codec.
	 * @return the shared instance
	 */
	public static StringCodec instance() {
		return INSTANCE;
	}

	/**
	 * Take every complete character as one package. Empty input is an empty string (a
	 * zero-length frame inside a framing codec); input that holds only the start of a
	 * character needs more bytes.
	 */
	@Override
	public String read(Session session, ByteBuf in) {
		if (!in.isReadable()) {
			return "";
		}
		int length = Utf8.completeLength(in, in.readerIndex(), in.readableBytes());
		if (length == 0) {
			return null;
		}
		String text = Utf8.decode(session, in, in.readerIndex(), length, "StringCodec");
		in.skipBytes(length);
		return text;
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) {
		out.writeCharSequence((pkg instanceof CharSequence text) ? text : pkg.toString(), StandardCharsets.UTF_8);
	}

	@Override
	public int sizeHint(Object pkg) {
		// Anything else would be turned into a string twice.
		return (pkg instanceof CharSequence text) ? ByteBufUtil.utf8Bytes(text) : -1;
	}

	@Override
	public String toString() {
		return "StringCodec";
	}

}
