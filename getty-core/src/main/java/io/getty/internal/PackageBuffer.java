package io.getty.internal;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * One buffer that several small packages of a TCP session are encoded into, one after
 * another, between two flushes, and that the {@link TurnFlushHandler} hands to Netty as
 * one write when it flushes. The first package after a flush is written on its own; the
 * small ones after it share. Confined to the session's I/O thread.
 *
 * <p>
 * Written one by one, each package costs a pooled buffer, a channel promise, an entry in
 * Netty's outbound buffer and a slot in the gathering write; for a package of a few
 * dozen bytes those cost more than encoding it. Sharing a buffer, the packages pay for
 * them once. The bytes on the wire are the same: the stream has no package boundaries.
 * Netty completes the buffer's one write, and each package's future completes from it,
 * in order.
 */
final class PackageBuffer implements WriteOutcome {

	/**
	 * Packages of at most this many bytes (by their writer's size hint) share a buffer;
	 * larger ones cost little per byte and are written on their own.
	 */
	static final int MAX_PACKAGE_BYTES = 2 * 1024;

	/** The most room a shared buffer grows to. */
	static final int MAX_BUFFER_BYTES = 8 * 1024;

	/** The least room a shared buffer has: Netty's default for an encoder's buffer. */
	static final int MIN_BUFFER_BYTES = 256;

	private final ByteBuf buffer;

	/** The writes of the packages in the buffer, in order. */
	private WriteOperation[] operations = new WriteOperation[8];

	private int count;

	/**
	 * Create an empty package buffer.
	 * @param buffer the bytes, owned by this object until they are written
	 */
	PackageBuffer(ByteBuf buffer) {
		this.buffer = buffer;
	}

	/**
	 * Return how large to make a new shared buffer: as large as what the session's shared
	 * buffers held at its last flush, or so far since, within {@link #MIN_BUFFER_BYTES}
	 * and {@link #MAX_BUFFER_BYTES}. A buffer of the largest size for a session that
	 * writes two small replies at a time would hold that much memory for every pair its
	 * peer has not read yet.
	 * @param packageBytes the size of the package that opens the buffer
	 * @param recentBytes what the session's recent shared buffers held
	 * @return the capacity, never less than the package
	 */
	static int bufferCapacity(int packageBytes, int recentBytes) {
		int capacity = Math.min(MAX_BUFFER_BYTES, Math.max(MIN_BUFFER_BYTES, recentBytes));
		return Math.max(packageBytes, capacity);
	}

	ByteBuf buffer() {
		return this.buffer;
	}

	/**
	 * Make room for a package of the given encoded size: it fits as it is, or the buffer
	 * grows (doubling, and never past {@link #MAX_BUFFER_BYTES}) to take it.
	 *
	 * <p>
	 * Growing copies what the buffer holds, which for a few KiB costs less than a second
	 * buffer in the same flush. Each buffer of a flush is one more entry of the gathering
	 * write, and on NIO a write of more buffers than the I/O thread ever wrote at once
	 * makes the JDK enlarge its per-thread native {@code iovec} array: a branch that the
	 * JIT compiler compiled the write without, so its compiled code is thrown away and
	 * compiled again on the event loop's CPU. A session whose replies come one or two at a
	 * time at a moderate rate, after a busy spell whose flushes shared one buffer, met that
	 * the first time three replies came together (docs/benchmarks.md, point 24).
	 * @param bytes the package's size
	 * @return whether it fits now; {@code false} when the buffer cannot grow enough
	 */
	boolean makeRoomFor(int bytes) {
		ByteBuf shared = this.buffer;
		if (shared.writableBytes() >= bytes) {
			return true;
		}
		int needed = shared.writerIndex() + bytes;
		if (needed > MAX_BUFFER_BYTES) {
			return false;
		}
		shared.capacity(Math.min(MAX_BUFFER_BYTES, Math.max(needed, 2 * shared.capacity())));
		return true;
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	/**
	 * Add the write of the package just encoded at the end of the buffer.
	 * @param operation the package's write
	 */
	void add(WriteOperation operation) {
		if (this.count == this.operations.length) {
			this.operations = Arrays.copyOf(this.operations, this.count * 2);
		}
		this.operations[this.count++] = operation;
	}

	@Override
	public void succeeded() {
		for (int i = 0; i < this.count; i++) {
			this.operations[i].succeeded();
		}
	}

	@Override
	public void failed(Throwable cause) {
		for (int i = 0; i < this.count; i++) {
			this.operations[i].failed(cause);
		}
	}

}
