package io.getty.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a session accepted for writing that Netty has not yet written, held against
 * the session's {@code max-outbound-bytes}. A write from the session's own I/O thread,
 * the common case (a listener answering), updates a counter only that thread writes, so
 * it costs no atomic instruction; each one is a full fence, and two per write showed in
 * the echo benchmark's profile. A write from another thread reserves its bytes in an
 * atomic counter until the I/O thread takes it over.
 */
final class OutboundBytes {

	private static final VarHandle ON_IO_THREAD;

	static {
		try {
			ON_IO_THREAD = MethodHandles.lookup().findVarHandle(OutboundBytes.class, "onIoThread", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long limit;

	/** Bytes handed to Netty; written by the I/O thread only, read by anyone. */
	private long onIoThread;

	/** Bytes reserved by other threads, not yet on the I/O thread. */
	private final AtomicLong inTransit = new AtomicLong();

	OutboundBytes(long limit) {
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

	/**
	 * Reserve room for a write, unless it would pass the limit.
	 * @param bytes the write's size
	 * @param ioThread whether the caller is the session's I/O thread
	 * @return whether the write fits
	 */
	boolean tryReserve(int bytes, boolean ioThread) {
		if (ioThread) {
			if (this.onIoThread + this.inTransit.get() + bytes > this.limit) {
				return false;
			}
			ON_IO_THREAD.setOpaque(this, this.onIoThread + bytes);
			return true;
		}
		if (this.inTransit.addAndGet(bytes) + (long) ON_IO_THREAD.getOpaque(this) > this.limit) {
			this.inTransit.addAndGet(-bytes);
			return false;
		}
		return true;
	}

	/** The I/O thread takes over a write another thread reserved. */
	void handOver(int bytes) {
		this.inTransit.addAndGet(-bytes);
		ON_IO_THREAD.setOpaque(this, this.onIoThread + bytes);
	}

	/** A write another thread reserved never reached the I/O thread. */
	void abandon(int bytes) {
		this.inTransit.addAndGet(-bytes);
	}

	/** Netty finished (or gave up on) a write; runs on the I/O thread. */
	void release(int bytes) {
		ON_IO_THREAD.setOpaque(this, this.onIoThread - bytes);
	}

	/** Return the bytes accepted and not yet written, as seen from any thread. */
	long pending() {
		return (long) ON_IO_THREAD.getOpaque(this) + this.inTransit.get();
	}

}
