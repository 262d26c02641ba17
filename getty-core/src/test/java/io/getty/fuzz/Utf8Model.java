package io.getty.fuzz;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The JDK's strict UTF-8 decoder, as the reference the text codecs are compared with.
 */
final class Utf8Model {

	private Utf8Model() {
	}

	/**
	 * Decode {@code bytes} strictly, or return {@code null} if they are not valid UTF-8.
	 */
	static @Nullable String decode(byte[] bytes) {
		try {
			return newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * Return whether {@code bytes} hold malformed UTF-8 before their end, where a character
	 * cut off at the end is not malformed (more bytes may complete it).
	 */
	static boolean malformedBeforeEnd(byte[] bytes) {
		CharsetDecoder decoder = newDecoder();
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, false);
		return result.isError();
	}

	/**
	 * Return whether {@code tail}, 1 to 3 bytes, is the start of a multi-byte character by
	 * its lead byte: what a text codec may keep back waiting for more bytes.
	 */
	static boolean isCutOffCharacter(byte[] tail) {
		if (tail.length == 0 || tail.length > 3) {
			return false;
		}
		int lead = tail[0] & 0xFF;
		int needed = (lead >= 0xF8) ? 0 : (lead >= 0xF0) ? 4 : (lead >= 0xE0) ? 3 : (lead >= 0xC0) ? 2 : 0;
		if (needed <= tail.length) {
			return false;
		}
		for (int i = 1; i < tail.length; i++) {
			if ((tail[i] & 0xC0) != 0x80) {
				return false;
			}
		}
		return true;
	}

	private static CharsetDecoder newDecoder() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

}
