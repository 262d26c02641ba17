package io.getty.bench.harness.load;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * One client connection: writes framed messages and checks each reply in place, without
 * copying it: the length, the sequence number (order), the send stamp and every body
 * byte. The first mismatch fails the whole run.
 *
 * <p>
 * In a closed loop each reply triggers the next message, so {@code depth} messages stay
 * in flight; writes made while handling one read are flushed once, when the read batch
 * completes, as a well-behaved Netty client does. Messages written between two flushes
 * share one buffer (bodies sliced from the pattern excepted): the load generator has one
 * core, and with a buffer, a write and an outbound entry per message it spent more time
 * per small message than the fastest servers (docs/benchmarks.md).
 *
 * @author getty team
 * @since 0.1.0
 */
final class EchoConnection extends ByteToMessageDecoder {

	/** The most bytes of messages one shared buffer holds. */
	private static final int UNSENT_BYTES = 64 * 1024;

	private final LoadContext context;

	/** Where this connection's latencies go: the run's stats, or its server's in a paired run. */
	private final LoadStats group;

	private final int id;

	private final LongRing stamps;

	private final boolean startWhenActive;

	private ChannelHandlerContext ctx;

	private long nextSequence;

	private long expectedSequence;

	private long sent;

	private long received;

	private boolean needsFlush;

	/** Whether replies stop triggering new messages: the turn of another server (closed loop). */
	private boolean paused;

	/** Messages written since the last flush, not yet handed to the channel. */
	private @Nullable ByteBuf unsent;

	EchoConnection(LoadContext context, int id, boolean startWhenActive) {
		this(context, context.stats, id, startWhenActive);
	}

	EchoConnection(LoadContext context, LoadStats group, int id, boolean startWhenActive) {
		this.context = context;
		this.group = group;
		this.id = id;
		this.stamps = new LongRing(context.openLoop ? 64 : context.depth);
		this.nextSequence = Frames.firstSequence(id);
		this.expectedSequence = this.nextSequence;
		this.startWhenActive = startWhenActive;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		super.channelActive(ctx);
		if (this.startWhenActive) {
			resume();
		}
	}

	/**
	 * Put messages in flight up to {@code depth} and let each reply trigger the next
	 * (closed loop): at the start, and when this connection's server gets its turn.
	 */
	void resume() {
		this.paused = false;
		long burst = Math.min(this.context.depth - this.stamps.size(), this.context.messagesPerConnection - this.sent);
		long now = System.nanoTime();
		for (long i = 0; i < burst; i++) {
			send(now);
		}
		flushIfNeeded();
	}

	/**
	 * Stop sending when replies arrive; those in flight still arrive and are checked. The
	 * turn of this connection's server ended (closed loop).
	 */
	void pause() {
		this.paused = true;
	}

	/**
	 * Write one message, without flushing.
	 * @param stamp the send stamp: now in a closed loop, the intended send time in an open
	 * loop
	 */
	void send(long stamp) {
		int payloadSize = this.context.payloadSize;
		long sequence = this.nextSequence++;
		if (Frames.slicesBody(payloadSize)) {
			writeUnsent();
			ByteBuf preamble = this.ctx.alloc().buffer(Frames.PREAMBLE);
			Frames.write(preamble, payloadSize, sequence, stamp);
			this.ctx.write(preamble, this.ctx.voidPromise());
			this.ctx.write(Frames.slicedBody(payloadSize, sequence), this.ctx.voidPromise());
		}
		else {
			Frames.write(unsentWithRoom(Frames.HEADER + payloadSize), payloadSize, sequence, stamp);
		}
		this.stamps.add(stamp);
		this.sent++;
		this.context.stats.sent();
		if (this.group != this.context.stats) {
			this.group.sent();
		}
		this.needsFlush = true;
	}

	void flushIfNeeded() {
		if (this.needsFlush) {
			this.needsFlush = false;
			writeUnsent();
			this.ctx.flush();
		}
	}

	private ByteBuf unsentWithRoom(int frameSize) {
		if (this.unsent != null && this.unsent.writableBytes() < frameSize) {
			writeUnsent();
		}
		if (this.unsent == null) {
			// Room for a connection's messages in flight, within what one write sends well.
			int frames = (int) Math.max(1, Math.min(this.context.depth, UNSENT_BYTES / frameSize));
			this.unsent = this.ctx.alloc().buffer(frames * frameSize);
		}
		return this.unsent;
	}

	private void writeUnsent() {
		if (this.unsent != null) {
			this.ctx.write(this.unsent, this.ctx.voidPromise());
			this.unsent = null;
		}
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		if (this.unsent != null) {
			this.unsent.release();
			this.unsent = null;
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		int payloadSize = this.context.payloadSize;
		while (in.readableBytes() >= Frames.HEADER) {
			int index = in.readerIndex();
			int length = in.getInt(index);
			if (length != payloadSize) {
				failed(in, "a frame announces " + length + " bytes, every message has " + payloadSize);
				return;
			}
			if (in.readableBytes() < Frames.HEADER + length) {
				return;
			}
			if (!verify(in, index + Frames.HEADER, payloadSize)) {
				return;
			}
			in.skipBytes(Frames.HEADER + length);
			if (!this.context.openLoop && !this.paused && this.context.sending()
					&& this.sent < this.context.messagesPerConnection) {
				send(System.nanoTime());
			}
			if (this.received == this.context.messagesPerConnection) {
				this.context.finished(this);
			}
		}
	}

	private boolean verify(ByteBuf in, int payloadIndex, int payloadSize) {
		long sequence = in.getLong(payloadIndex);
		long stamp = in.getLong(payloadIndex + 8);
		if (this.stamps.size() == 0) {
			failed(in, "a reply with sequence " + sequence + " arrived, but nothing is in flight");
			return false;
		}
		if (sequence != this.expectedSequence) {
			failed(in, "reply out of order or lost: expected sequence " + this.expectedSequence + ", got " + sequence);
			return false;
		}
		long sentStamp = this.stamps.poll();
		if (stamp != sentStamp) {
			failed(in, "reply " + sequence + " carries send stamp " + stamp + ", sent with " + sentStamp);
			return false;
		}
		if (!Frames.bodyMatches(in, payloadIndex, payloadSize, sequence)) {
			failed(in, "reply " + sequence + " has a body that differs from what was sent");
			return false;
		}
		this.expectedSequence++;
		this.received++;
		long now = System.nanoTime();
		this.context.stats.replied(stamp, now);
		if (this.group != this.context.stats) {
			this.group.replied(stamp, now);
		}
		this.context.checkDrained();
		return true;
	}

	private void failed(ByteBuf in, String message) {
		in.skipBytes(in.readableBytes());
		this.context.fail("connection " + this.id + ": " + message);
		this.ctx.close();
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		flushIfNeeded();
		super.channelReadComplete(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.context.isClosing() && this.received < this.context.messagesPerConnection) {
			this.context.fail("connection " + this.id + " was closed by the server after " + this.received
					+ " replies, with " + this.stamps.size() + " in flight");
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		this.context.fail("connection " + this.id + ": " + cause);
		ctx.close();
	}

	/**
	 * Close the connection as the harness's own doing.
	 */
	void close() {
		this.ctx.close();
	}

}
