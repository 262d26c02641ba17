package io.getty.fuzz;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.getty.Session;
import io.getty.codec.BytesCodec;
import io.getty.codec.CodecException;
import io.getty.codec.JsonCodec;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.PackageReader;
import io.getty.codec.ReadWriter;
import io.getty.codec.StringCodec;
import io.getty.fuzz.DecoderDriver.Decoded;
import io.getty.fuzz.DecoderDriver.Outcome;
import io.getty.fuzz.FuzzMessages.Msg;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz targets for {@link LengthFieldCodec}'s decoder, with 1, 2 and 4-byte headers in both
 * byte orders (bits 4-7 of the options byte, modulo 6, pick one; see {@link FuzzInput})
 * and with {@link BytesCodec}, {@link StringCodec} and {@link JsonCodec} payloads.
 *
 * <p>
 * Besides the {@link DecoderDriver} contract checks, each target compares what the codec
 * decoded from two arrivals with a model that reads the whole stream at once, frame by
 * frame: the same packages, then the same end (waiting with the same bytes buffered, or
 * the same exception type). In particular a header that announces more than max-msg-len
 * (or more than fits a Java array, such as a 4-byte header announcing 2 GB) throws
 * {@link MessageTooLongException} naming the announced length as soon as the header is
 * readable, without waiting for the body and without allocating for it. Every package
 * is written back: bytes and text give the very frame they came from, JSON an equal
 * package; JSON packages are never anything but the declared type.
 */
@ExtendWith(RegressionMode.class)
class LengthFieldCodecFuzzTests {

	private static final int[] HEADER_LENGTHS = { 1, 2, 4 };

	private static final List<LengthFieldCodec<byte[]>> BYTES = codecs(BytesCodec.instance());

	private static final List<LengthFieldCodec<String>> STRINGS = codecs(StringCodec.instance());

	private static final List<LengthFieldCodec<Msg>> JSON = codecs(FuzzMessages.CODEC);

	@FuzzTest(maxDuration = "90s")
	void bytesPayload(byte[] data) throws Exception {
		check(BYTES, FuzzInput.parse(data), (session, payload) -> payload, (session, codec, frame, pkg) -> {
			assertThat(pkg).isEqualTo(Arrays.copyOfRange(frame, codec.headerLength(), frame.length));
			assertThat(write(session, codec, pkg)).isEqualTo(frame);
		});
	}

	@FuzzTest(maxDuration = "90s")
	void stringPayload(byte[] data) throws Exception {
		check(STRINGS, FuzzInput.parse(data), (session, payload) -> {
			String text = Utf8Model.decode(payload);
			if (text == null) {
				throw new CodecException("model: not UTF-8");
			}
			return text;
		}, (session, codec, frame, pkg) -> assertThat(write(session, codec, pkg)).isEqualTo(frame));
	}

	@DictionaryEntries({ "{", "}", "[", "]", "\"act\":", "\"seq\":", "\"tags\":", "\"inner\":", "\"ok\":",
			"\"counts\":", "\"extra\":", "\"@class\":", "\"io.getty.fuzz.FuzzMessages$Canary\"", "\"jaz.Zer\"", "null",
			"true", "false", "1e400", "-0", "\"\\ud800\"" })
	@FuzzTest(maxDuration = "90s")
	void jsonPayload(byte[] data) throws Exception {
		check(JSON, FuzzInput.parse(data), (session, payload) -> {
			ByteBuf in = Unpooled.wrappedBuffer(payload);
			Msg msg = FuzzMessages.CODEC.read(session, in);
			if (msg == null || in.isReadable()) {
				throw new CodecException("model: not one whole JSON document");
			}
			return msg;
		}, (session, codec, frame, pkg) -> {
			FuzzMessages.checkDecoded(session, FuzzMessages.CODEC,
					Arrays.copyOfRange(frame, codec.headerLength(), frame.length), pkg);
			// Written back, the JSON may be longer than the frame it came from: no limit here.
			ByteBuf framed = Unpooled.wrappedBuffer(write(session, codec, pkg));
			assertThat(codec.read(FuzzSessions.withMaxMsgLen(0), framed)).isEqualTo(pkg);
			assertThat(framed.isReadable()).isFalse();
		});
		FuzzMessages.checkNoCanary();
	}

	private static <T> void check(List<LengthFieldCodec<T>> codecs, FuzzInput input, PayloadModel<T> payloadModel,
			PackageCheck<T> packageCheck) throws Exception {
		LengthFieldCodec<T> codec = codecs.get(input.variant() % codecs.size());
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		Outcome<T> outcome = DecoderDriver.drive(new HeaderCheckingReader<>(codec, input), input, true);
		Model<T> model = model(codec, input, payloadModel);

		assertThat(outcome.packages()).as("packages of %s", codec).hasSameSizeAs(model.packages());
		for (int i = 0; i < model.packages().size(); i++) {
			Decoded<T> decoded = outcome.packages().get(i);
			assertThat(decoded.pkg()).as("package %d", i).isEqualTo(model.packages().get(i));
			packageCheck.check(session, codec, decoded.frame(), decoded.pkg());
		}
		if (model.failure() == null) {
			assertThat(outcome.failure()).as("failure of %s", codec).isNull();
			assertThat(outcome.pending()).as("bytes waiting for more").isEqualTo(model.pending());
		}
		else {
			assertThat(outcome.failure()).as("failure of %s", codec).isInstanceOf(model.failure());
		}
		if (outcome.failure() instanceof MessageTooLongException tooLong && !outcome.failedInSession()) {
			// Thrown from the header alone: the announced length, before the body.
			long announced = codec.headerLength() + header(codec, outcome.failedInput(), 0);
			assertThat(tooLong.length()).isEqualTo(announced);
			assertThat(tooLong.limit()).isEqualTo(input.exceedsLimit(announced) ? input.maxMsgLen()
					: maxPayload(codec) + codec.headerLength());
		}
	}

	/** Read the whole stream frame by frame, as the codec should. */
	private static <T> Model<T> model(LengthFieldCodec<T> codec, FuzzInput input, PayloadModel<T> payloadModel) {
		byte[] stream = input.stream();
		Session session = FuzzSessions.withMaxMsgLen(0);
		int h = codec.headerLength();
		Model<T> model = new Model<>();
		int pos = 0;
		while (pos < stream.length) {
			int remaining = stream.length - pos;
			if (remaining < h) {
				break;
			}
			long length = header(codec, stream, pos);
			long frameLength = h + length;
			if (input.exceedsLimit(frameLength) || length > maxPayload(codec)) {
				return model.fail(MessageTooLongException.class);
			}
			if (remaining < frameLength) {
				break;
			}
			try {
				model.packages().add(payloadModel.decode(session,
						Arrays.copyOfRange(stream, pos + h, pos + (int) frameLength)));
			}
			catch (CodecException ex) {
				return model.fail(CodecException.class);
			}
			pos += (int) frameLength;
		}
		model.pending = Arrays.copyOfRange(stream, pos, stream.length);
		if (input.exceedsLimit(model.pending.length)) {
			// Possible only for a limit shorter than the header: the session's own limit.
			return model.fail(MessageTooLongException.class);
		}
		return model;
	}

	private static long header(LengthFieldCodec<?> codec, byte[] bytes, int index) {
		long value = 0;
		for (int i = 0; i < codec.headerLength(); i++) {
			int b = bytes[index + i] & 0xFF;
			value = (codec.byteOrder() == ByteOrder.BIG_ENDIAN) ? (value << 8) | b : value | ((long) b << (8 * i));
		}
		return value;
	}

	private static long maxPayload(LengthFieldCodec<?> codec) {
		return (codec.headerLength() == 4) ? Integer.MAX_VALUE - 8 - 4 : (1L << (8 * codec.headerLength())) - 1;
	}

	private static byte[] write(Session session, LengthFieldCodec<?> codec, Object pkg) throws Exception {
		ByteBuf out = DecoderDriver.scratchBuffer();
		try {
			codec.write(session, pkg, out);
			return ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

	private static <T> List<LengthFieldCodec<T>> codecs(ReadWriter<T> payload) {
		return Arrays.stream(HEADER_LENGTHS)
			.boxed()
			.flatMap((h) -> List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)
				.stream()
				.map((order) -> LengthFieldCodec.builder().headerLength(h).byteOrder(order).payload(payload).build()))
			.toList();
	}

	/**
	 * Delegates to the codec, failing when a readable header announces too long a frame
	 * and the codec did not throw at once: neither waiting for the body nor decoding it is
	 * allowed then.
	 */
	private static final class HeaderCheckingReader<T> implements PackageReader<T> {

		private final LengthFieldCodec<T> codec;

		private final FuzzInput input;

		HeaderCheckingReader(LengthFieldCodec<T> codec, FuzzInput input) {
			this.codec = codec;
			this.input = input;
		}

		@Override
		public @Nullable T read(Session session, ByteBuf in) throws Exception {
			int h = this.codec.headerLength();
			long length = (in.readableBytes() >= h)
					? header(this.codec, ByteBufUtil.getBytes(in, in.readerIndex(), h), 0) : -1;
			T pkg = this.codec.read(session, in);
			if (length >= 0) {
				assertThat(this.input.exceedsLimit(h + length) || length > maxPayload(this.codec))
					.as("%s returned %s instead of throwing MessageTooLongException for a header announcing %d bytes"
							+ " with max-msg-len %d", this.codec, (pkg != null) ? "a package" : "null", length,
							this.input.maxMsgLen())
					.isFalse();
			}
			return pkg;
		}

		@Override
		public String toString() {
			return this.codec.toString();
		}

	}

	/** Decodes one whole payload as the payload codec should. */
	@FunctionalInterface
	private interface PayloadModel<T> {

		T decode(Session session, byte[] payload) throws CodecException;

	}

	/** Checks one decoded package against the frame it came from. */
	@FunctionalInterface
	private interface PackageCheck<T> {

		void check(Session session, LengthFieldCodec<T> codec, byte[] frame, T pkg) throws Exception;

	}

	/** What the model read: packages, then the bytes left or the exception type. */
	private static final class Model<T> {

		private final List<T> packages = new java.util.ArrayList<>();

		private byte[] pending = new byte[0];

		private @Nullable Class<? extends RuntimeException> failure;

		List<T> packages() {
			return this.packages;
		}

		byte[] pending() {
			return this.pending;
		}

		@Nullable Class<? extends RuntimeException> failure() {
			return this.failure;
		}

		Model<T> fail(Class<? extends RuntimeException> type) {
			this.failure = Objects.requireNonNull(type);
			return this;
		}

	}

}
