package io.getty.codec;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link LengthFieldCodec}.
 */
class LengthFieldCodecTests {

	private static final HexFormat HEX = HexFormat.of();

	record Msg(String Act, String Data) {
	}

	static Stream<Arguments> headers() {
		return Stream.of(Arguments.of(1, ByteOrder.BIG_ENDIAN), Arguments.of(1, ByteOrder.LITTLE_ENDIAN),
				Arguments.of(2, ByteOrder.BIG_ENDIAN), Arguments.of(2, ByteOrder.LITTLE_ENDIAN),
				Arguments.of(4, ByteOrder.BIG_ENDIAN), Arguments.of(4, ByteOrder.LITTLE_ENDIAN));
	}

	static Stream<Arguments> oneAndTwoByteHeaders() {
		return headers().filter((arguments) -> (int) arguments.get()[0] < 4);
	}

	// ---------------------------------------------------------------- construction

	@Test
	void builderDefaultsToFourByteBigEndianHeaderAndBytesPayload() {
		LengthFieldCodec<byte[]> codec = LengthFieldCodec.builder().build();
		assertThat(codec.headerLength()).isEqualTo(4);
		assertThat(codec.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
		assertThat(codec).hasToString("LengthFieldCodec{header=4, BIG_ENDIAN, payload=BytesCodec}");
	}

	@Test
	void int32BigEndianIsFourByteBigEndian() {
		LengthFieldCodec<byte[]> codec = LengthFieldCodec.int32BigEndian();
		assertThat(codec.headerLength()).isEqualTo(4);
		assertThat(codec.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
	}

	@Test
	void builderMethodsReturnNewBuildersAndLeaveTheOriginalUnchanged() {
		LengthFieldCodec.Builder<byte[]> original = LengthFieldCodec.builder();
		LengthFieldCodec<byte[]> changed = original.headerLength(2).byteOrder(ByteOrder.LITTLE_ENDIAN).build();
		assertThat(changed.headerLength()).isEqualTo(2);
		assertThat(changed.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
		LengthFieldCodec<byte[]> unchanged = original.build();
		assertThat(unchanged.headerLength()).isEqualTo(4);
		assertThat(unchanged.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
	}

	@Test
	void toStringNamesHeaderByteOrderAndPayloadCodec() {
		LengthFieldCodec<Msg> codec = LengthFieldCodec.builder()
			.headerLength(2)
			.byteOrder(ByteOrder.LITTLE_ENDIAN)
			.payload(JsonCodec.of(Msg.class))
			.build();
		assertThat(codec).hasToString("LengthFieldCodec{header=2, LITTLE_ENDIAN, payload=JsonCodec{Msg}}");
	}

	@Test
	void headerLengthOtherThanOneTwoOrFourIsRejected() {
		for (int headerLength : new int[] { -1, 0, 3, 5, 8 }) {
			assertThatIllegalArgumentException().isThrownBy(() -> LengthFieldCodec.builder().headerLength(headerLength).build())
				.withMessageContaining("1, 2 or 4")
				.withMessageContaining(String.valueOf(headerLength));
		}
	}

	@Test
	void nullByteOrderOrPayloadIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> LengthFieldCodec.builder().byteOrder(null).build())
			.withMessageContaining("byteOrder");
		assertThatNullPointerException().isThrownBy(() -> LengthFieldCodec.builder().payload(null).build())
			.withMessageContaining("payload");
	}

	// ---------------------------------------------------------------- wire format

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void writePrefixesThePayloadWithItsLengthInTheConfiguredHeader(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		String expectedHeader = switch (headerLength) {
			case 1 -> "03";
			case 2 -> (order == ByteOrder.BIG_ENDIAN) ? "0003" : "0300";
			default -> (order == ByteOrder.BIG_ENDIAN) ? "00000003" : "03000000";
		};
		assertThat(hex(write(codec, "abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(expectedHeader + "616263");
	}

	@Test
	void multiByteHeadersPutTheMostSignificantByteFirstOnlyInBigEndian() throws Exception {
		byte[] payload300 = new byte[300];
		assertThat(header(write(codec(2, ByteOrder.BIG_ENDIAN), payload300), 2)).isEqualTo("012c");
		assertThat(header(write(codec(2, ByteOrder.LITTLE_ENDIAN), payload300), 2)).isEqualTo("2c01");
		byte[] payload70000 = new byte[70_000];
		assertThat(header(write(codec(4, ByteOrder.BIG_ENDIAN), payload70000), 4)).isEqualTo("00011170");
		assertThat(header(write(codec(4, ByteOrder.LITTLE_ENDIAN), payload70000), 4)).isEqualTo("70110100");
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void readDecodesTheConfiguredHeader(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		ByteBuf in = Unpooled.buffer();
		try {
			writeHeader(in, headerLength, order, 5);
			in.writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
			assertThat(codec.read(TestSessions.unlimited(), in)).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("oneAndTwoByteHeaders")
	void headerIsReadAsUnsigned(int headerLength, ByteOrder order) throws Exception {
		// All header bits set: a signed read would see -1. (A 4-byte 0xFFFFFFFF is beyond
		// the largest payload; see fourByteHeaderAnnouncingFourGigabytesFailsWithItsUnsignedLength.)
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		long announced = (1L << (8 * headerLength)) - 1;
		ByteBuf in = Unpooled.buffer();
		try {
			in.writeBytes(filled(headerLength, (byte) 0xFF));
			in.writeBytes(new byte[(int) announced - 1]);
			assertThat(codec.read(TestSessions.unlimited(), in)).isNull();
			assertThat(in.readerIndex()).isZero();
			in.writeByte(7);
			byte[] payload = codec.read(TestSessions.unlimited(), in);
			assertThat(payload).hasSize((int) announced);
			assertThat(payload[payload.length - 1]).isEqualTo((byte) 7);
		}
		finally {
			in.release();
		}
	}

	@Test
	void gtcpSimpleProtocolFrameWithJsonPayloadHasTheExactBytes() throws Exception {
		LengthFieldCodec<Msg> codec = LengthFieldCodec.builder()
			.headerLength(2)
			.byteOrder(ByteOrder.BIG_ENDIAN)
			.payload(JsonCodec.of(Msg.class))
			.build();
		Session session = TestSessions.unlimited();
		String json = "{\"Act\":\"hello\",\"Data\":\"xyzw\"}";
		assertThat(json).hasSize(0x1d);
		byte[] expected = concat(new byte[] { 0x00, 0x1d }, json.getBytes(StandardCharsets.UTF_8));

		ByteBuf out = Unpooled.buffer();
		try {
			codec.write(session, new Msg("hello", "xyzw"), out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly(expected);
			assertThat(codec.read(session, out)).isEqualTo(new Msg("hello", "xyzw"));
			assertThat(out.isReadable()).isFalse();
		}
		finally {
			out.release();
		}

		ByteBuf in = Unpooled.wrappedBuffer(expected);
		try {
			assertThat(codec.read(session, in)).isEqualTo(new Msg("hello", "xyzw"));
			assertThat(in.readerIndex()).isEqualTo(expected.length);
		}
		finally {
			in.release();
		}
	}

	@Test
	void jsonPayloadsRoundTripIncludingNonAsciiText() throws Exception {
		LengthFieldCodec<Msg> codec = LengthFieldCodec.builder()
			.headerLength(2)
			.payload(JsonCodec.of(Msg.class))
			.build();
		Session session = TestSessions.unlimited();
		List<Msg> messages = List.of(new Msg("hello", "x"), new Msg("login", "{\"user\":\"bob\"}"),
				new Msg("say", "héllo wörld ✓ 😀"), new Msg("", ""), new Msg(null, "null act"));
		ByteBuf buf = Unpooled.buffer();
		try {
			for (Msg msg : messages) {
				codec.write(session, msg, buf);
			}
			List<Msg> decoded = new ArrayList<>();
			Msg msg;
			while ((msg = codec.read(session, buf)) != null) {
				decoded.add(msg);
			}
			assertThat(decoded).containsExactlyElementsOf(messages);
			assertThat(buf.isReadable()).isFalse();
		}
		finally {
			buf.release();
		}
	}

	// ---------------------------------------------------------------- round trips

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void severalPayloadsRoundTrip(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		Session session = TestSessions.unlimited();
		int max = (headerLength == 1) ? 255 : 4096;
		List<byte[]> payloads = List.of(new byte[] { 0 }, "hello".getBytes(StandardCharsets.UTF_8),
				"héllo wörld ✓ 😀".getBytes(StandardCharsets.UTF_8), random(max, 1), random(max - 1, 2), random(17, 3));
		for (byte[] payload : payloads) {
			ByteBuf buf = Unpooled.buffer();
			try {
				codec.write(session, payload, buf);
				assertThat(buf.readableBytes()).isEqualTo(headerLength + payload.length);
				assertThat(codec.read(session, buf)).containsExactly(payload);
				assertThat(buf.isReadable()).isFalse();
			}
			finally {
				buf.release();
			}
		}
	}

	@Test
	void writeAppendsAfterExistingContentOfTheOutBuffer() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(2, ByteOrder.BIG_ENDIAN);
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeBytes(new byte[] { 9, 9, 9 });
			codec.write(TestSessions.unlimited(), "ab".getBytes(StandardCharsets.US_ASCII), out);
			codec.write(TestSessions.unlimited(), "c".getBytes(StandardCharsets.US_ASCII), out);
			assertThat(hex(ByteBufUtil.getBytes(out))).isEqualTo("090909" + "00026162" + "000163");
		}
		finally {
			out.release();
		}
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void frameFedOneByteAtATimeIsDecodedOnlyWhenComplete(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		Session session = TestSessions.unlimited();
		byte[] payload = random(100, 4);
		byte[] frame = write(codec, payload);
		ByteBuf cumulation = Unpooled.buffer();
		try {
			byte[] decoded = null;
			for (int i = 0; i < frame.length; i++) {
				cumulation.writeByte(frame[i]);
				decoded = codec.read(session, cumulation);
				if (i < frame.length - 1) {
					assertThat(decoded).as("package after %d of %d bytes", i + 1, frame.length).isNull();
					assertThat(cumulation.readerIndex()).as("reader index after %d bytes", i + 1).isZero();
					assertThat(cumulation.writerIndex()).isEqualTo(i + 1);
				}
			}
			assertThat(decoded).containsExactly(payload);
			assertThat(cumulation.readerIndex()).isEqualTo(frame.length);
			assertThat(cumulation.writerIndex()).isEqualTo(frame.length);
		}
		finally {
			cumulation.release();
		}
	}

	@Test
	void framesSplitAtEveryPossibleBoundaryDecodeInOrder() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.LITTLE_ENDIAN);
		Session session = TestSessions.unlimited();
		byte[] stream = concat(write(codec, "first".getBytes(StandardCharsets.US_ASCII)),
				write(codec, "second".getBytes(StandardCharsets.US_ASCII)));
		for (int split = 0; split <= stream.length; split++) {
			ByteBuf cumulation = Unpooled.buffer();
			try {
				List<String> decoded = new ArrayList<>();
				cumulation.writeBytes(stream, 0, split);
				drain(codec, session, cumulation, decoded);
				cumulation.writeBytes(stream, split, stream.length - split);
				drain(codec, session, cumulation, decoded);
				assertThat(decoded).as("split at %d", split).containsExactly("first", "second");
				assertThat(cumulation.isReadable()).isFalse();
			}
			finally {
				cumulation.release();
			}
		}
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void thousandFramesBackToBackDecodeIdenticallyAndInOrder(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		Session session = TestSessions.withMaxMsgLen(headerLength + 255);
		Random random = new Random(1000 + headerLength);
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			byte[] payload = new byte[1 + random.nextInt(255)];
			random.nextBytes(payload);
			payloads.add(payload);
		}
		ByteBuf buf = Unpooled.buffer();
		try {
			for (byte[] payload : payloads) {
				codec.write(session, payload, buf);
			}
			int writerIndex = buf.writerIndex();
			for (int i = 0; i < payloads.size(); i++) {
				byte[] decoded = codec.read(session, buf);
				assertThat(decoded).as("frame %d", i).isNotNull().containsExactly(payloads.get(i));
				assertThat(buf.writerIndex()).isEqualTo(writerIndex);
			}
			assertThat(buf.isReadable()).isFalse();
			assertThat(codec.read(session, buf)).isNull();
		}
		finally {
			buf.release();
		}
	}

	@Test
	void readLeavesTheFollowingBytesAndRestoresTheWriterIndex() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(2, ByteOrder.BIG_ENDIAN);
		ByteBuf in = Unpooled.buffer(64);
		try {
			in.writeBytes(new byte[] { 1, 2, 3 });
			in.readerIndex(3);
			in.writeBytes(HEX.parseHex("0003616263" + "0004"));
			in.writeByte('x');
			int writerIndex = in.writerIndex();
			assertThat(codec.read(TestSessions.unlimited(), in)).containsExactly('a', 'b', 'c');
			assertThat(in.readerIndex()).isEqualTo(3 + 5);
			assertThat(in.writerIndex()).isEqualTo(writerIndex);
			assertThat(in.readableBytes()).isEqualTo(3);

			// incomplete: nothing moves
			assertThat(codec.read(TestSessions.unlimited(), in)).isNull();
			assertThat(in.readerIndex()).isEqualTo(8);
			assertThat(in.writerIndex()).isEqualTo(writerIndex);
		}
		finally {
			in.release();
		}
	}

	@Test
	void lessThanAHeaderReturnsNullWithoutMovingIndexes() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.BIG_ENDIAN);
		ByteBuf in = Unpooled.buffer();
		try {
			assertThat(codec.read(TestSessions.withMaxMsgLen(1), in)).isNull();
			in.writeBytes(new byte[] { 0x7F, 0x7F, 0x7F });
			assertThat(codec.read(TestSessions.withMaxMsgLen(1), in)).isNull();
			assertThat(in.readerIndex()).isZero();
			assertThat(in.writerIndex()).isEqualTo(3);
		}
		finally {
			in.release();
		}
	}

	@Test
	void payloadCodecSeesExactlyOneFrame() throws Exception {
		List<Integer> seen = new ArrayList<>();
		ReadWriter<String> probe = new ReadWriter<>() {

			@Override
			public String read(Session session, ByteBuf in) {
				seen.add(in.readableBytes());
				String text = in.toString(StandardCharsets.US_ASCII);
				in.skipBytes(in.readableBytes());
				return text;
			}

			@Override
			public void write(Session session, Object pkg, ByteBuf out) {
				out.writeCharSequence(pkg.toString(), StandardCharsets.US_ASCII);
			}

		};
		LengthFieldCodec<String> codec = LengthFieldCodec.builder().headerLength(1).payload(probe).build();
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("03616263" + "026465" + "05"));
		try {
			assertThat(codec.read(TestSessions.unlimited(), in)).isEqualTo("abc");
			assertThat(codec.read(TestSessions.unlimited(), in)).isEqualTo("de");
			assertThat(codec.read(TestSessions.unlimited(), in)).isNull();
			assertThat(seen).containsExactly(3, 2);
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void emptyPayloadIsWrittenAsAZeroLengthHeader(int headerLength, ByteOrder order) throws Exception {
		assertThat(write(codec(headerLength, order), new byte[0])).hasSize(headerLength).containsOnly(0);
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void emptyPayloadRoundTrips(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		ByteBuf buf = Unpooled.buffer();
		try {
			codec.write(TestSessions.unlimited(), new byte[0], buf);
			codec.write(TestSessions.unlimited(), new byte[] { 1 }, buf);
			assertThat(codec.read(TestSessions.unlimited(), buf)).isEmpty();
			assertThat(codec.read(TestSessions.unlimited(), buf)).containsExactly(1);
		}
		finally {
			buf.release();
		}
	}

	// ---------------------------------------------------------------- limits

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void headerAnnouncingMoreThanMaxMsgLenFailsBeforeBodyArrives(int headerLength, ByteOrder order) {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		Session session = TestSessions.withMaxMsgLen(100);
		ByteBuf in = Unpooled.buffer();
		try {
			writeHeader(in, headerLength, order, 200);
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> codec.read(session, in))
				.satisfies((ex) -> {
					assertThat(ex.length()).isEqualTo(headerLength + 200L);
					assertThat(ex.limit()).isEqualTo(100);
				})
				.withMessageContaining(String.valueOf(headerLength + 200))
				.withMessageContaining("100")
				.withMessageContaining("'" + TestSessions.ENDPOINT_NAME + "'")
				.withMessageContaining("session " + TestSessions.SESSION_ID);
		}
		finally {
			in.release();
		}
	}

	@Test
	void fourByteHeaderAnnouncingTwoGigabytesFailsEvenWithoutMaxMsgLen() {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.BIG_ENDIAN);
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("80000000"));
		try {
			assertThatExceptionOfType(MessageTooLongException.class)
				.isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.satisfies((ex) -> {
					assertThat(ex.length()).isEqualTo(0x80000000L + 4);
					assertThat(ex.limit()).isEqualTo(Integer.MAX_VALUE - 8);
				})
				.withMessageContaining(String.valueOf(0x80000000L + 4))
				.withMessageContaining(String.valueOf(Integer.MAX_VALUE - 8))
				.withMessageContaining(TestSessions.ENDPOINT_NAME);
			assertThat(in.readerIndex()).isZero();
		}
		finally {
			in.release();
		}
	}

	@Test
	void littleEndianFourByteHeaderAnnouncingTwoGigabytesFailsEvenWithoutMaxMsgLen() {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.LITTLE_ENDIAN);
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("00000080"));
		try {
			assertThatExceptionOfType(MessageTooLongException.class)
				.isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.satisfies((ex) -> assertThat(ex.length()).isEqualTo(0x80000000L + 4));
		}
		finally {
			in.release();
		}
	}

	@Test
	void fourByteHeaderAnnouncingFourGigabytesFailsWithItsUnsignedLength() {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.BIG_ENDIAN);
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("ffffffff"));
		try {
			assertThatExceptionOfType(MessageTooLongException.class)
				.isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.satisfies((ex) -> assertThat(ex.length()).isEqualTo(0xFFFFFFFFL + 4));
		}
		finally {
			in.release();
		}
	}

	@Test
	void fourByteHeaderAnnouncingTwoGigabytesReportsTheSessionLimitWhenOneIsSet() {
		LengthFieldCodec<byte[]> codec = codec(4, ByteOrder.BIG_ENDIAN);
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("80000000"));
		try {
			assertThatExceptionOfType(MessageTooLongException.class)
				.isThrownBy(() -> codec.read(TestSessions.withMaxMsgLen(1 << 20), in))
				.satisfies((ex) -> {
					assertThat(ex.length()).isEqualTo(0x80000000L + 4);
					assertThat(ex.limit()).isEqualTo(1 << 20);
				});
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest(name = "header {0} {1}")
	@MethodSource("headers")
	void maxMsgLenCountsTheHeader(int headerLength, ByteOrder order) throws Exception {
		LengthFieldCodec<byte[]> codec = codec(headerLength, order);
		int maxMsgLen = 64;
		Session session = TestSessions.withMaxMsgLen(maxMsgLen);
		byte[] fits = random(maxMsgLen - headerLength, 5);
		byte[] fitsFrame = write(codec, fits);
		assertThat(fitsFrame).hasSize(maxMsgLen);
		ByteBuf in = Unpooled.wrappedBuffer(fitsFrame);
		try {
			assertThat(codec.read(session, in)).containsExactly(fits);
		}
		finally {
			in.release();
		}

		byte[] tooLongFrame = write(codec, random(maxMsgLen - headerLength + 1, 6));
		ByteBuf tooLong = Unpooled.wrappedBuffer(tooLongFrame);
		try {
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> codec.read(session, tooLong))
				.satisfies((ex) -> {
					assertThat(ex.length()).isEqualTo(maxMsgLen + 1L);
					assertThat(ex.limit()).isEqualTo(maxMsgLen);
				});
		}
		finally {
			tooLong.release();
		}
	}

	@Test
	void maxMsgLenIsReadFromTheSessionOnEveryRead() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(2, ByteOrder.BIG_ENDIAN);
		Session session = TestSessions.withMaxMsgLen(10);
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("000a" + "00".repeat(10)));
		try {
			assertThatExceptionOfType(MessageTooLongException.class).isThrownBy(() -> codec.read(session, in));
			session.setMaxMsgLen(12);
			assertThat(codec.read(session, in)).hasSize(10);
		}
		finally {
			in.release();
		}
	}

	@Test
	void payloadTooLargeForOneByteHeaderFailsAndLeavesTheOutBufferUnchanged() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(1, ByteOrder.BIG_ENDIAN);
		assertThat(write(codec, new byte[255])).hasSize(256);
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeBytes(new byte[] { 1, 2, 3 });
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> codec.write(TestSessions.unlimited(), new byte[256], out))
				.withMessageContaining("256-byte payload")
				.withMessageContaining("1-byte length header")
				.withMessageContaining("at most 255 bytes")
				.withMessageContaining(TestSessions.ENDPOINT_NAME);
			assertThat(out.writerIndex()).isEqualTo(3);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly(1, 2, 3);
		}
		finally {
			out.release();
		}
	}

	@Test
	void payloadTooLargeForTwoByteHeaderFailsAndLeavesTheOutBufferUnchanged() throws Exception {
		LengthFieldCodec<byte[]> codec = codec(2, ByteOrder.LITTLE_ENDIAN);
		assertThat(write(codec, new byte[65_535])).hasSize(65_537);
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> codec.write(TestSessions.unlimited(), new byte[65_536], out))
				.withMessageContaining("65536-byte payload")
				.withMessageContaining("2-byte length header")
				.withMessageContaining("at most 65535 bytes");
			assertThat(out.writerIndex()).isZero();
			assertThat(out.readerIndex()).isZero();
		}
		finally {
			out.release();
		}
	}

	// ---------------------------------------------------------------- malformed payloads

	@Test
	void payloadCodecThatDoesNotConsumeTheWholeFrameFails() {
		ReadWriter<Byte> firstByteOnly = new ReadWriter<>() {

			@Override
			public Byte read(Session session, ByteBuf in) {
				return in.readByte();
			}

			@Override
			public void write(Session session, Object pkg, ByteBuf out) {
				out.writeByte((Byte) pkg);
			}

			@Override
			public String toString() {
				return "FirstByteOnly";
			}

		};
		LengthFieldCodec<Byte> codec = LengthFieldCodec.builder().headerLength(2).payload(firstByteOnly).build();
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("0003010203" + "0001ff"));
		try {
			int writerIndex = in.writerIndex();
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.withMessageContaining("FirstByteOnly")
				.withMessageContaining("3-byte frame")
				.withMessageContaining(TestSessions.ENDPOINT_NAME)
				.withMessageContaining("session " + TestSessions.SESSION_ID);
			// the bad frame is skipped and the buffer bounds are restored
			assertThat(in.readerIndex()).isEqualTo(5);
			assertThat(in.writerIndex()).isEqualTo(writerIndex);
		}
		finally {
			in.release();
		}
	}

	@Test
	void payloadCodecReturningNullForACompleteFrameFails() {
		ReadWriter<Object> nothing = new ReadWriter<>() {

			@Override
			public Object read(Session session, ByteBuf in) {
				return null;
			}

			@Override
			public void write(Session session, Object pkg, ByteBuf out) {
			}

		};
		LengthFieldCodec<Object> codec = LengthFieldCodec.builder().headerLength(1).payload(nothing).build();
		ByteBuf in = Unpooled.wrappedBuffer(HEX.parseHex("02abcd"));
		try {
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.withMessageContaining("2-byte frame");
			assertThat(in.readerIndex()).isEqualTo(3);
			assertThat(in.writerIndex()).isEqualTo(3);
		}
		finally {
			in.release();
		}
	}

	@Test
	void payloadCodecFailureSkipsTheFrameAndRestoresTheWriterIndex() {
		LengthFieldCodec<Msg> codec = LengthFieldCodec.builder().headerLength(2).payload(JsonCodec.of(Msg.class)).build();
		ByteBuf in = Unpooled.buffer();
		try {
			in.writeBytes(HEX.parseHex("0005"));
			in.writeBytes("{\"Act".getBytes(StandardCharsets.US_ASCII));
			in.writeBytes(HEX.parseHex("0002"));
			in.writeBytes("{}".getBytes(StandardCharsets.US_ASCII));
			int writerIndex = in.writerIndex();
			assertThatExceptionOfType(CodecException.class).isThrownBy(() -> codec.read(TestSessions.unlimited(), in))
				.withMessageContaining(Msg.class.getName());
			assertThat(in.readerIndex()).isEqualTo(7);
			assertThat(in.writerIndex()).isEqualTo(writerIndex);
		}
		finally {
			in.release();
		}
	}

	@Test
	void payloadWriterFailurePropagatesTheCodecException() {
		LengthFieldCodec<byte[]> codec = codec(2, ByteOrder.BIG_ENDIAN);
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> codec.write(TestSessions.unlimited(), 12345, out))
				.withMessageContaining("java.lang.Integer");
		}
		finally {
			out.release();
		}
	}

	// ---------------------------------------------------------------- helpers

	private static LengthFieldCodec<byte[]> codec(int headerLength, ByteOrder order) {
		return LengthFieldCodec.builder().headerLength(headerLength).byteOrder(order).build();
	}

	private static byte[] write(LengthFieldCodec<byte[]> codec, byte[] payload) throws Exception {
		ByteBuf out = Unpooled.buffer();
		try {
			codec.write(TestSessions.unlimited(), payload, out);
			return ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

	private static void drain(LengthFieldCodec<byte[]> codec, Session session, ByteBuf in, List<String> decoded)
			throws Exception {
		byte[] pkg;
		while ((pkg = codec.read(session, in)) != null) {
			decoded.add(new String(pkg, StandardCharsets.US_ASCII));
		}
	}

	private static void writeHeader(ByteBuf buf, int headerLength, ByteOrder order, int length) {
		boolean big = order == ByteOrder.BIG_ENDIAN;
		switch (headerLength) {
			case 1 -> buf.writeByte(length);
			case 2 -> {
				if (big) {
					buf.writeShort(length);
				}
				else {
					buf.writeShortLE(length);
				}
			}
			default -> {
				if (big) {
					buf.writeInt(length);
				}
				else {
					buf.writeIntLE(length);
				}
			}
		}
	}

	private static String header(byte[] frame, int headerLength) {
		return hex(Arrays.copyOf(frame, headerLength));
	}

	private static String hex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, value);
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
