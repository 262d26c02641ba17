package io.getty.codec;

import java.nio.charset.StandardCharsets;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Strict UTF-8 helpers shared by the text codecs.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Decode {@code length} bytes from {@code index}, refusing malformed UTF-8 rather than
	 * replacing it, so that bad input is reported instead of silently changed.
	 */
	static String decode(Session session, ByteBuf buf, int index, int length, String codec) {
		if (!ByteBufUtil.isText(buf, index, length, StandardCharsets.UTF_8)) {
			throw new CodecException(codec + " received " + length + " bytes that are not valid UTF-8 on endpoint '"
					+ session.endPoint().name() + "' (session " + session.id() + ")");
		}
		return buf.toString(index, length, StandardCharsets.UTF_8);
	}

	/**
	 * Return how many of the {@code length} bytes from {@code index} form complete UTF-8
	 * sequences, leaving out a multi-byte character cut off at the end.
	 */
	static int completeLength(ByteBuf buf, int index, int length) {
		int end = index + length;
		// A UTF-8 sequence is at most 4 bytes, so only the last 3 bytes can start an
		// unfinished one.
		for (int i = end - 1; i >= Math.max(index, end - 3); i--) {
			int b = buf.getByte(i) & 0xFF;
			if ((b & 0xC0) == 0x80) {
				continue;
			}
			// 0xF8 and above never start a character: report them at once, as complete.
			int needed = (b >= 0xF8) ? 1 : (b >= 0xF0) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC0) ? 2 : 1;
			return (end - i < needed) ? i - index : length;
		}
		return length;
	}

}
