package io.getty.sample.echo;

import java.nio.charset.StandardCharsets;

import io.getty.Session;
import io.getty.boot.annotation.GettyCodec;
import io.getty.codec.CodecException;
import io.getty.codec.PackageReader;
import io.getty.codec.ReadWriter;
import io.netty.buffer.ByteBuf;

import org.springframework.stereotype.Component;

/**
 * The codec of the {@code echo} server, written out as Getty's README writes its
 * {@code EchoPackageHandler}: a 4-byte big-endian length, then the payload. The built-in
 * {@code length-field} codec does the same (see the {@code hello} server); this one shows
 * how to write a codec of your own.
 *
 * <p>
 * A codec is shared by every session of its endpoints, so it keeps no state: the session
 * hands {@link #read} every byte not consumed yet.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyCodec("echo")
public class EchoCodec implements ReadWriter<byte[]> {

	private static final int HEADER_LENGTH = 4;

	@Override
	public byte[] read(Session session, ByteBuf in) {
		// 1. Enough bytes for the length header? If not, wait for more.
		if (in.readableBytes() < HEADER_LENGTH) {
			return null;
		}
		// 2. Read the length without consuming it, and refuse a package longer than the
		// session's max-msg-len now, before its body arrives.
		long length = in.getUnsignedInt(in.readerIndex());
		PackageReader.checkLength(session, HEADER_LENGTH + length);
		if (length > Integer.MAX_VALUE - HEADER_LENGTH) {
			throw new CodecException("echo package of " + length + " bytes is larger than any array");
		}
		// 3. The whole package here? If not, wait for more.
		if (in.readableBytes() < HEADER_LENGTH + length) {
			return null;
		}
		// 4. Consume header and payload: the reader index tells the session how many
		// bytes the package used (Getty's pkgLen).
		in.skipBytes(HEADER_LENGTH);
		byte[] payload = new byte[(int) length];
		in.readBytes(payload);
		return payload;
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) {
		byte[] payload;
		if (pkg instanceof byte[] bytes) {
			payload = bytes;
		}
		else if (pkg instanceof CharSequence text) {
			payload = text.toString().getBytes(StandardCharsets.UTF_8);
		}
		else {
			throw new CodecException("The echo codec writes byte[] or text, not " + pkg.getClass().getName());
		}
		out.writeInt(payload.length).writeBytes(payload);
	}

}
