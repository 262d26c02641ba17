package io.getty.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.getty.Session;
import io.getty.codec.CodecException;
import io.getty.codec.JsonCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.fuzz.DecoderDriver.Decoded;
import io.getty.fuzz.DecoderDriver.Outcome;
import io.getty.fuzz.FuzzMessages.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for {@link JsonCodec}'s decoder on its own (each read takes all readable
 * bytes as one document, as on UDP and WebSocket), with {@link FuzzMessages.Msg} as the
 * declared type. Besides the {@link DecoderDriver} contract checks: every Jackson error
 * surfaces as {@link CodecException} (never as a Jackson exception, a
 * {@link StackOverflowError} from deep nesting, or another type); a package comes from
 * valid UTF-8 only, is exactly the declared type, its class-name typed field holds at most
 * a JSON scalar, no class named in the input is instantiated (neither
 * {@link FuzzMessages.Canary} nor Jazzer's {@code jaz.Zer}, which reports a finding when
 * created), it equals a fresh decode of the same bytes and survives write then read; and
 * the only {@link MessageTooLongException} is the session's, for a document longer than
 * max-msg-len.
 */
@ExtendWith(RegressionMode.class)
class JsonCodecFuzzTests {

	@DictionaryEntries({ "{", "}", "[", "]", "\"act\":", "\"seq\":", "\"tags\":", "\"inner\":", "\"ok\":",
			"\"counts\":", "\"extra\":", "\"@class\":", "\"io.getty.fuzz.FuzzMessages$Canary\"", "\"jaz.Zer\"", "null",
			"true", "false", "1e400", "-0", "\"\\ud800\"" })
	@FuzzTest(maxDuration = "90s")
	void json(byte[] data) throws Exception {
		FuzzInput input = FuzzInput.parse(data);
		JsonCodec<Msg> codec = FuzzMessages.CODEC;
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		Outcome<Msg> outcome = DecoderDriver.drive(codec, input, false);

		for (Decoded<Msg> decoded : outcome.packages()) {
			FuzzMessages.checkDecoded(session, codec, decoded.frame(), decoded.pkg());
			ByteBuf again = Unpooled.wrappedBuffer(decoded.frame());
			assertThat(codec.read(session, again)).as("a fresh decode of the same bytes").isEqualTo(decoded.pkg());
		}
		if (outcome.failure() == null) {
			assertThat(outcome.pending()).isEmpty();
		}
		else if (outcome.failure() instanceof MessageTooLongException) {
			assertThat(outcome.failedInSession()).isTrue();
		}
		else {
			assertThat(outcome.failure()).isInstanceOf(CodecException.class);
		}
		FuzzMessages.checkNoCanary();
	}

}
