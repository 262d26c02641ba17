package io.getty.codec;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Cuts received bytes into packages: the read half of Getty's {@code ReadWriter}.
 *
 * <p>
 * {@link #read(Session, ByteBuf)} receives every byte not yet consumed, from
 * {@code in.readerIndex()}; the session accumulates partial input, so a reader never
 * keeps state about half-received packages. Getty's five cases map as follows:
 * <ul>
 * <li>need more bytes: return {@code null} and leave the reader index where it was;</li>
 * <li>a package: return it and advance the reader index past the bytes it used (Getty's
 * {@code pkgLen});</li>
 * <li>the header already announces a package longer than {@link Session#maxMsgLen()}:
 * throw {@link MessageTooLongException} at once, before waiting for or allocating the
 * body ({@link #checkLength(Session, long)} does it);</li>
 * <li>several packages buffered: the session calls again while bytes remain;</li>
 * <li>bad input: throw; a TCP session is then closed with {@code onError}.</li>
 * </ul>
 * The session also refuses to buffer more than {@code maxMsgLen} bytes without a package,
 * so a reader that never checks lengths still cannot exhaust memory.
 *
 * <p>
 * A reader must not change the writer index, must not keep {@code in} after returning,
 * and must not return a package that shares memory with {@code in} unless it is a
 * retained slice (which the session releases after {@code onMessage}).
 *
 * @param <T> the package type
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface PackageReader<T> {

	/**
	 * Decode at most one package.
	 * @param session the session the bytes came from
	 * @param in the unconsumed bytes
	 * @return the package, or {@code null} if more bytes are needed
	 * @throws Exception if the bytes are not a valid package
	 */
	@Nullable T read(Session session, ByteBuf in) throws Exception;

	/**
	 * Throw {@link MessageTooLongException} if a package of {@code length} bytes exceeds
	 * the session's {@link Session#maxMsgLen()}.
	 * @param session the session
	 * @param length the announced package length on the wire, header included
	 * @throws MessageTooLongException if the package is too long
	 */
	static void checkLength(Session session, long length) {
		int max = session.maxMsgLen();
		if (max > 0 && length > max) {
			throw new MessageTooLongException(session, length, max);
		}
	}

}
