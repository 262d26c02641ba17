package io.getty.internal;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * Formats socket addresses as Go does ({@code 127.0.0.1:7070}, {@code [::1]:7070}), so
 * {@code stat()} lines read like Getty's.
 */
public final class Addresses {

	private Addresses() {
	}

	/**
	 * Format an address as {@code host:port}.
	 * @param address the address, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	public static String format(@Nullable SocketAddress address) {
		if (!(address instanceof InetSocketAddress inet)) {
			return (address != null) ? address.toString() : "";
		}
		if (inet.getAddress() == null) {
			return inet.getHostString() + ":" + inet.getPort();
		}
		// RFC 5952 text (::1, not 0:0:0:0:0:0:0:1), as Go prints it.
		String host = NetUtil.toAddressString(inet.getAddress());
		return ((inet.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + inet.getPort();
	}

}
