package io.getty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MessageSizeEstimator;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Coalesces a session's flushes: one per read batch, or one per event-loop turn for writes
 * made outside a read, as Netty's {@link FlushConsolidationHandler} does, with a different
 * rule for flushing early.
 *
 * <p>
 * Netty's handler also flushes the moment the channel turns unwritable, that is when the
 * replies of a read batch pass the write-buffer high-water mark (64 KiB by default). With
 * 16 KiB packages that made one write system call for every four replies instead of one
 * for the batch, cost getty's echo about a quarter more server CPU per message than a
 * hand-written Netty handler that flushes on read complete, and let the connections whose
 * replies went out first take turns ahead of the others (p50 0.1 ms, p99 9 ms). Here a
 * batch is flushed early only once its unflushed writes reach {@link #earlyFlushBytes}: at
 * most {@link #EARLY_FLUSH_BYTES}, and never more than half the session's
 * {@code max-outbound-bytes}, so that a read batch's replies are handed to the socket well
 * before writes would be refused for passing that limit.
 *
 * <p>
 * The count of unflushed bytes is reset when this handler flushes early and when a read
 * batch completes; flushes that Netty's handler makes on its own (after 256 flushes, or at
 * the end of an event-loop turn) are not seen, so the count can only run ahead of the truth,
 * which costs at most one extra, cheap flush per {@link #earlyFlushBytes} written.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ReadBatchFlushHandler extends FlushConsolidationHandler {

	/** Largest batch of unflushed writes, in bytes, before a flush inside a read batch. */
	static final long EARLY_FLUSH_BYTES = 512 * 1024;

	/** Flushes consolidated into one at most, as Netty's handler counts them. */
	private static final int EXPLICIT_FLUSH_AFTER_FLUSHES = 256;

	private final long earlyFlushBytes;

	private MessageSizeEstimator.Handle sizes;

	private long unflushedBytes;

	/**
	 * Create a handler for one session.
	 * @param maxOutboundBytes the session's {@code max-outbound-bytes}
	 * @param writeBufferHighWaterMark the session's high-water mark, the least early flush
	 */
	ReadBatchFlushHandler(long maxOutboundBytes, int writeBufferHighWaterMark) {
		super(EXPLICIT_FLUSH_AFTER_FLUSHES, true);
		this.earlyFlushBytes = Math.min(EARLY_FLUSH_BYTES,
				Math.max(writeBufferHighWaterMark, maxOutboundBytes / 2));
	}

	/**
	 * Return how many unflushed bytes make this handler flush without waiting for the end of
	 * the read batch.
	 * @return the bound in bytes
	 */
	long earlyFlushBytes() {
		return this.earlyFlushBytes;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
		this.sizes = ctx.channel().config().getMessageSizeEstimator().newHandle();
		super.handlerAdded(ctx);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		int size = this.sizes.size(msg);
		if (size > 0) {
			this.unflushedBytes += size;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void flush(ChannelHandlerContext ctx) throws Exception {
		if (this.unflushedBytes >= this.earlyFlushBytes) {
			this.unflushedBytes = 0;
			ctx.flush();
			return;
		}
		super.flush(ctx);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		this.unflushedBytes = 0;
		super.channelReadComplete(ctx);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		// Not a reason to flush: the byte bound above decides when a batch goes out early.
		ctx.fireChannelWritabilityChanged();
	}

}
