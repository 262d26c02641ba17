package io.getty.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the leak check can fail: a buffer dropped without release is reported.
 */
class LeakDetectionSelfTests {

	@Test
	void droppedBufferIsReported() {
		leakOneBuffer();
		assertThat(LeakRecorder.collect()).anySatisfy((report) -> assertThat(report).startsWith("LEAK: ByteBuf"));
	}

	private static void leakOneBuffer() {
		ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(16);
		buf.writeInt(1);
		// Deliberately not released.
	}

}
