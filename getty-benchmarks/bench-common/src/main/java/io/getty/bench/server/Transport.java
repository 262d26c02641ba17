package io.getty.bench.server;

import java.util.Locale;

/**
 * The socket transport of a server.
 *
 * @author getty team
 * @since 0.1.0
 */
public enum Transport {

	/** Java NIO, available to every server. */
	NIO,

	/** Linux's native epoll, through Netty's JNI transport. */
	EPOLL;

	/**
	 * Return the name used on command lines and in reports.
	 * @return {@code nio} or {@code epoll}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parse a transport name.
	 * @param id {@code nio} or {@code epoll}
	 * @return the transport
	 */
	public static Transport of(String id) {
		return valueOf(id.toUpperCase(Locale.ROOT));
	}

}
