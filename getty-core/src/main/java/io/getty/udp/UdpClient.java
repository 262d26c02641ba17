package io.getty.udp;

import java.net.InetSocketAddress;

import io.getty.ClientBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.internal.AbstractClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/**
 * A connected UDP client: Getty's {@code NewUDPClient}. Each of its
 * {@code connectionNumber} sessions is a UDP socket connected to the server, so plain
 * writes go to the server; packages arrive as {@link UdpPackage}s.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class UdpClient extends AbstractClient {

	private UdpClient(Builder builder) {
		super(builder, EndPointType.UDP_CLIENT);
	}

	/**
	 * Return a builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected String kind() {
		return "UDP client";
	}

	@Override
	protected void configure(Bootstrap bootstrap, EventLoops loops, InetSocketAddress server) {
		bootstrap.channel(loops.datagramChannelType()).handler(new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel channel) {
				initDatagramChannel(channel, true);
			}
		});
	}

	/**
	 * Builds a {@link UdpClient}.
	 */
	public static final class Builder extends ClientBuilder<Builder> {

		private Builder() {
		}

		/**
		 * Build the client; call {@link UdpClient#start()} to connect.
		 * @return the client
		 */
		public UdpClient build() {
			return new UdpClient(this);
		}

	}

}
