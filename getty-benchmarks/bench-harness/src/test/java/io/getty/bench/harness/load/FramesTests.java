package io.getty.bench.harness.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Frames}: a message written whole or as preamble plus a slice of the
 * pattern carries the same bytes, and the body check finds a single changed byte.
 */
class FramesTests {

	@ParameterizedTest
	@ValueSource(ints = { 16, 128, 4096 + 15, 4096 + 16, 16 * 1024 })
	void aMessageReadsBackTheSameWholeOrSliced(int payloadSize) {
		long sequence = Frames.firstSequence(3) + 7;
		ByteBuf frame = Unpooled.buffer();
		try {
			Frames.write(frame, payloadSize, sequence, 42L);
			if (Frames.slicesBody(payloadSize)) {
				assertThat(frame.readableBytes()).isEqualTo(Frames.PREAMBLE);
				frame.writeBytes(Frames.slicedBody(payloadSize, sequence));
			}
			assertThat(frame.readableBytes()).isEqualTo(Frames.HEADER + payloadSize);
			assertThat(frame.getInt(0)).isEqualTo(payloadSize);
			assertThat(Frames.bodyMatches(frame, Frames.HEADER, payloadSize, sequence)).isTrue();
			if (payloadSize > Frames.MIN_PAYLOAD) {
				assertThat(Frames.bodyMatches(frame, Frames.HEADER, payloadSize, sequence + 1)).isFalse();
				int last = frame.writerIndex() - 1;
				frame.setByte(last, frame.getByte(last) ^ 1);
				assertThat(Frames.bodyMatches(frame, Frames.HEADER, payloadSize, sequence)).isFalse();
			}
		}
		finally {
			frame.release();
		}
	}

	@Test
	void onlyBodiesOfFourKibibytesOrMoreAreSliced() {
		assertThat(Frames.slicesBody(128)).isFalse();
		assertThat(Frames.slicesBody(Frames.MIN_PAYLOAD + 4095)).isFalse();
		assertThat(Frames.slicesBody(Frames.MIN_PAYLOAD + 4096)).isTrue();
		assertThat(Frames.slicesBody(16 * 1024)).isTrue();
	}

}
