package io.getty.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.getty.Session;
import io.getty.codec.BytesCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.fuzz.DecoderDriver.Decoded;
import io.getty.fuzz.DecoderDriver.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for {@link BytesCodec}'s decoder (unframed raw bytes). Besides the
 * {@link DecoderDriver} contract checks: the codec never throws, each read takes every
 * readable byte as one package equal to those bytes, the packages add up to the whole
 * stream, each writes back to its bytes, and the only failure is the session's
 * {@link MessageTooLongException} for a package longer than max-msg-len.
 */
@ExtendWith(RegressionMode.class)
class BytesCodecFuzzTests {

	@FuzzTest(maxDuration = "90s")
	void bytes(byte[] data) throws Exception {
		FuzzInput input = FuzzInput.parse(data);
		BytesCodec codec = BytesCodec.instance();
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		Outcome<byte[]> outcome = DecoderDriver.drive(codec, input, false);

		for (Decoded<byte[]> decoded : outcome.packages()) {
			assertThat(decoded.pkg()).isEqualTo(decoded.frame());
			ByteBuf out = DecoderDriver.scratchBuffer();
			try {
				codec.write(session, decoded.pkg(), out);
				assertThat(ByteBufUtil.getBytes(out)).isEqualTo(decoded.frame());
			}
			finally {
				out.release();
			}
		}
		if (outcome.failure() == null) {
			assertThat(outcome.pending()).isEmpty();
			assertThat(outcome.consumedAndPending()).isEqualTo(input.stream());
			assertThat(outcome.packages()).hasSizeLessThanOrEqualTo(2);
		}
		else {
			assertThat(outcome.failure()).isInstanceOf(MessageTooLongException.class);
			assertThat(outcome.failedInSession()).isTrue();
			assertThat(outcome.failedInput().length).isGreaterThan(input.maxMsgLen());
		}
	}

}
