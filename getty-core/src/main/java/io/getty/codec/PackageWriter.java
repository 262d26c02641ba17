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
	 * Encode one package.
	 * @param session the session the package goes to
	 * @param pkg the package
	 * @param out the buffer to append the encoded bytes to
	 * @throws Exception if the package cannot be encoded, for example because of its type
	 */
	void write(Session session, Object pkg, ByteBuf out) throws Exception;

}
