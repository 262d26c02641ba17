package io.getty.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.getty.Session;
import io.getty.codec.CodecException;
import io.getty.codec.LineCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.fuzz.DecoderDriver.Decoded;
import io.getty.fuzz.DecoderDriver.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for {@link LineCodec}'s decoder. Besides the {@link DecoderDriver} contract
 * checks, it compares what the codec decoded from two arrivals with a model that reads
 * the whole stream at once: the same lines (without {@code \n} and a {@code \r} before
 * it), each checked against the JDK's strict UTF-8 decoder, then the same end: waiting
 * with the same bytes buffered, {@link CodecException} for malformed UTF-8, or
 * {@link MessageTooLongException} for a line longer than max-msg-len (counting its line
 * ending), thrown as soon as max-msg-len bytes arrived without a {@code \n}. Every line
 * is written back and gives its frame, with {@code \n} for {@code \r\n}.
 */
@ExtendWith(RegressionMode.class)
class LineCodecFuzzTests {

	@DictionaryEntries({ "\u00e9", "\u20ac", "\ud83d\ude00" })
	@FuzzTest(maxDuration = "90s")
	void lines(byte[] data) throws Exception {
		FuzzInput input = FuzzInput.parse(data);
		LineCodec codec = LineCodec.instance();
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		Outcome<String> outcome = DecoderDriver.drive(codec, input, true);

		List<String> lines = new ArrayList<>();
		Class<? extends RuntimeException> failure = null;
		byte[] stream = input.stream();
		int pos = 0;
		while (pos < stream.length) {
			int newline = indexOf(stream, pos, (byte) '\n');
			int max = input.maxMsgLen();
			if (newline < 0) {
				if (max > 0 && stream.length - pos >= max) {
					failure = MessageTooLongException.class;
				}
				break;
			}
			if (input.exceedsLimit(newline - pos + 1L)) {
				failure = MessageTooLongException.class;
				break;
			}
			int end = (newline > pos && stream[newline - 1] == '\r') ? newline - 1 : newline;
			String line = Utf8Model.decode(Arrays.copyOfRange(stream, pos, end));
			if (line == null) {
				failure = CodecException.class;
				break;
			}
			lines.add(line);
			pos = newline + 1;
		}

		assertThat(outcome.packages()).extracting(Decoded::pkg).containsExactlyElementsOf(lines);
		for (Decoded<String> decoded : outcome.packages()) {
			byte[] frame = decoded.frame();
			boolean crlf = frame.length > 1 && frame[frame.length - 2] == '\r';
			byte[] expected = crlf ? concat(Arrays.copyOf(frame, frame.length - 2), new byte[] { '\n' }) : frame;
			ByteBuf out = DecoderDriver.scratchBuffer();
			try {
				codec.write(session, decoded.pkg(), out);
				assertThat(ByteBufUtil.getBytes(out)).as("written line").isEqualTo(expected);
			}
			finally {
				out.release();
			}
		}
		if (failure == null) {
			assertThat(outcome.failure()).isNull();
			assertThat(outcome.pending()).isEqualTo(Arrays.copyOfRange(stream, pos, stream.length));
		}
		else {
			assertThat(outcome.failure()).isInstanceOf(failure);
			assertThat(outcome.failedInSession()).as("limit applied by the codec, not left to the session").isFalse();
		}
	}

	private static int indexOf(byte[] bytes, int from, byte value) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		return new DecoderDriver.ByteArray().add(a).add(b).toArray();
	}

}
