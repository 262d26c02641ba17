package io.getty.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StringCodec}.
 */
class StringCodecTests {

	private final StringCodec codec = StringCodec.instance();

	@Test
	void instanceIsShared() {
		assertThat(StringCodec.instance()).isSameAs(this.codec);
		assertThat(this.codec).hasToString("StringCodec");
	}

	@Test
	void readTakesAllCompleteText() {
		ByteBuf in = utf8("héllo wörld ✓ 😀");
		try {
			int length = in.readableBytes();
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEqualTo("héllo wörld ✓ 😀");
			assertThat(in.readerIndex()).isEqualTo(length);
			assertThat(in.writerIndex()).isEqualTo(length);
		}
		finally {
			in.release();
		}
	}

	@Test
	void readStartsAtTheReaderIndex() {
		ByteBuf in = utf8("skip:keep");
		try {
			in.readerIndex(5);
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEqualTo("keep");
		}
		finally {
			in.release();
		}
	}

	@Test
	void emptyInputIsAnEmptyStringSoAZeroLengthFrameDecodes() {
		ByteBuf in = Unpooled.buffer();
		try {
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEmpty();
		}
		finally {
			in.release();
		}
	}

	@Test
	void aTrailingByteThatCanNeverStartACharacterFailsAtOnce() {
		ByteBuf in = Unpooled.wrappedBuffer(new byte[] { 'a', 'b', 'c', (byte) 0xFF });
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> this.codec.read(TestSessions.unlimited(), in))
				.withMessageContaining("not valid UTF-8");
		}
		finally {
			in.release();
		}
	}

	@Test
	void twoByteCharacterCutAtTheEndIsKeptBack() {
		byte[] bytes = "café".getBytes(StandardCharsets.UTF_8); // é = c3 a9
		ByteBuf in = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			in.writeBytes(bytes, 0, bytes.length - 1);
			assertThat(this.codec.read(session, in)).isEqualTo("caf");
			assertThat(in.readerIndex()).isEqualTo(3);
			assertThat(in.readableBytes()).isEqualTo(1);
			assertThat(this.codec.read(session, in)).isNull();
			assertThat(in.readerIndex()).isEqualTo(3);
			in.writeByte(bytes[bytes.length - 1]);
			assertThat(this.codec.read(session, in)).isEqualTo("é");
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "é", "€", "✓", "😀", "𝄞" })
	void multiByteCharacterSplitAtEachPositionIsKeptBackUntilComplete(String character) {
		byte[] bytes = ("a" + character + "b").getBytes(StandardCharsets.UTF_8);
		int characterLength = character.getBytes(StandardCharsets.UTF_8).length;
		assertThat(characterLength).isGreaterThan(1);
		for (int split = 2; split <= characterLength; split++) {
			// "a" plus the first (split - 1) bytes of the character
			ByteBuf in = Unpooled.buffer();
			try {
				Session session = TestSessions.unlimited();
				in.writeBytes(bytes, 0, split);
				assertThat(this.codec.read(session, in)).as("split after %d bytes", split).isEqualTo("a");
				assertThat(in.readableBytes()).isEqualTo(split - 1);
				assertThat(this.codec.read(session, in)).isNull();
				assertThat(in.readerIndex()).isEqualTo(1);
				in.writeBytes(bytes, split, bytes.length - split);
				assertThat(this.codec.read(session, in)).isEqualTo(character + "b");
				assertThat(in.isReadable()).isFalse();
			}
			finally {
				in.release();
			}
		}
	}

	@Test
	void fourByteEmojiFedOneByteAtATimeIsReturnedOnlyWhenComplete() {
		byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
		assertThat(emoji).hasSize(4);
		ByteBuf in = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			for (int i = 0; i < 3; i++) {
				in.writeByte(emoji[i]);
				assertThat(this.codec.read(session, in)).as("after %d bytes", i + 1).isNull();
				assertThat(in.readerIndex()).isZero();
			}
			in.writeByte(emoji[3]);
			assertThat(this.codec.read(session, in)).isEqualTo("😀");
			assertThat(in.readerIndex()).isEqualTo(4);
		}
		finally {
			in.release();
		}
	}

	@Test
	void textFedOneByteAtATimeReassemblesExactly() {
		String text = "aé€😀b𝄞✓";
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		ByteBuf in = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			StringBuilder received = new StringBuilder();
			for (byte b : bytes) {
				in.writeByte(b);
				String part = this.codec.read(session, in);
				if (part != null) {
					received.append(part);
				}
			}
			assertThat(received).hasToString(text);
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "c328", // lead byte followed by a non-continuation byte
			"c0af", // overlong '/'
			"e080af", // overlong, 3 bytes
			"eda080", // UTF-16 surrogate
			"f5808080", // beyond U+10FFFF
			"80", // lone continuation byte
			"616263a9", // continuation byte after ASCII
			"e282ac80" // stray continuation after a complete character
	})
	void invalidUtf8Fails(String hex) {
		ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
		try {
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.read(TestSessions.unlimited(), in))
				.withMessageContaining("StringCodec")
				.withMessageContaining("not valid UTF-8")
				.withMessageContaining(TestSessions.ENDPOINT_NAME)
				.withMessageContaining("session " + TestSessions.SESSION_ID);
		}
		finally {
			in.release();
		}
	}

	@Test
	void invalidUtf8IsNotReplaced() {
		ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex("61ff62"));
		try {
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.read(TestSessions.unlimited(), in));
		}
		finally {
			in.release();
		}
	}

	@Test
	void writeSendsTextAsUtf8() {
		ByteBuf out = Unpooled.buffer();
		try {
			this.codec.write(TestSessions.unlimited(), "héllo 😀", out);
			this.codec.write(TestSessions.unlimited(), new StringBuilder("!"), out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly("héllo 😀!".getBytes(StandardCharsets.UTF_8));
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeOfANonStringUsesToString() {
		Object pkg = new Object() {

			@Override
			public String toString() {
				return "custom ✓";
			}

		};
		ByteBuf out = Unpooled.buffer();
		try {
			this.codec.write(TestSessions.unlimited(), pkg, out);
			this.codec.write(TestSessions.unlimited(), 42, out);
			this.codec.write(TestSessions.unlimited(), Arrays.asList(1, 2), out);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("custom ✓42[1, 2]");
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeAppendsAfterExistingContent() {
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeCharSequence("a", StandardCharsets.US_ASCII);
			this.codec.write(TestSessions.unlimited(), "b", out);
			assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("ab");
		}
		finally {
			out.release();
		}
	}

	@Test
	void insideALengthFieldCodecEachFrameIsOneString() throws Exception {
		LengthFieldCodec<String> framed = LengthFieldCodec.builder().headerLength(2).payload(this.codec).build();
		ByteBuf buf = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			framed.write(session, "é", buf);
			framed.write(session, "😀 two", buf);
			assertThat(framed.read(session, buf)).isEqualTo("é");
			assertThat(framed.read(session, buf)).isEqualTo("😀 two");
		}
		finally {
			buf.release();
		}
	}

	@Test
	void insideALengthFieldCodecAnEmptyStringRoundTrips() throws Exception {
		LengthFieldCodec<String> framed = LengthFieldCodec.builder().headerLength(2).payload(this.codec).build();
		ByteBuf buf = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			framed.write(session, "", buf);
			assertThat(ByteBufUtil.getBytes(buf)).containsExactly(0, 0);
			assertThat(framed.read(session, buf)).isEmpty();
		}
		finally {
			buf.release();
		}
	}

	@Test
	void insideALengthFieldCodecAFrameEndingInACutCharacterFails() {
		LengthFieldCodec<String> framed = LengthFieldCodec.builder().headerLength(1).payload(this.codec).build();
		ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0261c3"));
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> framed.read(TestSessions.unlimited(), in))
				.withMessageContaining("StringCodec");
		}
		finally {
			in.release();
		}
	}

	private static ByteBuf utf8(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

}
