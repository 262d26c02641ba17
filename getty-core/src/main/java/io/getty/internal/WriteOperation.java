package io.getty.internal;

import java.nio.channels.ClosedChannelException;
import java.util.Objects;

import io.getty.SessionClosedException;
import io.getty.WriteResult;
import io.netty.channel.socket.ChannelOutputShutdownException;
import org.jspecify.annotations.Nullable;

/**
 * One write: the caller's future, and the task that hands the bytes to Netty when the
 * caller is not on the I/O thread. One object plays both roles so a write allocates as
 * little as possible; its {@link WritePromise} reports Netty's outcome back to it.
 */
final class WriteOperation extends IoThreadGuardedFuture<WriteResult> implements Runnable, WriteOutcome {

	private final NettySession session;

	/** The message to hand to Netty, for a write submitted on another thread; {@code null} for a package in a shared buffer. */
	private final @Nullable Object message;

	private final int bytes;

	private final int packages;

	final long deadlineNanos;

	/**
	 * Made while its session's I/O thread delivered a read, and left for the end of that
	 * turn to check instead of being tracked for its write timeout at once (see
	 * {@link EventLoopTurn#checkWriteAtEnd}); cleared when it finishes or at the check.
	 * I/O thread only.
	 */
	boolean awaitsEndOfTurn;

	WriteOperation(NettySession session, @Nullable Object message, int bytes, int packages, long deadlineNanos) {
		super(session.channel().eventLoop());
		this.session = session;
		this.message = message;
		this.bytes = bytes;
		this.packages = packages;
		this.deadlineNanos = deadlineNanos;
	}

	NettySession session() {
		return this.session;
	}

	int bytes() {
		return this.bytes;
	}

	/** Hand the bytes of a write submitted on another thread to Netty; runs on the I/O thread. */
	@Override
	public void run() {
		this.session.writeSubmittedElsewhere(this, Objects.requireNonNull(this.message));
	}

	@Override
	public void succeeded() {
		this.session.writeFinished(this, true, this.bytes, this.packages);
		complete(this.session.writeResult(this.bytes, this.packages));
	}

	@Override
	public void failed(Throwable cause) {
		this.session.writeFinished(this, false, this.bytes, this.packages);
		completeExceptionally((cause instanceof ClosedChannelException || cause instanceof ChannelOutputShutdownException)
				? new SessionClosedException(this.session.describe() + " closed before " + this.bytes
						+ " bytes could be written; the write was not retried")
				: cause);
	}

}
