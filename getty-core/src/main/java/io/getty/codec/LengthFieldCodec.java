package io.getty.codec;

import java.nio.ByteOrder;
import java.util.Objects;

import io.getty.Session;
import io.netty.buffer.ByteBuf;

/**
 * Packages prefixed by their payload length in a 1, 2 or 4 byte unsigned header, big or
 * little endian. GoFrame's {@code gtcp} "simple package protocol" is the 2-byte
 * big-endian case; Getty's {@code demo/hello} is 4-byte little-endian.
 *
 * <pre>
 * header = 2, BIG_ENDIAN
 * BEFORE DECODE (8 bytes)                AFTER DECODE (payload codec applied)
 * +--------+-------------+---------+     +-------------+
 * | 0x0005 | h e l l o   | 0x00 .. | --> | "hello"     |  (3 bytes wait for more)
 * +--------+-------------+---------+     +-------------+
 * </pre>
 *
 * The payload of each frame goes through a payload codec ({@link BytesCodec} unless set),
 * for example {@code JsonCodec.of(Msg.class)}. A header that announces more than
 * {@link Session#maxMsgLen()} (header included) fails at once, before the body arrives or
 * anything is allocated for it.
 *
 * <pre class="code">
 * ReadWriter&lt;Msg&gt; codec = LengthFieldCodec.builder()
 *         .headerLength(2)
 *         .byteOrder(ByteOrder.BIG_ENDIAN)
 *         .payload(JsonCodec.of(Msg.class))
 *         .build();
 * </pre>
 *
 * @param <T> the payload package type
 * @author getty team
 * @since 0.1.0
 */
public final class LengthFieldCodec<T> implements ReadWriter<T> {

	private final int headerLength;

	private final boolean bigEndian;

	private final long maxPayload;

	private final ReadWriter<T> payload;

	private LengthFieldCodec(int headerLength, ByteOrder byteOrder, ReadWriter<T> payload) {
		if (headerLength != 1 && headerLength != 2 && headerLength != 4) {
			throw new IllegalArgumentException("headerLength must be 1, 2 or 4, but was " + headerLength);
		}
		this.headerLength = headerLength;
		this.bigEndian = Objects.requireNonNull(byteOrder, "byteOrder") == ByteOrder.BIG_ENDIAN;
		// A frame must fit a Java array, whatever a 4-byte header could announce.
		this.maxPayload = (headerLength == 4) ? Integer.MAX_VALUE - 8 - headerLength : (1L << (8 * headerLength)) - 1;
		this.payload = Objects.requireNonNull(payload, "payload");
	}

	/**
	 * Return a builder, for a 4-byte big-endian header and {@code byte[]} payloads unless
	 * changed.
	 * @return the builder
	 */
	public static Builder<byte[]> builder() {
		return new Builder<>(4, ByteOrder.BIG_ENDIAN, BytesCodec.instance());
	}

	/**
	 * Return the codec for a 4-byte big-endian header and {@code byte[]} payloads.
	 * @return the codec
	 */
	public static LengthFieldCodec<byte[]> int32BigEndian() {
		return builder().build();
	}

	/**
	 * Return the header length.
	 * @return 1, 2 or 4
	 */
	public int headerLength() {
		return this.headerLength;
	}

	/**
	 * Return the header byte order.
	 * @return the byte order
	 */
	public ByteOrder byteOrder() {
		return this.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
	}

	@Override
	public T read(Session session, ByteBuf in) throws Exception {
		int start = in.readerIndex();
		if (in.readableBytes() < this.headerLength) {
			return null;
		}
		long length = readHeader(in, start);
		long frameLength = this.headerLength + length;
		PackageReader.checkLength(session, frameLength);
		if (length > this.maxPayload) {
			throw new MessageTooLongException(session, frameLength, (int) this.maxPayload + this.headerLength);
		}
		if (in.readableBytes() < frameLength) {
			return null;
		}
		int bodyStart = start + this.headerLength;
		int bodyEnd = bodyStart + (int) length;
		int writerIndex = in.writerIndex();
		T pkg;
		// Narrow the buffer to the frame instead of slicing it: the payload codec sees
		// exactly one frame and no slice object is allocated per package.
		in.setIndex(bodyStart, bodyEnd);
		try {
			pkg = this.payload.read(session, in);
			if (pkg == null || in.isReadable()) {
				throw new CodecException(this.payload + " did not decode a whole " + length
						+ "-byte frame on endpoint '" + session.endPoint().name() + "' (session " + session.id()
						+ "); the payload is malformed");
			}
		}
		finally {
			in.setIndex(bodyEnd, writerIndex);
		}
		return pkg;
	}

	private long readHeader(ByteBuf in, int index) {
		return switch (this.headerLength) {
			case 1 -> in.getUnsignedByte(index);
			case 2 -> this.bigEndian ? in.getUnsignedShort(index) : in.getUnsignedShortLE(index);
			default -> this.bigEndian ? in.getUnsignedInt(index) : in.getUnsignedIntLE(index);
		};
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) throws Exception {
		int headerIndex = out.writerIndex();
		out.writeZero(this.headerLength);
		this.payload.write(session, pkg, out);
		long length = out.writerIndex() - headerIndex - this.headerLength;
		if (length > this.maxPayload) {
			out.writerIndex(headerIndex);
			throw new CodecException("a " + length + "-byte payload does not fit a " + this.headerLength
					+ "-byte length header (at most " + this.maxPayload + " bytes) on endpoint '"
					+ session.endPoint().name() + "'");
		}
		switch (this.headerLength) {
			case 1 -> out.setByte(headerIndex, (int) length);
			case 2 -> {
				if (this.bigEndian) {
					out.setShort(headerIndex, (int) length);
				}
				else {
					out.setShortLE(headerIndex, (int) length);
				}
			}
			default -> {
				if (this.bigEndian) {
					out.setInt(headerIndex, (int) length);
				}
				else {
					out.setIntLE(headerIndex, (int) length);
				}
			}
		}
	}

	@Override
	public int sizeHint(Object pkg) {
		int payloadSize = this.payload.sizeHint(pkg);
		return (payloadSize < 0) ? -1 : this.headerLength + payloadSize;
	}

	@Override
	public String toString() {
		return "LengthFieldCodec{header=" + this.headerLength + ", " + byteOrder() + ", payload=" + this.payload + "}";
	}

	/**
	 * Builds a {@link LengthFieldCodec}.
	 *
	 * @param <T> the payload package type
	 */
	public static final class Builder<T> {

		private final int headerLength;

		private final ByteOrder byteOrder;

		private final ReadWriter<T> payload;

		private Builder(int headerLength, ByteOrder byteOrder, ReadWriter<T> payload) {
			this.headerLength = headerLength;
			this.byteOrder = byteOrder;
			this.payload = payload;
		}

		/**
		 * Set the header length.
		 * @param headerLength 1, 2 or 4 bytes
		 * @return a builder with the change
		 */
		public Builder<T> headerLength(int headerLength) {
			return new Builder<>(headerLength, this.byteOrder, this.payload);
		}

		/**
		 * Set the header byte order.
		 * @param byteOrder the byte order
		 * @return a builder with the change
		 */
		public Builder<T> byteOrder(ByteOrder byteOrder) {
			return new Builder<>(this.headerLength, byteOrder, this.payload);
		}

		/**
		 * Set the codec of each frame's payload.
		 * @param <P> the payload package type
		 * @param payload the payload codec; it gets exactly one frame and must use all of it
		 * @return a builder with the change
		 */
		public <P> Builder<P> payload(ReadWriter<P> payload) {
			return new Builder<>(this.headerLength, this.byteOrder, payload);
		}

		/**
		 * Build the codec.
		 * @return the codec
		 */
		public LengthFieldCodec<T> build() {
			return new LengthFieldCodec<>(this.headerLength, this.byteOrder, this.payload);
		}

	}

}
