package io.getty.udp;

import java.util.Optional;

import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.ServerBuilder;
import io.getty.Session;
import io.getty.internal.AbstractServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * An unconnected UDP endpoint: Getty's {@code NewUDPEndPoint}. One session serves every
 * peer; each package reaches the listener as a {@link UdpPackage} with its sender, and
 * replies are written as {@code UdpPackage}s to an address.
 *
 * <pre class="code">
 * UdpEndPoint endpoint = UdpEndPoint.builder()
 *         .port(7073)
 *         .codec(BytesCodec.instance())
 *         .listener((EventListener&lt;UdpPackage&lt;byte[]&gt;&gt;) (session, in) -&gt;
 *                 session.writePkg(new UdpPackage&lt;&gt;(in.pkg(), in.peer())))
 *         .build();
 * endpoint.start();
 * </pre>
 *
 * The codec runs once per datagram. A datagram longer than {@code maxMsgLen} or that does
 * not decode is dropped and counted; the endpoint keeps serving.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class UdpEndPoint extends AbstractServer {

	private UdpEndPoint(Builder builder) {
		super(builder, EndPointType.UDP_ENDPOINT);
	}

	/**
	 * Return a builder for an endpoint on all interfaces, port 0 (a random free port).
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected String describeType() {
		return "UDP endpoint";
	}

	@Override
	protected boolean listenerIsSession() {
		return true;
	}

	@Override
	public void start() {
		EventLoops loops = acquireEventLoops();
		Bootstrap bootstrap = new Bootstrap().group(loops.group())
			.channel(loops.datagramChannelType())
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					initDatagramChannel(channel, false);
				}
			});
		bindAndLog(bootstrap, loops.isNative() ? "epoll" : "nio");
	}

	/**
	 * Return the session that serves every peer.
	 * @return the session, once started
	 */
	public Optional<Session> session() {
		return sessions().stream().findFirst();
	}

	/**
	 * Builds a {@link UdpEndPoint}.
	 */
	public static final class Builder extends ServerBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Build the endpoint; call {@link UdpEndPoint#start()} to bind it.
		 * @return the endpoint
		 */
		public UdpEndPoint build() {
			return new UdpEndPoint(this);
		}

	}

}
