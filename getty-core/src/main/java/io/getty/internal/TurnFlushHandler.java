package io.getty.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.MessageSizeEstimator;
import org.jspecify.annotations.Nullable;

/**
 * Coalesces a session's flushes: a read batch's replies go out together, small batches at
 * the end of the event-loop turn (at once when the session is served alone), larger ones
 * when their read completes; writes handed over from other threads go out once per turn.
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
 * flushes its sends from a task queued on the event loop, with the same effect). The
 * held flushes of all sessions of an event loop run once per turn, as the loop's I/O is
 * done ({@link EventLoopTurn}), not one by one. A session served alone (no other
 * replied before it in this turn, at most one in the turn before: ping-pong, or a quiet
 * server) flushes when its read completes, as Netty's handler does: waiting would put the
 * end of the turn between its request and its reply and gain nothing. Larger batches are not
 * held: with 256 connections of 16 KiB batches, holding every reply to the end of the
 * turn cost about 20 % more server CPU per message.</li>
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
 * On TCP the handler also holds the session's open {@link PackageBuffer}: small packages
 * written on the I/O thread are encoded into it and it is written as one message when the
 * handler flushes (at the latest when the batch reaches the early-flush bound, which
 * bounds the buffer too), or before any other write passes this handler, so that the
 * stream keeps the order in which the packages were written.
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
	 * A read batch with fewer bytes of replies than this waits for the end of the turn,
	 * unless its session is served alone; a larger one is flushed when its read completes,
	 * before its replies leave the cache.
	 */
	static final int DEFERRED_BATCH_BYTES = 8 * 1024;

	private final long earlyFlushBytes;

	private final Runnable endOfTurnFlush = this::endOfTurnFlush;

	private ChannelHandlerContext ctx;

	/** The turns of this channel's event loop, which run the held flushes; set at the first one. */
	private @Nullable EventLoopTurn turn;

	private MessageSizeEstimator.Handle sizes;

	/** Between a channelRead and its channelReadComplete. */
	private boolean reading;

	/** A flush was asked for and not yet passed on. */
	private boolean flushPending;

	/** The end-of-turn flush is asked for in this turn. */
	private boolean flushQueued;

	private long unflushedBytes;

	/** Small packages encoded together, not yet handed to Netty. */
	private @Nullable PackageBuffer packageBuffer;

	/** Bytes of the package buffers since the last flush. */
	private int sharedBytes;

	/** Bytes of the package buffers the last flush wrote: the guess for the next one's size. */
	private int previousSharedBytes;

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
			// Every replying session counts towards the turn's, the large batches too.
			boolean alone = turn().repliesReady();
			if (alone || this.unflushedBytes >= DEFERRED_BATCH_BYTES) {
				flushNow();
			}
			else {
				queueFlush();
			}
		}
		ctx.fireChannelReadComplete();
	}

	/**
	 * Return whether something was written since the last flush: then a small package
	 * written now shares a buffer. The first package after a flush is written on its own,
	 * so that a session answering one request per turn (ping-pong, or many connections
	 * with one request in flight each) writes exactly as without sharing.
	 * @return whether a flush is pending
	 */
	boolean writtenSinceFlush() {
		return this.flushPending;
	}

	/**
	 * Return the open package buffer, grown if need be to take a package of the given
	 * size, or a new one; the handler writes it with its turn's flush, or before the next
	 * write that does not share it.
	 * @param bytes the package's encoded size (its writer's hint)
	 * @return the buffer to encode the package into, then {@link #appended} it
	 */
	PackageBuffer packageBufferWithRoom(int bytes) {
		PackageBuffer open = this.packageBuffer;
		if (open != null) {
			open.makeRoomFor(bytes);
			return open;
		}
		open = new PackageBuffer(this.ctx.alloc().ioBuffer(PackageBuffer.bufferCapacity(bytes,
				Math.max(this.previousSharedBytes, this.sharedBytes))));
		this.packageBuffer = open;
		// An open package buffer always has its flush pending, so every path that
		// flushes writes it.
		this.flushPending = true;
		if (!this.reading) {
			queueFlush();
		}
		return open;
	}

	/**
	 * Count a package just added to the open package buffer towards the unflushed bytes.
	 * @param bytes its size
	 */
	void appended(int bytes) {
		this.sharedBytes += bytes;
		this.unflushedBytes += bytes;
		if (this.unflushedBytes >= this.earlyFlushBytes) {
			flushNow();
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.packageBuffer != null) {
			// Whatever is written now was written after the buffer's packages.
			writePackageBuffer();
		}
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

	/**
	 * Flush what is pending now, not at the end of the turn: for a session's last write
	 * before it closes. A handler in front of this one may close the channel before the
	 * turn ends (Netty's WebSocket protocol handler does, after an exception), and what
	 * was held here would never be written.
	 */
	void flushPendingNow() {
		this.reading = false;
		flushIfPending();
	}

	private void queueFlush() {
		if (this.flushQueued) {
			return;
		}
		this.flushQueued = true;
		turn().flushAtEnd(this.endOfTurnFlush);
	}

	private EventLoopTurn turn() {
		EventLoopTurn current = this.turn;
		if (current == null) {
			current = EventLoopTurn.of(this.ctx.channel().eventLoop());
			this.turn = current;
		}
		return current;
	}

	/** The end of the event-loop turn in which a flush was held (see {@link EventLoopTurn}). */
	private void endOfTurnFlush() {
		this.flushQueued = false;
		flushIfPending();
	}

	private void flushIfPending() {
		if (this.flushPending) {
			flushNow();
		}
	}

	private void writePackageBuffer() {
		PackageBuffer open = this.packageBuffer;
		this.packageBuffer = null;
		if (open.isEmpty()) {
			open.buffer().release();
			return;
		}
		this.ctx.write(open.buffer(), new WritePromise(this.ctx.channel(), open));
	}

	private void flushNow() {
		if (this.packageBuffer != null) {
			writePackageBuffer();
		}
		this.previousSharedBytes = this.sharedBytes;
		this.sharedBytes = 0;
		this.flushPending = false;
		this.unflushedBytes = 0;
		this.ctx.flush();
	}

}
