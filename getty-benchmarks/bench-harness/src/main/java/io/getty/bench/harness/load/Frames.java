package io.getty.bench.harness.load;

import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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

	private static final int OFFSETS = 251;

	private static final ByteBuf PATTERN = pattern();

	private Frames() {
	}

	private static ByteBuf pattern() {
		byte[] bytes = new byte[MAX_PAYLOAD + OFFSETS];
		new Random(0x6e77_7479L).nextBytes(bytes);
		return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)).asReadOnly();
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
	 * Write one framed message.
	 * @param out the buffer
	 * @param payloadSize the payload size
	 * @param sequence the sequence number
	 * @param stamp the send stamp in {@link System#nanoTime()} nanoseconds
	 */
	static void write(ByteBuf out, int payloadSize, long sequence, long stamp) {
		out.writeInt(payloadSize).writeLong(sequence).writeLong(stamp);
		int body = payloadSize - MIN_PAYLOAD;
		if (body > 0) {
			out.writeBytes(PATTERN, bodyOffset(sequence), body);
		}
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
		return body == 0
				|| ByteBufUtil.equals(in, payloadIndex + MIN_PAYLOAD, PATTERN, bodyOffset(sequence), body);
	}

	private static int bodyOffset(long sequence) {
		return (int) Long.remainderUnsigned(sequence, OFFSETS);
	}

}
