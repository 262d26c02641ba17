package io.getty.bench.harness.load;

import java.nio.ByteBuffer;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The layout of a benchmark message, and its verification.
 *
 * <pre>
 * +----------+----------------+----------------+--------------------------------+
 * | length   | sequence       | send stamp     | body: pattern bytes chosen by  |
 * | 4 bytes  | 8 bytes        | 8 bytes (ns)   | the sequence, length - 16      |
 * +----------+----------------+----------------+--------------------------------+
 *  \ header /  \---------------------- payload (length bytes) ---------------------/
 * </pre>
 *
 * The sequence numbers of a connection start at its id shifted left by 40 bits, so a
 * reply delivered to the wrong connection fails the order check; the body starts at an
 * offset into a fixed random pattern that depends on the sequence, so a reply carrying
 * another message's body fails the byte check.
 *
 * <p>
 * The load generator must cost less per message than the server it measures, or a cell
 * measures the load generator. So a large body is sent as a slice of the pattern, which
 * lives in direct memory, instead of being copied into each frame, and a received body is
 * compared with {@link ByteBuffer#mismatch}, which the JDK vectorizes, instead of eight
 * bytes at a time through bounds-checked {@code ByteBuf.getLong} calls.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class Frames {

	/** Bytes of the length header. */
	public static final int HEADER = 4;

	/** Smallest payload: the sequence number and the send stamp. */
	public static final int MIN_PAYLOAD = 16;

	/** Largest payload the pattern covers. */
	public static final int MAX_PAYLOAD = 64 * 1024;

	/** Bytes of the header and the payload's sequence number and send stamp. */
	static final int PREAMBLE = HEADER + MIN_PAYLOAD;

	/**
	 * Smallest body sent as a slice of the pattern: below it, copying the body into the
	 * frame costs less than a second buffer in the channel's outbound queue.
	 */
	static final int SLICED_BODY = 4096;

	private static final int OFFSETS = 251;

	private static final ByteBuf PATTERN = pattern();

	/** The pattern as the JDK's buffer, for {@link ByteBuffer#mismatch}; sliced per use. */
	private static final ByteBuffer PATTERN_NIO = PATTERN.nioBuffer();

	private Frames() {
	}

	private static ByteBuf pattern() {
		byte[] bytes = new byte[MAX_PAYLOAD + OFFSETS];
		new Random(0x6e77_7479L).nextBytes(bytes);
		ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
		return Unpooled.unreleasableBuffer(direct).asReadOnly();
	}

	/**
	 * Return the first sequence number of a connection.
	 * @param connectionId the connection id
	 * @return the first sequence number
	 */
	static long firstSequence(int connectionId) {
		return ((long) connectionId) << 40;
	}

	/**
	 * Check that a payload size can be used.
	 * @param payloadSize the size
	 * @return the size
	 */
	public static int checkPayloadSize(int payloadSize) {
		if (payloadSize < MIN_PAYLOAD || payloadSize > MAX_PAYLOAD) {
			throw new IllegalArgumentException(
					"Payload size must be between " + MIN_PAYLOAD + " and " + MAX_PAYLOAD + " bytes, but was " + payloadSize);
		}
		return payloadSize;
	}

	/**
	 * Whether a message of this payload size is written as two buffers, the preamble from
	 * {@link #write} and the body from {@link #slicedBody}.
	 * @param payloadSize the payload size
	 * @return whether the body goes out as a slice of the pattern
	 */
	static boolean slicesBody(int payloadSize) {
		return payloadSize - MIN_PAYLOAD >= SLICED_BODY;
	}

	/**
	 * Write one framed message, or only its preamble when {@link #slicesBody} says the
	 * body follows as a slice.
	 * @param out the buffer
	 * @param payloadSize the payload size
	 * @param sequence the sequence number
	 * @param stamp the send stamp in {@link System#nanoTime()} nanoseconds
	 */
	static void write(ByteBuf out, int payloadSize, long sequence, long stamp) {
		out.writeInt(payloadSize).writeLong(sequence).writeLong(stamp);
		int body = payloadSize - MIN_PAYLOAD;
		if (body > 0 && !slicesBody(payloadSize)) {
			out.writeBytes(PATTERN, bodyOffset(sequence), body);
		}
	}

	/**
	 * Return the body of a message as a read-only slice of the pattern; releasing it is
	 * harmless and the pattern is never freed, so the channel may release it after the
	 * write as it does every buffer.
	 * @param payloadSize the payload size, at least {@link #SLICED_BODY} plus
	 * {@link #MIN_PAYLOAD}
	 * @param sequence the sequence number of the message
	 * @return the body
	 */
	static ByteBuf slicedBody(int payloadSize, long sequence) {
		return PATTERN.slice(bodyOffset(sequence), payloadSize - MIN_PAYLOAD);
	}

	/**
	 * Check the body of a received payload against what was sent with that sequence.
	 * @param in the buffer holding the payload
	 * @param payloadIndex where the payload starts (after the header)
	 * @param payloadSize the payload size
	 * @param sequence the sequence number the payload carries
	 * @return whether every body byte matches
	 */
	static boolean bodyMatches(ByteBuf in, int payloadIndex, int payloadSize, long sequence) {
		int body = payloadSize - MIN_PAYLOAD;
		if (body == 0) {
			return true;
		}
		ByteBuffer received = in.nioBuffer(payloadIndex + MIN_PAYLOAD, body);
		return received.mismatch(PATTERN_NIO.slice(bodyOffset(sequence), body)) < 0;
	}

	private static int bodyOffset(long sequence) {
		return (int) Long.remainderUnsigned(sequence, OFFSETS);
	}

}
