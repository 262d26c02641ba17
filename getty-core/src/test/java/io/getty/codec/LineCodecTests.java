package io.getty.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
 * Tests for {@link LineCodec}.
 */
class LineCodecTests {

	private final LineCodec codec = LineCodec.instance();

	@Test
	void instanceIsShared() {
		assertThat(LineCodec.instance()).isSameAs(this.codec);
		assertThat(this.codec).hasToString("LineCodec");
	}

	@Test
	void lineEndingInLineFeedIsReadWithoutIt() {
		ByteBuf in = ascii("hello\n");
		try {
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEqualTo("hello");
			assertThat(in.readerIndex()).isEqualTo(6);
			assertThat(in.writerIndex()).isEqualTo(6);
		}
		finally {
			in.release();
		}
	}

	@Test
	void lineEndingInCarriageReturnLineFeedIsReadWithoutEither() {
		ByteBuf in = ascii("hello\r\n");
		try {
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEqualTo("hello");
			assertThat(in.readerIndex()).isEqualTo(7);
		}
		finally {
			in.release();
		}
	}

	@Test
	void onlyOneCarriageReturnRightBeforeTheLineFeedIsDropped() {
		ByteBuf in = ascii("a\rb\n" + "c\r\r\n" + "\rd\n");
		try {
			Session session = TestSessions.unlimited();
			assertThat(this.codec.read(session, in)).isEqualTo("a\rb");
			assertThat(this.codec.read(session, in)).isEqualTo("c\r");
			assertThat(this.codec.read(session, in)).isEqualTo("\rd");
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@Test
	void emptyLinesAreEmptyStrings() {
		ByteBuf in = ascii("\n\r\n\n");
		try {
			Session session = TestSessions.unlimited();
			assertThat(this.codec.read(session, in)).isEmpty();
			assertThat(in.readerIndex()).isEqualTo(1);
			assertThat(this.codec.read(session, in)).isEmpty();
			assertThat(in.readerIndex()).isEqualTo(3);
			assertThat(this.codec.read(session, in)).isEmpty();
			assertThat(in.readerIndex()).isEqualTo(4);
			assertThat(this.codec.read(session, in)).isNull();
		}
		finally {
			in.release();
		}
	}

	@Test
	void severalLinesInOneBufferAreReadOneAtATimeInOrder() {
		ByteBuf in = ascii("one\ntwo\r\nthree\n\nfour");
		try {
			Session session = TestSessions.unlimited();
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = this.codec.read(session, in)) != null) {
				lines.add(line);
			}
			assertThat(lines).containsExactly("one", "two", "three", "");
			assertThat(in.toString(StandardCharsets.US_ASCII)).isEqualTo("four");
			assertThat(in.readerIndex()).isEqualTo(16);
		}
		finally {
			in.release();
		}
	}

	@Test
	void lineSplitAcrossReadsIsReturnedOnceComplete() {
		ByteBuf cumulation = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			cumulation.writeCharSequence("hel", StandardCharsets.US_ASCII);
			assertThat(this.codec.read(session, cumulation)).isNull();
			assertThat(cumulation.readerIndex()).isZero();
			cumulation.writeCharSequence("lo\r", StandardCharsets.US_ASCII);
			assertThat(this.codec.read(session, cumulation)).isNull();
			assertThat(cumulation.readerIndex()).isZero();
			cumulation.writeCharSequence("\nwor", StandardCharsets.US_ASCII);
			assertThat(this.codec.read(session, cumulation)).isEqualTo("hello");
			assertThat(cumulation.readerIndex()).isEqualTo(7);
			assertThat(this.codec.read(session, cumulation)).isNull();
			assertThat(cumulation.readerIndex()).isEqualTo(7);
			cumulation.writeCharSequence("ld\n", StandardCharsets.US_ASCII);
			assertThat(this.codec.read(session, cumulation)).isEqualTo("world");
			assertThat(cumulation.isReadable()).isFalse();
		}
		finally {
			cumulation.release();
		}
	}

	@Test
	void multiByteCharactersFedOneByteAtATimeDecodeOnceTheLineIsComplete() {
		byte[] bytes = "héllo wörld ✓ 😀\n".getBytes(StandardCharsets.UTF_8);
		ByteBuf cumulation = Unpooled.buffer();
		try {
			Session session = TestSessions.withMaxMsgLen(bytes.length);
			for (int i = 0; i < bytes.length - 1; i++) {
				cumulation.writeByte(bytes[i]);
				assertThat(this.codec.read(session, cumulation)).isNull();
				assertThat(cumulation.readerIndex()).isZero();
			}
			cumulation.writeByte('\n');
			assertThat(this.codec.read(session, cumulation)).isEqualTo("héllo wörld ✓ 😀");
		}
		finally {
			cumulation.release();
		}
	}

	@Test
	void readStartsAtTheReaderIndex() {
		ByteBuf in = ascii("skip\nkeep\n");
		try {
			in.readerIndex(5);
			assertThat(this.codec.read(TestSessions.withMaxMsgLen(5), in)).isEqualTo("keep");
			assertThat(in.readerIndex()).isEqualTo(10);
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "c328", "c0af", "eda080", "f5808080", "ff", "80", "e282" })
	void invalidUtf8LineFails(String hex) {
		ByteBuf in = Unpooled.buffer();
		try {
			in.writeCharSequence("ok ", StandardCharsets.US_ASCII);
			in.writeBytes(HexFormat.of().parseHex(hex));
			in.writeByte('\n');
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> this.codec.read(TestSessions.unlimited(), in))
				.withMessageContaining("LineCodec")
				.withMessageContaining("not valid UTF-8")
				.withMessageContaining(TestSessions.ENDPOINT_NAME)
				.withMessageContaining("session " + TestSessions.SESSION_ID);
		}
		finally {
			in.release();
		}
	}

	@Test
	void lineWithoutNewlineFailsAsSoonAsMaxMsgLenBytesAreBuffered() {
		int maxMsgLen = 8;
		Session session = TestSessions.withMaxMsgLen(maxMsgLen);
		ByteBuf cumulation = Unpooled.buffer();
		try {
			for (int i = 0; i < maxMsgLen - 1; i++) {
				cumulation.writeByte('x');
				assertThat(this.codec.read(session, cumulation)).isNull();
			}
			cumulation.writeByte('x');
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> this.codec.read(session, cumulation))
				.satisfies((ex) -> {
					assertThat(ex.length()).isEqualTo(maxMsgLen + 1L);
					assertThat(ex.limit()).isEqualTo(maxMsgLen);
				})
				.withMessageContaining("9")
				.withMessageContaining("8")
				.withMessageContaining(TestSessions.ENDPOINT_NAME);
		}
		finally {
			cumulation.release();
		}
	}

	@Test
	void maxMsgLenCountsTheLineEnding() {
		Session session = TestSessions.withMaxMsgLen(6);
		ByteBuf fits = ascii("hello\n");
		ByteBuf fitsCrLf = ascii("hell\r\n");
		ByteBuf tooLong = ascii("hello\r\n");
		ByteBuf tooLongWithMore = ascii("hello!\nnext\n");
		try {
			assertThat(this.codec.read(session, fits)).isEqualTo("hello");
			assertThat(this.codec.read(session, fitsCrLf)).isEqualTo("hell");
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> this.codec.read(session, tooLong))
				.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(6));
			assertThatExceptionOfType(MessageTooLongException.class)
				.isThrownBy(() -> this.codec.read(session, tooLongWithMore));
		}
		finally {
			fits.release();
			fitsCrLf.release();
			tooLong.release();
			tooLongWithMore.release();
		}
	}

	@Test
	void shortLinesBeforeALongTailArePassedWithinMaxMsgLen() {
		Session session = TestSessions.withMaxMsgLen(4);
		ByteBuf in = ascii("ab\ncd\n" + "0123456789");
		try {
			assertThat(this.codec.read(session, in)).isEqualTo("ab");
			assertThat(this.codec.read(session, in)).isEqualTo("cd");
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> this.codec.read(session, in));
		}
		finally {
			in.release();
		}
	}

	@Test
	void withoutMaxMsgLenALongIncompleteLineWaits() {
		ByteBuf in = Unpooled.buffer();
		try {
			in.writeZero(100_000);
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isNull();
			assertThat(in.readerIndex()).isZero();
			in.writeByte('\n');
			assertThat(this.codec.read(TestSessions.unlimited(), in)).hasSize(100_000);
		}
		finally {
			in.release();
		}
	}

	@Test
	void emptyBufferReturnsNull() {
		ByteBuf in = Unpooled.buffer();
		try {
			assertThat(this.codec.read(TestSessions.withMaxMsgLen(10), in)).isNull();
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isNull();
		}
		finally {
			in.release();
		}
	}

	@Test
	void writeAppendsTheTextAsUtf8AndALineFeed() {
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeByte('>');
			this.codec.write(TestSessions.unlimited(), "héllo", out);
			this.codec.write(TestSessions.unlimited(), new StringBuilder("sb"), out);
			this.codec.write(TestSessions.unlimited(), "", out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly(">héllo\nsb\n\n".getBytes(StandardCharsets.UTF_8));
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeOfANonStringUsesToString() {
		ByteBuf out = Unpooled.buffer();
		try {
			this.codec.write(TestSessions.unlimited(), 42, out);
			this.codec.write(TestSessions.unlimited(), List.of("a", "b"), out);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("42\n[a, b]\n");
		}
		finally {
			out.release();
		}
	}

	@Test
	void writtenLinesReadBack() {
		ByteBuf buf = Unpooled.buffer();
		try {
			Session session = TestSessions.unlimited();
			List<String> lines = List.of("first", "", "ünïcödé 😀", "last");
			for (String line : lines) {
				this.codec.write(session, line, buf);
			}
			List<String> decoded = new ArrayList<>();
			String line;
			while ((line = this.codec.read(session, buf)) != null) {
				decoded.add(line);
			}
			assertThat(decoded).containsExactlyElementsOf(lines);
		}
		finally {
			buf.release();
		}
	}

	private static ByteBuf ascii(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void writingTextThatContainsANewlineIsRefused() {
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> this.codec.write(TestSessions.unlimited(), "two\nlines", out))
				.withMessageContaining("index 3");
			assertThat(out.readableBytes()).isZero();
		}
		finally {
			out.release();
		}
	}

}
