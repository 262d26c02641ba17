package io.getty.internal;

import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MessageSizeEstimator;

/**
 * Coalesces a session's flushes: a read batch's replies go out together, small batches at
 * the end of the event-loop turn, larger ones when their read completes; writes handed over
 * from other threads go out once per turn.
 *
 * <p>
 * This is where getty differs from Netty's {@code FlushConsolidationHandler}, which it
 * replaced, in two ways, both found with the benchmark (docs/benchmarks.md):
 * <ul>
 * <li>Netty's handler flushes a read batch when its read completes, before the event loop
 * reads the next ready channel. A batch of replies smaller than
 * {@link #DEFERRED_BATCH_BYTES} waits here for the end of the turn instead, so the ready
 * channels' requests are read first and all their replies written after, and peers that
 * answer quickly find more channels ready in the next turn: with 16 connections and one
 * 128-byte message in flight each, about 5 % less server CPU per message (Reactor Netty
 * flushes its sends from a task queued on the event loop, with the same effect). A
 * connection served alone waits no longer, since the task runs as soon as the read is
 * handled. Larger batches are not held: with 256 connections of 16 KiB batches, holding
 * every reply to the end of the turn cost about 20 % more server CPU per message.</li>
 * <li>Netty's handler also flushes the moment the channel turns unwritable, that is when
 * a batch's replies pass the write-buffer high-water mark (64 KiB by default). With
 * 16 KiB packages that made one write system call per four replies instead of one per
 * batch. Here a batch is flushed early only once its unflushed writes reach
 * {@link #earlyFlushBytes}: at most {@link #EARLY_FLUSH_BYTES}, and at most half the
 * session's {@code max-outbound-bytes} but never less than its high-water mark, so a
 * large batch is handed to the socket well before its writes would be refused for
 * passing that limit.</li>
 * </ul>
 *
 * <p>
 * A pending flush is also made before the channel is closed or disconnected, when an
 * exception reaches this handler and when the handler is removed, as Netty's handler does.
 *
 * @author getty team
 * @since 0.1.0
 */
final class TurnFlushHandler extends ChannelDuplexHandler {

	/** Largest batch of unflushed writes, in bytes, before a flush that does not wait for the turn's end. */
	static final long EARLY_FLUSH_BYTES = 512 * 1024;

	/**
	 * A read batch with fewer bytes of replies than this waits for the end of the turn; a
	 * larger one is flushed when its read completes, before its replies leave the cache.
	 */
	static final int DEFERRED_BATCH_BYTES = 8 * 1024;

	private final long earlyFlushBytes;

	private final Runnable endOfTurnFlush = this::endOfTurnFlush;

	private ChannelHandlerContext ctx;

	private MessageSizeEstimator.Handle sizes;

	/** Between a channelRead and its channelReadComplete. */
	private boolean reading;

	/** A flush was asked for and not yet passed on. */
	private boolean flushPending;

	/** The end-of-turn flush task is queued on the event loop. */
	private boolean flushQueued;

	private long unflushedBytes;

	/**
	 * Create a handler for one session.
	 * @param maxOutboundBytes the session's {@code max-outbound-bytes}
	 * @param writeBufferHighWaterMark the session's high-water mark, the least early flush
	 */
	TurnFlushHandler(long maxOutboundBytes, int writeBufferHighWaterMark) {
		this.earlyFlushBytes = Math.min(EARLY_FLUSH_BYTES,
				Math.max(writeBufferHighWaterMark, maxOutboundBytes / 2));
	}

	/**
	 * Return how many unflushed bytes make this handler flush without waiting for the end of
	 * the event-loop turn.
	 * @return the bound in bytes
	 */
	long earlyFlushBytes() {
		return this.earlyFlushBytes;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		this.sizes = ctx.channel().config().getMessageSizeEstimator().newHandle();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		flushIfPending();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.reading = true;
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		this.reading = false;
		if (this.flushPending) {
			if (this.unflushedBytes >= DEFERRED_BATCH_BYTES) {
				flushNow();
			}
			else {
				queueFlush();
			}
		}
		ctx.fireChannelReadComplete();
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
	public void flush(ChannelHandlerContext ctx) {
		if (this.unflushedBytes >= this.earlyFlushBytes) {
			flushNow();
			return;
		}
		this.flushPending = true;
		if (!this.reading) {
			queueFlush();
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.reading = false;
		flushIfPending();
		ctx.fireExceptionCaught(cause);
	}

	@Override
	public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.reading = false;
		flushIfPending();
		ctx.disconnect(promise);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.reading = false;
		flushIfPending();
		ctx.close(promise);
	}

	private void queueFlush() {
		if (this.flushQueued) {
			return;
		}
		this.flushQueued = true;
		try {
			// Runs after the event loop has handled every channel ready in this turn.
			this.ctx.channel().eventLoop().execute(this.endOfTurnFlush);
		}
		catch (RejectedExecutionException ex) {
			// The event loop is shutting down: flush now rather than leave the writes behind.
			this.flushQueued = false;
			flushNow();
		}
	}

	private void endOfTurnFlush() {
		this.flushQueued = false;
		flushIfPending();
	}

	private void flushIfPending() {
		if (this.flushPending) {
			flushNow();
		}
	}

	private void flushNow() {
		this.flushPending = false;
		this.unflushedBytes = 0;
		this.ctx.flush();
	}

}
