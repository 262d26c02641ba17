package io.getty.udp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.getty.EndPointBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.Session;
import io.getty.internal.AbstractEndPoint;
import io.getty.internal.Addresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class UdpEndPoint extends AbstractEndPoint {

	private static final Logger logger = LoggerFactory.getLogger(UdpEndPoint.class);

	private final String host;

	private final int port;

	private volatile @Nullable Channel channel;

	private UdpEndPoint(Builder builder) {
		super(builder, EndPointType.UDP_ENDPOINT);
		this.host = builder.host;
		this.port = builder.port;
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
		Channel bound = bind(bootstrap, this.host, this.port);
		this.channel = bound;
		logger.info("UDP endpoint '{}' listening on {} ({})", name(), Addresses.format(bound.localAddress()),
				loops.isNative() ? "epoll" : "nio");
	}

	/**
	 * Return the bound address.
	 * @return the address, or {@code null} before {@link #start()} and after closing
	 */
	@Override
	public @Nullable InetSocketAddress address() {
		Channel bound = this.channel;
		return (bound != null && !isClosed()) ? (InetSocketAddress) bound.localAddress() : null;
	}

	/**
	 * Return the bound port.
	 * @return the port
	 * @throws IllegalStateException if the endpoint is not started
	 */
	public int port() {
		InetSocketAddress address = address();
		if (address == null) {
			throw new IllegalStateException("UDP endpoint '" + name() + "' is not started");
		}
		return address.getPort();
	}

	/**
	 * Return the session that serves every peer.
	 * @return the session, once started
	 */
	public Optional<Session> session() {
		return sessions().stream().findFirst();
	}

	@Override
	public boolean close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!markClosed()) {
			return true;
		}
		// Closing the one session closes the socket.
		boolean clean = closeSessions(timeout);
		Channel bound = this.channel;
		if (bound != null) {
			bound.close().awaitUninterruptibly(Math.max(1, timeout.toMillis()));
		}
		if (isStarted()) {
			releaseEventLoops();
			logger.info("UDP endpoint '{}' closed", name());
		}
		return clean;
	}

	/**
	 * Builds a {@link UdpEndPoint}.
	 */
	public static final class Builder extends EndPointBuilder<Builder> {

		private String host = "0.0.0.0";

		private int port;

		private Builder() {
		}

		/**
		 * Set the address to listen on.
		 * @param host a host name or IP address; {@code 0.0.0.0} for all interfaces
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * Set the port.
		 * @param port the port, or 0 for a random free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
			}
			this.port = port;
			return this;
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
