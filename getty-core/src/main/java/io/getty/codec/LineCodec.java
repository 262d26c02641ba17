package io.getty.codec;

import java.nio.charset.StandardCharsets;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * UTF-8 lines ending in {@code \n} (a {@code \r} before it is dropped), each one
 * {@code String} package without its line ending.
 *
 * <pre>
 * BEFORE DECODE (12 bytes)           AFTER DECODE (2 packages)
 * +----------------------------+     +-------+ +-------+
 * | h i \r \n t h e r e \n ... | --> | "hi"  | |"there"|
 * +----------------------------+     +-------+ +-------+
 * </pre>
 *
 * A line longer than {@link Session#maxMsgLen()} (counting its line ending) is an error
 * as soon as that many bytes arrived without a {@code \n}. Malformed UTF-8 is an error.
 * Writes send {@code toString()} of the package plus {@code \n}; text that itself
 * contains {@code \n} is refused, since it would arrive as two packages.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class LineCodec implements ReadWriter<String> {

	private static final LineCodec INSTANCE = new LineCodec();

	private LineCodec() {
	}

	/**
	 * Return the codec.
	 * @return the shared instance
	 */
	public static LineCodec instance() {
		return INSTANCE;
	}

	@Override
	public String read(Session session, ByteBuf in) {
		int start = in.readerIndex();
		int max = session.maxMsgLen();
		int searchable = (max > 0) ? Math.min(in.readableBytes(), max) : in.readableBytes();
		int newline = in.indexOf(start, start + searchable, (byte) '\n');
		if (newline < 0) {
			if (max > 0 && in.readableBytes() >= max) {
				throw new MessageTooLongException(session, in.readableBytes() + 1L, max);
			}
			return null;
		}
		int end = (newline > start && in.getByte(newline - 1) == '\r') ? newline - 1 : newline;
		String line = Utf8.decode(session, in, start, end - start, "LineCodec");
		in.readerIndex(newline + 1);
		return line;
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) {
		CharSequence text = (pkg instanceof CharSequence chars) ? chars : pkg.toString();
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				// It would arrive as two packages.
				throw new CodecException("LineCodec cannot send a line that contains '\\n' (at index " + i
						+ ") on endpoint '" + session.endPoint().name() + "'; send each line separately");
			}
		}
		out.writeCharSequence(text, StandardCharsets.UTF_8);
		out.writeByte('\n');
	}

	@Override
	public int sizeHint(Object pkg) {
		return (pkg instanceof CharSequence text) ? ByteBufUtil.utf8Bytes(text) + 1 : -1;
	}

	@Override
	public String toString() {
		return "LineCodec";
	}

}
