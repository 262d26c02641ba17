package io.getty.codec;

import java.nio.charset.StandardCharsets;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Raw bytes, unframed: a read takes every received byte as one {@code byte[]} package.
 * On TCP that is whatever one read brought, so use it inside a framing codec such as
 * {@link LengthFieldCodec} (which it is by default) or on UDP and WebSocket, where each
 * datagram or message is one package.
 *
 * <p>
 * Writes accept {@code byte[]}, {@link ByteBuf} (its readable bytes; the session
 * releases it) and {@link CharSequence} (as UTF-8).
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BytesCodec implements ReadWriter<byte[]> {

	private static final BytesCodec INSTANCE = new BytesCodec();

	private BytesCodec() {
	}

	/**
	 * Return the codec.
	 * @return the shared instance
	 */
	public static BytesCodec instance() {
		return INSTANCE;
	}

	/**
	 * Take every readable byte as one package. Empty input is an empty package: the
	 * session never calls a reader without bytes, so this only happens inside a framing
	 * codec, for a zero-length frame.
	 */
	@Override
	public byte[] read(Session session, ByteBuf in) {
		int length = in.readableBytes();
		byte[] bytes = ByteBufUtil.getBytes(in, in.readerIndex(), length);
		in.skipBytes(length);
		return bytes;
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) {
		if (pkg instanceof byte[] bytes) {
			out.writeBytes(bytes);
		}
		else if (pkg instanceof ByteBuf buf) {
			out.writeBytes(buf, buf.readerIndex(), buf.readableBytes());
		}
		else if (pkg instanceof CharSequence text) {
			out.writeCharSequence(text, StandardCharsets.UTF_8);
		}
		else {
			throw new CodecException("BytesCodec cannot encode a " + pkg.getClass().getName()
					+ "; write a byte[], a ByteBuf or a CharSequence, or configure a codec for this type");
		}
	}

	@Override
	public int sizeHint(Object pkg) {
		if (pkg instanceof byte[] bytes) {
			return bytes.length;
		}
		if (pkg instanceof ByteBuf buf) {
			return buf.readableBytes();
		}
		return (pkg instanceof CharSequence text) ? ByteBufUtil.utf8Bytes(text) : -1;
	}

	@Override
	public String toString() {
		return "BytesCodec";
	}

}
