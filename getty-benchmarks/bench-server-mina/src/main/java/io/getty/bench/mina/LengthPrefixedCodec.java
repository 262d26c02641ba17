package io.getty.bench.mina;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.CumulativeProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * MINA's idiomatic 4-byte length framing: a {@link CumulativeProtocolDecoder} that emits
 * each payload as a {@code byte[]}, and an encoder that prefixes a {@code byte[]} with its
 * length. {@link IoBuffer#prefixedDataAvailable(int, int)} rejects a frame over the limit
 * as soon as its header arrives.
 *
 * @author getty team
 * @since 0.1.0
 */
final class LengthPrefixedCodec implements ProtocolCodecFactory {

	private final int maxFrameLength;

	LengthPrefixedCodec(int maxFrameLength) {
		this.maxFrameLength = maxFrameLength;
	}

	@Override
	public ProtocolEncoder getEncoder(IoSession session) {
		return new Encoder();
	}

	@Override
	public ProtocolDecoder getDecoder(IoSession session) {
		return new Decoder(this.maxFrameLength);
	}

	private static final class Decoder extends CumulativeProtocolDecoder {

		private final int maxFrameLength;

		Decoder(int maxFrameLength) {
			this.maxFrameLength = maxFrameLength;
		}

		@Override
		protected boolean doDecode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
			if (!in.prefixedDataAvailable(4, this.maxFrameLength)) {
				return false;
			}
			byte[] payload = new byte[in.getInt()];
			in.get(payload);
			out.write(payload);
			return true;
		}

	}

	private static final class Encoder extends ProtocolEncoderAdapter {

		@Override
		public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
			byte[] payload = (byte[]) message;
			IoBuffer frame = IoBuffer.allocate(4 + payload.length);
			frame.putInt(payload.length).put(payload).flip();
			out.write(frame);
		}

	}

}
