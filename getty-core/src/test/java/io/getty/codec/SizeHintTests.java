package io.getty.codec;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PackageWriter#sizeHint(Object)}: where a built-in codec gives a hint it
 * is the exact encoded size, so the session's buffer never grows while encoding.
 */
class SizeHintTests {

	record Msg(String act, String data) {
	}

	static Stream<Arguments> hintedPackages() {
		String ascii = "hello getty";
		String multiByte = "héllo 世界 🎉";
		// A wrapped heap array: not tracked by the leak detector, so it needs no release.
		ByteBuf partlyRead = Unpooled.wrappedBuffer(new byte[] { 1, 2, 3, 4, 5 }).readerIndex(2);
		return Stream.of(Arguments.of("BytesCodec, byte[]", BytesCodec.instance(), new byte[300]),
				Arguments.of("BytesCodec, empty byte[]", BytesCodec.instance(), new byte[0]),
				Arguments.of("BytesCodec, ByteBuf past its reader index", BytesCodec.instance(),
						partlyRead),
				Arguments.of("BytesCodec, ASCII text", BytesCodec.instance(), ascii),
				Arguments.of("BytesCodec, multi-byte text", BytesCodec.instance(), multiByte),
				Arguments.of("StringCodec, ASCII", StringCodec.instance(), ascii),
				Arguments.of("StringCodec, multi-byte", StringCodec.instance(), multiByte),
				Arguments.of("StringCodec, StringBuilder", StringCodec.instance(), new StringBuilder(multiByte)),
				Arguments.of("LineCodec, multi-byte", LineCodec.instance(), multiByte),
				Arguments.of("LengthFieldCodec 4 bytes, byte[]", LengthFieldCodec.int32BigEndian(), new byte[1024]),
				Arguments.of("LengthFieldCodec 2 bytes, string payload",
						LengthFieldCodec.builder().headerLength(2).payload(StringCodec.instance()).build(), multiByte),
				Arguments.of("LengthFieldCodec 1 byte, empty", LengthFieldCodec.builder().headerLength(1).build(),
						new byte[0]));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hintedPackages")
	void hintIsTheEncodedSize(String description, PackageWriter writer, Object pkg) throws Exception {
		int hint = writer.sizeHint(pkg);
		assertThat(encodedSize(writer, pkg)).as(description).isEqualTo(hint);
	}

	@Test
	void multiByteTextIsHintedInBytesNotChars() {
		String text = "世界";
		assertThat(StringCodec.instance().sizeHint(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length)
			.isEqualTo(6);
	}

	@Test
	void codecsThatCannotKnowCheaplyGiveNoHint() {
		// JSON would have to be serialized twice; other objects' toString() called twice.
		assertThat(JsonCodec.of(Msg.class).sizeHint(new Msg("hello", "world"))).isNegative();
		assertThat(StringCodec.instance().sizeHint(42)).isNegative();
		assertThat(LineCodec.instance().sizeHint(42)).isNegative();
		assertThat(BytesCodec.instance().sizeHint(new Object())).isNegative();
		assertThat(LengthFieldCodec.builder().payload(JsonCodec.of(Msg.class)).build().sizeHint(new Msg("a", "b")))
			.isNegative();
		PackageWriter lambda = (session, pkg, out) -> out.writeByte(1);
		assertThat(lambda.sizeHint("anything")).isNegative();
	}

	private static int encodedSize(PackageWriter writer, Object pkg) throws Exception {
		Session session = TestSessions.unlimited();
		ByteBuf out = Unpooled.buffer();
		try {
			writer.write(session, pkg, out);
			return out.readableBytes();
		}
		finally {
			out.release();
		}
	}

}
