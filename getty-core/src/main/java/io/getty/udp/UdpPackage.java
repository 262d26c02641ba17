package io.getty.udp;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A UDP package with its peer: Getty's {@code UDPContext}. Listeners of UDP endpoints
 * receive every package in one, and write replies in one to address a peer.
 *
 * <pre class="code">
 * public void onMessage(Session session, UdpPackage&lt;byte[]&gt; in) {
 *     session.writePkg(new UdpPackage&lt;&gt;(in.pkg(), in.peer()));
 * }
 * </pre>
 *
 * @param <T> the package type
 * @param pkg the package
 * @param peer the address it came from, or goes to
 * @author getty team
 * @since 0.1.0
 */
public record UdpPackage<T>(T pkg, InetSocketAddress peer) {

	/**
	 * Create a package.
	 * @param pkg the package
	 * @param peer the peer address
	 */
	public UdpPackage {
		Objects.requireNonNull(pkg, "pkg");
		Objects.requireNonNull(peer, "peer");
	}

	@Override
	public String toString() {
		return "{pkg:" + this.pkg + ", peer addr:" + io.getty.internal.Addresses.format(this.peer) + "}";
	}

}
