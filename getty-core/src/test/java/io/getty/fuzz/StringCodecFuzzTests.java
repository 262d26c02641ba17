package io.getty.fuzz;

import java.util.HexFormat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.getty.Session;
import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.StringCodec;
import io.getty.fuzz.DecoderDriver.Decoded;
import io.getty.fuzz.DecoderDriver.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for {@link StringCodec}'s decoder (unframed UTF-8 text). Besides the
 * {@link DecoderDriver} contract checks: every package is exactly the JDK's strict UTF-8
 * decoding of the bytes it consumed and writes back to those bytes; the packages and the
 * buffered rest are the whole stream, the rest being at most the start of one character
 * cut off by the end of the input; {@link CodecException} comes only for bytes the JDK's
 * decoder also finds malformed; and the only {@link MessageTooLongException} is the
 * session's, for a package or buffer longer than max-msg-len.
 */
@ExtendWith(RegressionMode.class)
class StringCodecFuzzTests {

	@DictionaryEntries({ "\u00e9", "\u20ac", "\ud83d\ude00", "\ufffd", "\u07ff", "\uffff", "\udbff\udfff" })
	@FuzzTest(maxDuration = "90s")
	void text(byte[] data) throws Exception {
		FuzzInput input = FuzzInput.parse(data);
		StringCodec codec = StringCodec.instance();
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		Outcome<String> outcome = DecoderDriver.drive(codec, input, false);

		for (Decoded<String> decoded : outcome.packages()) {
			assertThat(decoded.pkg()).as("package against the JDK's decoder").isEqualTo(Utf8Model.decode(decoded.frame()));
			ByteBuf out = DecoderDriver.scratchBuffer();
			try {
				codec.write(session, decoded.pkg(), out);
				assertThat(ByteBufUtil.getBytes(out)).as("written text").isEqualTo(decoded.frame());
			}
			finally {
				out.release();
			}
		}
		if (outcome.failure() == null) {
			assertThat(outcome.consumedAndPending()).as("packages and buffered rest").isEqualTo(input.stream());
			if (outcome.pending().length > 0) {
				assertThat(Utf8Model.isCutOffCharacter(outcome.pending()))
					.as("buffered rest %s is a character cut off at the end", HexFormat.of().formatHex(outcome.pending()))
					.isTrue();
			}
		}
		else if (outcome.failure() instanceof CodecException) {
			assertThat(Utf8Model.malformedBeforeEnd(outcome.failedInput())).as("JDK decoder finds %s malformed",
					HexFormat.of().formatHex(outcome.failedInput())).isTrue();
		}
		else {
			assertThat(outcome.failure()).isInstanceOf(MessageTooLongException.class);
			assertThat(outcome.failedInSession()).isTrue();
		}
	}

}
