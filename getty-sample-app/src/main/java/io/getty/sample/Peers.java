package io.getty.sample;

import java.net.InetSocketAddress;

import io.getty.Session;

/**
 * Formats addresses the way the gtcp guide's log lines show them: {@code 127.0.0.1:51220}.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class Peers {

	private Peers() {
	}

	/**
	 * Return the remote address of a session as {@code host:port}.
	 * @param session the session
	 * @return the address, or {@code "?"} when the session has none
	 */
	public static String of(Session session) {
		return format(session.remoteAddress());
	}

	/**
	 * Return an address as {@code host:port}, IPv6 hosts in brackets.
	 * @param address the address
	 * @return the formatted address, or {@code "?"} for {@code null}
	 */
	public static String format(InetSocketAddress address) {
		if (address == null) {
			return "?";
		}
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress()
				: address.getHostString();
		return ((host.indexOf(':') >= 0) ? "[" + host + "]" : host) + ":" + address.getPort();
	}

}
