package io.getty.ws;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.internal.AbstractEndPoint;
import io.getty.internal.Addresses;
import io.getty.internal.Tls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket server on one path: Getty's {@code NewWSServer}, or with an
 * {@link SslContext} its {@code NewWSSServer}. Every connection that completes the
 * upgrade becomes a session; each whole message (fragments joined) is one package, and
 * a package written as a {@link CharSequence} goes out as a text message, anything else
 * as binary.
 *
 * <pre class="code">
 * WsServer server = WsServer.builder()
 *         .port(7072)
 *         .path("/chat")
 *         .codec(StringCodec.instance())
 *         .listener(chatListener)
 *         .build();
 * server.start();
 * </pre>
 *
 * Like Getty it pings every session on each cron tick and counts received pings and
 * pongs as activity, negotiates permessage-deflate, and closes with status 1000
 * "bye-bye!!!". Unlike Getty it limits messages to {@code maxMsgLen} on the client side
 * too, closes with 1009 when a message is longer, answers requests that are not a proper
 * upgrade with a 4xx, and can restrict origins.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class WsServer extends AbstractEndPoint {

	private static final Logger logger = LoggerFactory.getLogger(WsServer.class);

	private final String host;

	private final int port;

	private final String path;

	private final Set<String> allowedOrigins;

	private final boolean compression;

	private final @Nullable SslContext sslContext;

	private final Duration handshakeTimeout;

	private final int maxConnections;

	private volatile @Nullable Channel serverChannel;

	private WsServer(Builder builder) {
		super(builder, (builder.sslContext != null) ? EndPointType.WSS_SERVER : EndPointType.WS_SERVER);
		this.host = builder.host;
		this.port = builder.port;
		this.path = builder.path;
		this.allowedOrigins = Set.copyOf(builder.allowedOrigins);
		this.compression = builder.compression;
		this.sslContext = builder.sslContext;
		this.handshakeTimeout = builder.handshakeTimeout;
		this.maxConnections = builder.maxConnections;
		if (this.sslContext != null && !this.sslContext.isServer()) {
			throw new IllegalArgumentException("WebSocket server '" + name() + "' was given a client SslContext; "
					+ "build it with SslContextBuilder.forServer(...)");
		}
	}

	/**
	 * Return a builder for a server on all interfaces, port 0, path {@code /}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected String describeType() {
		return (this.sslContext != null) ? "WSS server" : "WebSocket server";
	}

	@Override
	public void start() {
		EventLoops loops = acquireEventLoops();
		ServerBootstrap bootstrap = new ServerBootstrap().group(loops.group())
			.channel(loops.serverSocketChannelType())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					if (!admit(channel, WsServer.this.maxConnections)) {
						return;
					}
					initWebSocketServerChannel(channel,
							(WsServer.this.sslContext != null)
									? Tls.server(WsServer.this.sslContext, channel, WsServer.this.handshakeTimeout)
									: null,
							WsServer.this.path, WsServer.this.allowedOrigins, WsServer.this.compression,
							WsServer.this.handshakeTimeout);
				}
			});
		Channel channel = bind(bootstrap, this.host, this.port);
		this.serverChannel = channel;
		logger.info("{} '{}' listening on {}{} ({})", describeType(), name(), Addresses.format(channel.localAddress()),
				this.path, loops.isNative() ? "epoll" : "nio");
	}

	/**
	 * Return the bound address.
	 * @return the address, or {@code null} before {@link #start()} and after closing
	 */
	@Override
	public @Nullable InetSocketAddress address() {
		Channel channel = this.serverChannel;
		return (channel != null && !isClosed()) ? (InetSocketAddress) channel.localAddress() : null;
	}

	/**
	 * Return the bound port.
	 * @return the port
	 * @throws IllegalStateException if the server is not started
	 */
	public int port() {
		InetSocketAddress address = address();
		if (address == null) {
			throw new IllegalStateException(describeType() + " '" + name() + "' is not started");
		}
		return address.getPort();
	}

	/**
	 * Return the WebSocket path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Stop accepting, then close every session with a close frame and wait for its close
	 * callbacks.
	 */
	@Override
	public boolean close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!markClosed()) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().awaitUninterruptibly(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		boolean clean = closeSessions(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		if (isStarted()) {
			releaseEventLoops();
			logger.info("{} '{}' closed", describeType(), name());
		}
		return clean;
	}

	/**
	 * Builds a {@link WsServer}.
	 */
	public static final class Builder extends EndPointBuilder<Builder> {

		private String host = "0.0.0.0";

		private int port;

		private String path = "/";

		private Collection<String> allowedOrigins = Set.of();

		private boolean compression = true;

		private @Nullable SslContext sslContext;

		private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;

		private int maxConnections;

		private Builder() {
		}

		/**
		 * Set the address to listen on.
		 * @param host a host name or IP address
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
		 * Set the WebSocket path; other paths get 404.
		 * @param path a path starting with {@code /}
		 * @return this builder
		 */
		public Builder path(String path) {
			Objects.requireNonNull(path, "path");
			if (!path.startsWith("/")) {
				throw new IllegalArgumentException("path must start with '/', but was '" + path + "'");
			}
			this.path = path;
			return this;
		}

		/**
		 * Accept browser connections only from these origins, such as
		 * {@code https://example.org}; others get 403. Empty (the default) accepts all,
		 * as Getty does.
		 * @param origins the allowed origins
		 * @return this builder
		 */
		public Builder allowedOrigins(Collection<String> origins) {
			this.allowedOrigins = Set.copyOf(origins);
			return this;
		}

		/**
		 * Set whether to accept permessage-deflate (default {@code true}).
		 * @param compression whether to negotiate compression
		 * @return this builder
		 */
		public Builder compression(boolean compression) {
			this.compression = compression;
			return this;
		}

		/**
		 * Serve {@code wss}: TLS with this server context.
		 * @param sslContext the server context
		 * @return this builder
		 */
		public Builder sslContext(SslContext sslContext) {
			this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
			return this;
		}

		/**
		 * Refuse connections beyond this many at once: they are closed as soon as they
		 * are accepted, counted in {@code stats().refusedConnections()} and logged.
		 * @param maxConnections the limit, or 0 (the default) for none
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 0) {
				throw new IllegalArgumentException("maxConnections must not be negative, but was " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set the longest the TLS handshake and the upgrade may each take.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration timeout) {
			this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Build the server; call {@link WsServer#start()} to bind it.
		 * @return the server
		 */
		public WsServer build() {
			return new WsServer(this);
		}

	}

}
