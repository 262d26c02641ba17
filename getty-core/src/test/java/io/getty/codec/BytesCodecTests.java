package io.getty.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BytesCodec}.
 */
class BytesCodecTests {

	private final BytesCodec codec = BytesCodec.instance();

	@Test
	void instanceIsShared() {
		assertThat(BytesCodec.instance()).isSameAs(this.codec);
		assertThat(this.codec).hasToString("BytesCodec");
	}

	@Test
	void readTakesAllReadableBytes() {
		ByteBuf in = Unpooled.buffer();
		try {
			in.writeBytes(new byte[] { 9, 9, 1, 2, 3, (byte) 0xFF });
			in.readerIndex(2);
			assertThat(this.codec.read(TestSessions.unlimited(), in)).containsExactly(1, 2, 3, 0xFF);
			assertThat(in.readerIndex()).isEqualTo(6);
			assertThat(in.writerIndex()).isEqualTo(6);
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@Test
	void readReturnsACopyThatDoesNotShareMemoryWithTheBuffer() {
		byte[] source = { 1, 2, 3 };
		ByteBuf in = Unpooled.wrappedBuffer(source);
		try {
			byte[] read = this.codec.read(TestSessions.unlimited(), in);
			assertThat(read).isNotSameAs(source).containsExactly(1, 2, 3);
			in.setByte(0, 7);
			assertThat(read).containsExactly(1, 2, 3);
		}
		finally {
			in.release();
		}
	}

	@Test
	void emptyInputIsAnEmptyPackageSoAZeroLengthFrameDecodes() {
		ByteBuf in = Unpooled.buffer();
		try {
			assertThat(this.codec.read(TestSessions.unlimited(), in)).isEmpty();
			assertThat(in.readerIndex()).isZero();
		}
		finally {
			in.release();
		}
	}

	@Test
	void writeOfAByteArrayCopiesIt() {
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeByte(0);
			this.codec.write(TestSessions.unlimited(), new byte[] { 1, 2, (byte) 0x80 }, out);
			this.codec.write(TestSessions.unlimited(), new byte[0], out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly(0, 1, 2, 0x80);
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeOfAByteBufCopiesItsReadableBytesWithoutConsumingOrReleasingIt() {
		ByteBuf pkg = Unpooled.buffer();
		ByteBuf out = Unpooled.buffer();
		try {
			pkg.writeBytes(new byte[] { 1, 2, 3, 4, 5 });
			pkg.readerIndex(2);
			this.codec.write(TestSessions.unlimited(), pkg, out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly(3, 4, 5);
			assertThat(pkg.refCnt()).isEqualTo(1);
			assertThat(pkg.readerIndex()).isEqualTo(2);
			assertThat(pkg.writerIndex()).isEqualTo(5);
		}
		finally {
			pkg.release();
			out.release();
		}
	}

	@Test
	void writeOfACharSequenceEncodesItAsUtf8() {
		ByteBuf out = Unpooled.buffer();
		try {
			this.codec.write(TestSessions.unlimited(), "é", out);
			this.codec.write(TestSessions.unlimited(), new StringBuilder("😀"), out);
			assertThat(ByteBufUtil.getBytes(out)).containsExactly("é😀".getBytes(StandardCharsets.UTF_8));
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeOfAnUnsupportedTypeFailsNamingTheType() {
		ByteBuf out = Unpooled.buffer();
		try {
			for (Object pkg : List.of(42, List.of(1), new Object())) {
				assertThatExceptionOfType(CodecException.class)
					.isThrownBy(() -> this.codec.write(TestSessions.unlimited(), pkg, out))
					.withMessageContaining("BytesCodec")
					.withMessageContaining(pkg.getClass().getName());
			}
			assertThat(out.writerIndex()).isZero();
		}
		finally {
			out.release();
		}
	}

	@Test
	void writtenBytesReadBack() {
		ByteBuf buf = Unpooled.buffer();
		try {
			byte[] payload = { 0, 1, 2, (byte) 0xFE, (byte) 0xFF };
			this.codec.write(TestSessions.unlimited(), payload, buf);
			assertThat(this.codec.read(TestSessions.unlimited(), buf)).containsExactly(payload);
		}
		finally {
			buf.release();
		}
	}

}
