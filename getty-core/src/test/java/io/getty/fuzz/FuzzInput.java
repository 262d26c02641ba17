package io.getty.fuzz;

import java.util.Arrays;

/**
 * The layout of every fuzz target's input: a 5-byte control header, then the bytes that
 * arrive on the connection. Shorter inputs are padded with zeros, so every input is valid,
 * the empty one included.
 *
 * <pre>
 * offset 0-1  max-msg-len, unsigned big-endian: 0 = no limit, 0xFFFF = Integer.MAX_VALUE
 * offset 2-3  split, unsigned big-endian: the stream arrives as stream[0, s) and then
 *             stream[s, n), where s = split % (n + 1)
 * offset 4    options: bit 0      direct (1) or heap (0) cumulation buffer
 *                      bit 1      second arrival copied into a new, larger cumulation
 *                                 buffer (Netty's expandCumulation) instead of appended
 *                      bits 2-3   bytes already consumed before the stream: 0, 1, 3 or 8
 *                      bits 4-7   codec variant, chosen by the target
 * offset 5-   the stream
 * </pre>
 *
 * @param maxMsgLen the session's max-msg-len
 * @param split where the stream is cut into two arrivals
 * @param options the option bits
 * @param stream the bytes that arrive
 */
record FuzzInput(int maxMsgLen, int split, int options, byte[] stream) {

	/** Length of the control header. */
	static final int HEADER_LENGTH = 5;

	private static final int[] CONSUMED_PREFIX = { 0, 1, 3, 8 };

	/**
	 * Parse a fuzzer input.
	 */
	static FuzzInput parse(byte[] raw) {
		byte[] header = Arrays.copyOf(raw, HEADER_LENGTH);
		int limit = ((header[0] & 0xFF) << 8) | (header[1] & 0xFF);
		int maxMsgLen = (limit == 0xFFFF) ? Integer.MAX_VALUE : limit;
		byte[] stream = (raw.length > HEADER_LENGTH) ? Arrays.copyOfRange(raw, HEADER_LENGTH, raw.length) : new byte[0];
		int split = (((header[2] & 0xFF) << 8) | (header[3] & 0xFF)) % (stream.length + 1);
		return new FuzzInput(maxMsgLen, split, header[4] & 0xFF, stream);
	}

	boolean direct() {
		return (this.options & 0x01) != 0;
	}

	boolean expandOnSecondArrival() {
		return (this.options & 0x02) != 0;
	}

	int consumedPrefix() {
		return CONSUMED_PREFIX[(this.options >>> 2) & 0x03];
	}

	int variant() {
		return this.options >>> 4;
	}

	byte[] firstArrival() {
		return Arrays.copyOfRange(this.stream, 0, this.split);
	}

	byte[] secondArrival() {
		return Arrays.copyOfRange(this.stream, this.split, this.stream.length);
	}

	/**
	 * Return {@code true} if {@code length} bytes exceed the max-msg-len (never, without
	 * a limit).
	 */
	boolean exceedsLimit(long length) {
		return this.maxMsgLen > 0 && length > this.maxMsgLen;
	}

}
