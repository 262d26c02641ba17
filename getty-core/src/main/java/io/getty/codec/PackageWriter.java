package io.getty.codec;

import io.getty.Session;
import io.netty.buffer.ByteBuf;

/**
 * Turns a package into bytes: the write half of Getty's {@code ReadWriter}. Instead of
 * returning a new array it appends to {@code out}, which the session then sends, so
 * encoding copies nothing twice.
 *
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface PackageWriter {

	/**
	 * Encode one package. On TCP, {@code out} may already hold packages the session wrote
	 * before this one since its last flush (small packages share one buffer, see
	 * {@link #sizeHint}): append from its writer index on, and address the bytes written
	 * here relative to where that index was (as {@link LengthFieldCodec} does for its
	 * header), never from index 0. Should the method throw, the session drops whatever it
	 * appended.
	 * @param session the session the package goes to
	 * @param pkg the package
	 * @param out the buffer to append the encoded bytes to
	 * @throws Exception if the package cannot be encoded, for example because of its type
	 */
	void write(Session session, Object pkg, ByteBuf out) throws Exception;

	/**
	 * Return how many bytes {@code pkg} takes once encoded, when that is cheap to know.
	 * The session allocates the buffer for {@link #write} with this capacity, so a
	 * package is encoded without growing, and so copying, the buffer. A wrong hint costs
	 * only that copy. On TCP a package of at most 2 KiB by its hint, written on the
	 * session's I/O thread after another write since the last flush, is encoded into the
	 * buffer that the small packages since that write share, and they reach Netty as one
	 * write; a package without a hint is always written on its own.
	 * @param pkg the package about to be written
	 * @return the encoded size in bytes, or a negative value if unknown; the session then
	 * sizes the buffer after the last package it encoded
	 */
	default int sizeHint(Object pkg) {
		return -1;
	}

}
