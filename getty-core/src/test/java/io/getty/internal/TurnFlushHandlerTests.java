package io.getty.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.getty.SessionOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TurnFlushHandler}: a small read batch's replies go out at the end of the
 * event-loop turn, or when its read completes if its session is served alone; a large
 * one's when its read completes, in one flush even past the
 * high-water mark; a batch larger than the early-flush bound goes out in parts of that size;
 * writes outside a read go out once per turn; closing or an exception flushes what is
 * pending.
 */
class TurnFlushHandlerTests {

	private static final int PACKAGE = 16 * 1024;

	private final FlushRecorder flushes = new FlushRecorder();

	private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);

	private Channel server;

	private Channel channel;

	@BeforeEach
	void connect() throws InterruptedException {
		// A real event loop: EmbeddedChannel's runs queued tasks as soon as they are queued.
		LocalAddress address = new LocalAddress(TurnFlushHandlerTests.class);
		this.server = new ServerBootstrap().group(this.loop)
			.channel(LocalServerChannel.class)
			.childHandler(new ChannelInboundHandlerAdapter() {
				@Override
				public void channelRead(ChannelHandlerContext ctx, Object msg) {
					ReferenceCountUtil.release(msg);
				}
			})
			.bind(address)
			.sync()
			.channel();
		this.channel = new Bootstrap().group(this.loop)
			.channel(LocalChannel.class)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK,
					new WriteBufferWaterMark(SessionOptions.DEFAULT_WRITE_BUFFER_LOW_WATER_MARK,
							SessionOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK))
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(TurnFlushHandlerTests.this.flushes,
								new TurnFlushHandler(SessionOptions.DEFAULT_MAX_OUTBOUND_BYTES,
										SessionOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK),
								new Echo());
				}
			})
			.connect(address)
			.sync()
			.channel();
	}

	@AfterEach
	void close() throws InterruptedException {
		this.channel.close().sync();
		this.server.close().sync();
		this.loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
	}

	@Test
	void aSmallReadBatchWaitsForTheEndOfTheTurnAfterATurnThatServedTwoSessions() {
		inOneTurn(() -> otherSessionsReplied(2));

		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			// Three reads of two 1 KiB replies each: less than DEFERRED_BATCH_BYTES.
			for (int read = 0; read < 3; read++) {
				this.channel.pipeline().fireChannelRead(new Replies(2, 1024));
			}
			this.channel.pipeline().fireChannelReadComplete();
		});

		assertThat(beforeTheTurnEnds).isEmpty();
		assertThat(this.flushes.messagesPerFlush).containsExactly(6);
	}

	@Test
	void aSmallReadBatchWaitsForTheEndOfTheTurnWhenAnotherSessionRepliedBeforeIt() {
		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			otherSessionsReplied(1);
			this.channel.pipeline().fireChannelRead(new Replies(2, 1024));
			this.channel.pipeline().fireChannelReadComplete();
		});

		assertThat(beforeTheTurnEnds).isEmpty();
		assertThat(this.flushes.messagesPerFlush).containsExactly(2);
	}

	@Test
	void aSessionServedAloneFlushesWhenItsReadCompletes() {
		// Ping-pong: one session replies per turn.
		List<List<Integer>> beforeEachTurnEnds = new ArrayList<>();
		List<Boolean> nextSessionAlone = new ArrayList<>();
		for (int turn = 0; turn < 3; turn++) {
			beforeEachTurnEnds.add(inOneTurn(() -> {
				this.channel.pipeline().fireChannelRead(new Replies(1, 128));
				this.channel.pipeline().fireChannelReadComplete();
			}));
			this.flushes.messagesPerFlush.clear();
		}
		// The handler's reply counts: another session replying after it is not alone.
		inOneTurn(() -> {
			this.channel.pipeline().fireChannelRead(new Replies(1, 128));
			this.channel.pipeline().fireChannelReadComplete();
			nextSessionAlone.add(EventLoopTurn.of(this.channel.eventLoop()).repliesReady());
		});

		assertThat(beforeEachTurnEnds).containsExactly(List.of(1), List.of(1), List.of(1));
		assertThat(nextSessionAlone).containsExactly(false);
	}

	@Test
	void aLargeReadBatchCountsTowardsTheTurnSoTheNextTurnHoldsSmallBatches() {
		inOneTurn(() -> {
			otherSessionsReplied(1);
			this.channel.pipeline().fireChannelRead(new Replies(1, PACKAGE));
			this.channel.pipeline().fireChannelReadComplete();
		});
		this.flushes.messagesPerFlush.clear();

		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			this.channel.pipeline().fireChannelRead(new Replies(1, 128));
			this.channel.pipeline().fireChannelReadComplete();
		});

		assertThat(beforeTheTurnEnds).isEmpty();
		assertThat(this.flushes.messagesPerFlush).containsExactly(1);
	}

	@Test
	void aLargeReadBatchIsFlushedOnceWhenItsReadCompletesEvenPastTheHighWaterMark() {
		List<Integer> beforeTheReadCompletes = new ArrayList<>();
		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			// Not served alone: the batch's size alone decides.
			otherSessionsReplied(1);
			// Three reads of four 16 KiB replies each: 192 KiB, three times the high-water
			// mark. Netty's FlushConsolidationHandler flushes when the channel turns
			// unwritable, after the fourth reply.
			for (int read = 0; read < 3; read++) {
				this.channel.pipeline().fireChannelRead(new Replies(4, PACKAGE));
			}
			beforeTheReadCompletes.addAll(this.flushes.messagesPerFlush);
			this.channel.pipeline().fireChannelReadComplete();
		});

		assertThat(beforeTheReadCompletes).isEmpty();
		assertThat(beforeTheTurnEnds).containsExactly(12);
	}

	@Test
	void aReadBatchPastTheEarlyFlushBoundGoesOutInPartsOfThatSize() {
		int perPart = (int) (TurnFlushHandler.EARLY_FLUSH_BYTES / PACKAGE);

		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			otherSessionsReplied(1);
			this.channel.pipeline().fireChannelRead(new Replies(perPart + 5, PACKAGE));
			this.channel.pipeline().fireChannelRead(new Replies(perPart, PACKAGE));
			this.channel.pipeline().fireChannelReadComplete();
		});

		assertThat(beforeTheTurnEnds).containsExactly(perPart, perPart, 5);
	}

	@Test
	void writesOutsideAReadAreFlushedOnceAtTheEndOfTheTurn() {
		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			for (int i = 0; i < 5; i++) {
				this.channel.pipeline().writeAndFlush(Unpooled.buffer(PACKAGE).writeZero(PACKAGE));
			}
		});

		assertThat(beforeTheTurnEnds).isEmpty();
		assertThat(this.flushes.messagesPerFlush).containsExactly(5);
	}

	@Test
	void closingFlushesWhatTheReadWroteFirst() {
		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			this.channel.pipeline().fireChannelRead(new Replies(3, PACKAGE));
			this.channel.close();
		});

		assertThat(beforeTheTurnEnds).containsExactly(3);
	}

	@Test
	void anExceptionFlushesWhatTheReadWroteFirst() {
		List<Integer> beforeTheTurnEnds = inOneTurn(() -> {
			this.channel.pipeline().fireChannelRead(new Replies(2, PACKAGE));
			this.channel.pipeline().fireExceptionCaught(new IllegalStateException("bad frame"));
		});

		assertThat(beforeTheTurnEnds).containsExactly(2);
	}

	@Test
	void theEarlyFlushBoundIsHalfTheOutboundLimitWithinTheHighWaterMarkAndTheCap() {
		assertThat(new TurnFlushHandler(4L << 20, 64 << 10).earlyFlushBytes())
			.isEqualTo(TurnFlushHandler.EARLY_FLUSH_BYTES);
		assertThat(new TurnFlushHandler(256 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(128 << 10);
		assertThat(new TurnFlushHandler(64 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(64 << 10);
		assertThat(new TurnFlushHandler(100 << 10, 64 << 10).earlyFlushBytes()).isEqualTo(64 << 10);
	}

	/**
	 * Run the steps as one task of the channel's event loop, which queues the tasks they
	 * submit until it ends, as a turn of a real event loop does.
	 * @return the flushes made before the turn ended
	 */
	private List<Integer> inOneTurn(Runnable steps) {
		List<Integer> beforeTheTurnEnds = new ArrayList<>();
		try {
			this.channel.eventLoop().submit(() -> {
				steps.run();
				beforeTheTurnEnds.addAll(this.flushes.messagesPerFlush);
			}).get(5, TimeUnit.SECONDS);
			// Tasks run in order: this one runs after whatever the turn queued.
			this.channel.eventLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return beforeTheTurnEnds;
	}

	/** Sessions of the same event loop, played by the test, had replies ready in this turn. */
	private void otherSessionsReplied(int sessions) {
		EventLoopTurn turn = EventLoopTurn.of(this.channel.eventLoop());
		for (int i = 0; i < sessions; i++) {
			turn.repliesReady();
		}
	}

	/** What the test sends as a read: the replies it asks for. */
	private record Replies(int packages, int bytes) {
	}

	/** Answers each {@link Replies} with its packages, each written and flushed, as a session does. */
	private static final class Echo extends ChannelInboundHandlerAdapter {

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			// The test fires it on purpose.
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			Replies replies = (Replies) msg;
			for (int i = 0; i < replies.packages(); i++) {
				ctx.pipeline().writeAndFlush(Unpooled.buffer(replies.bytes()).writeZero(replies.bytes()));
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
