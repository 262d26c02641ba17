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

	/**
	 * The most room a new shared buffer is given for its guess of what the flush will
	 * share: a read batch of sixteen packages of 1 KiB. A flush that shares more grows
	 * its buffer; one that shares less does not hold more than this for its few bytes.
	 */
	static final int MAX_GUESSED_BUFFER_BYTES = 16 * 1024;

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
	 * and {@link #MAX_GUESSED_BUFFER_BYTES}. A buffer of the largest size for a session
	 * that writes two small replies at a time would hold that much memory for every pair
	 * its peer has not read yet.
	 * @param packageBytes the size of the package that opens the buffer
	 * @param recentBytes what the session's recent shared buffers held
	 * @return the capacity, never less than the package
	 */
	static int bufferCapacity(int packageBytes, int recentBytes) {
		int capacity = Math.min(MAX_GUESSED_BUFFER_BYTES, Math.max(MIN_BUFFER_BYTES, recentBytes));
		return Math.max(packageBytes, capacity);
	}

	ByteBuf buffer() {
		return this.buffer;
	}

	/**
	 * Make room for a package of the given encoded size: it fits as it is, or the buffer
	 * grows to take it (Netty's {@link ByteBuf#ensureWritable}: to the next power of two,
	 * or into the slack its allocator already gave it). Room is made for the whole package
	 * before it is encoded, so that the encoder's writes do not grow the buffer piece by
	 * piece.
	 *
	 * <p>
	 * The buffer has no limit of its own: the {@link TurnFlushHandler} flushes once a
	 * batch's unflushed bytes reach its early-flush bound (at most 512 KiB), and that
	 * writes the buffer. So a flush whose packages are all small hands Netty at most two
	 * buffers, the first package and the shared one, however many it holds. Growing
	 * copies what the buffer holds (in all, about as many bytes as it ends with), which
	 * costs less than a second buffer in the same flush: each buffer of a flush is one
	 * more entry of the gathering write, and on NIO a write of more buffers than the I/O
	 * thread ever wrote at once makes the JDK enlarge its per-thread native {@code iovec}
	 * array (docs/benchmarks.md, point 24). A limit with a second buffer past it is also a
	 * branch that a steady load never takes: with the limit at 8 KiB, a flush at a
	 * moderate rate took it for the first time only after a stall of about 50 ms, and the
	 * JIT compiler's trap there sent the whole flush path back to the interpreter, which
	 * made the stall longer (points 26 and 27).
	 * @param bytes the package's size
	 */
	void makeRoomFor(int bytes) {
		this.buffer.ensureWritable(bytes);
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
