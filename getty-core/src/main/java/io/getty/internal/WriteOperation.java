package io.getty.internal;

import java.nio.channels.ClosedChannelException;

import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * One write: the caller's future, the task that hands the bytes to Netty when the caller
 * is not on the I/O thread, and the listener that reports Netty's outcome. One object
 * plays all three roles so a write allocates as little as possible.
 */
final class WriteOperation extends IoThreadGuardedFuture<WriteResult> implements Runnable, ChannelFutureListener {

	private final NettySession session;

	private final Object message;

	private final int bytes;

	private final int packages;

	final long deadlineNanos;

	WriteOperation(NettySession session, Object message, int bytes, int packages, long deadlineNanos) {
		super(session.channel().eventLoop());
		this.session = session;
		this.message = message;
		this.bytes = bytes;
		this.packages = packages;
		this.deadlineNanos = deadlineNanos;
	}

	int bytes() {
		return this.bytes;
	}

	/** Hand the bytes to Netty; runs on the I/O thread. */
	@Override
	public void run() {
		this.session.writeOnIoThread(this, this.message);
	}

	@Override
	public void operationComplete(ChannelFuture future) {
		this.session.writeFinished(this, future.isSuccess(), this.bytes, this.packages);
		if (future.isSuccess()) {
			complete(new WriteResult(this.bytes, this.packages));
		}
		else {
			Throwable cause = future.cause();
			completeExceptionally((cause instanceof ClosedChannelException)
					? new SessionClosedException(this.session.describe() + " closed before " + this.bytes
							+ " bytes could be written; the write was not retried")
					: cause);
		}
	}

}
