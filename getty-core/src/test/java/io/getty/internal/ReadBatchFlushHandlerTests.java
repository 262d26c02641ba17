package io.getty.internal;

import java.util.ArrayList;
import java.util.List;

import io.getty.SessionOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadBatchFlushHandler}: a read batch's replies go out in one flush when
 * the batch completes, even past the high-water mark; a batch larger than the early-flush
 * bound goes out in parts of that size. (Writes outside a read are Netty's handler's
 * business, unchanged; EmbeddedChannel runs scheduled tasks after every write, so they are
 * covered by the integration tests on real channels.)
 */
class ReadBatchFlushHandlerTests {

	private static final int PACKAGE = 16 * 1024;

	private final FlushRecorder flushes = new FlushRecorder();

	private EmbeddedChannel channel;

	@BeforeEach
	void openChannel() {
		this.channel = new EmbeddedChannel();
		this.channel.config()
			.setWriteBufferWaterMark(new WriteBufferWaterMark(SessionOptions.DEFAULT_WRITE_BUFFER_LOW_WATER_MARK,
					SessionOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK));
		this.channel.pipeline()
			.addLast(this.flushes,
					new ReadBatchFlushHandler(SessionOptions.DEFAULT_MAX_OUTBOUND_BYTES,
							SessionOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK),
					new Echo());
	}

	@AfterEach
	void closeChannel() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void aReadBatchIsFlushedOnceWhenItCompletesEvenPastTheHighWaterMark() {
		// Three reads of four 16 KiB packages each: 192 KiB of replies, three times the
		// high-water mark. Netty's FlushConsolidationHandler flushes when the channel turns
		// unwritable, after the fourth reply.
		for (int read = 0; read < 3; read++) {
			this.channel.pipeline().fireChannelRead(4);
		}
		assertThat(this.channel.isWritable()).isFalse();
		assertThat(this.flushes.messagesPerFlush).isEmpty();

		this.channel.pipeline().fireChannelReadComplete();

		assertThat(this.flushes.messagesPerFlush).containsExactly(12);
	}

	@Test
	void aReadBatchPastTheEarlyFlushBoundGoesOutInPartsOfThatSize() {
		int perPart = (int) (ReadBatchFlushHandler.EARLY_FLUSH_BYTES / PACKAGE);

		this.channel.pipeline().fireChannelRead(perPart + 5);

		assertThat(this.flushes.messagesPerFlush).containsExactly(perPart);

		this.channel.pipeline().fireChannelRead(perPart);
		this.channel.pipeline().fireChannelReadComplete();

		assertThat(this.flushes.messagesPerFlush).containsExactly(perPart, perPart, 5);
	}

	@Test
	void theEarlyFlushBoundIsHalfTheOutboundLimitWithinTheHighWaterMarkAndTheCap() {
		assertThat(new ReadBatchFlushHandler(4L << 20, 64 << 10).earlyFlushBytes())
			.isEqualTo(ReadBatchFlushHandler.EARLY_FLUSH_BYTES);
		assertThat(new ReadBatchFlushHandler(256 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(128 << 10);
		assertThat(new ReadBatchFlushHandler(64 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(64 << 10);
		assertThat(new ReadBatchFlushHandler(100 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(64 << 10);
	}

	/** Answers a read of {@code n} with n packages of 16 KiB, each written and flushed, as a session does. */
	private static final class Echo extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			int packages = (Integer) msg;
			for (int i = 0; i < packages; i++) {
				ctx.pipeline().writeAndFlush(Unpooled.buffer(PACKAGE).writeZero(PACKAGE));
			}
		}

	}

	/** Sits next to the head and records how many messages each flush that reaches it carries. */
	private static final class FlushRecorder extends ChannelOutboundHandlerAdapter {

		private final List<Integer> messagesPerFlush = new ArrayList<>();

		private int unflushed;

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			this.unflushed++;
			ctx.write(msg, promise);
		}

		@Override
		public void flush(ChannelHandlerContext ctx) {
			if (this.unflushed > 0) {
				this.messagesPerFlush.add(this.unflushed);
				this.unflushed = 0;
			}
			ctx.flush();
		}

	}

}
