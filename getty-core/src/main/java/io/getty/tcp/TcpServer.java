package io.getty.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
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
 * A TCP server, optionally with TLS: Getty's {@code NewTCPServer}. Each accepted
 * connection becomes a session with the builder's options, codec and listener,
 * configured further by its {@link io.getty.SessionInitializer}.
 *
 * <pre class="code">
 * TcpServer server = TcpServer.builder()
 *         .port(7070)
 *         .codec(LengthFieldCodec.int32BigEndian())
 *         .listener((EventListener&lt;byte[]&gt;) (session, pkg) -&gt; session.writePkg(pkg))
 *         .build();
 * server.start();
 * </pre>
 *
 * With TLS, a session opens only once the handshake succeeded; a peer that fails it (a
 * plaintext client, a missing client certificate) is closed and counted as a
 * {@code tls} error. Unlike Getty's, {@link #close(Duration)} also closes the sessions
 * it accepted.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class TcpServer extends AbstractEndPoint {

	private static final Logger logger = LoggerFactory.getLogger(TcpServer.class);

	private final String host;

	private final int port;

	private final int backlog;

	private final @Nullable SslContext sslContext;

	private final Duration handshakeTimeout;

	private final @Nullable Integer compressionLevel;

	private final int maxConnections;

	private volatile @Nullable Channel serverChannel;

	private TcpServer(Builder builder) {
		super(builder, EndPointType.TCP_SERVER);
		this.host = builder.host;
		this.port = builder.port;
		this.backlog = builder.backlog;
		this.sslContext = builder.sslContext;
		this.handshakeTimeout = builder.handshakeTimeout;
		this.maxConnections = builder.maxConnections;
		this.compressionLevel = builder.compressionLevel;
		if (this.sslContext != null && !this.sslContext.isServer()) {
			throw new IllegalArgumentException("TCP server '" + name() + "' was given a client SslContext; build it "
					+ "with SslContextBuilder.forServer(...)");
		}
	}

	/**
	 * Return a builder for a server on all interfaces, port 0 (a random free port).
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	protected String describeType() {
		return "TCP server";
	}

	@Override
	public void start() {
		EventLoops loops = acquireEventLoops();
		ServerBootstrap bootstrap = new ServerBootstrap().group(loops.group())
			.channel(loops.serverSocketChannelType())
			.option(ChannelOption.SO_BACKLOG, this.backlog)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					if (!admit(channel, TcpServer.this.maxConnections)) {
						return;
					}
					initStreamChannel(channel,
							(TcpServer.this.sslContext != null)
									? Tls.server(TcpServer.this.sslContext, channel, TcpServer.this.handshakeTimeout)
									: null,
							TcpServer.this.compressionLevel);
				}
			});
		Channel channel = bind(bootstrap, this.host, this.port);
		this.serverChannel = channel;
		logger.info("TCP server '{}' listening on {} ({}{})", name(), Addresses.format(channel.localAddress()),
				loops.isNative() ? "epoll" : "nio", (this.sslContext != null) ? ", TLS" : "");
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
	 * Return the bound port, for example after binding port 0.
	 * @return the port
	 * @throws IllegalStateException if the server is not started
	 */
	public int port() {
		InetSocketAddress address = address();
		if (address == null) {
			throw new IllegalStateException("TCP server '" + name() + "' is not started");
		}
		return address.getPort();
	}

	/**
	 * Stop accepting at once, then let each session finish the callbacks already queued
	 * for it, close it (queued writes get its wait time to drain) and wait for its close
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
			logger.info("TCP server '{}' closed", name());
		}
		return clean;
	}

	/**
	 * Builds a {@link TcpServer}.
	 */
	public static final class Builder extends EndPointBuilder<Builder> {

		private String host = "0.0.0.0";

		private int port;

		private int backlog = 1024;

		private @Nullable SslContext sslContext;

		private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;

		private int maxConnections;

		private @Nullable Integer compressionLevel;

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
		 * Set the accept backlog.
		 * @param backlog connections the kernel queues before they are accepted
		 * @return this builder
		 */
		public Builder backlog(int backlog) {
			this.backlog = backlog;
			return this;
		}

		/**
		 * Serve TLS. Build the context with {@code SslContextBuilder.forServer(...)}, and
		 * with {@code clientAuth(ClientAuth.REQUIRE)} and a trust manager for mutual TLS.
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
		 * Set the longest a TLS handshake may take.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration timeout) {
			this.handshakeTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Compress the stream in both directions with raw DEFLATE and a sync flush after
		 * every package, as Getty's {@code SetCompressType} does; the peer must do the
		 * same. Read limits apply to the decompressed bytes.
		 * @param level a {@link java.util.zip.Deflater} level, -1 (default) or 0 to 9
		 * @return this builder
		 */
		public Builder compression(int level) {
			if (level < -1 || level > 9) {
				throw new IllegalArgumentException("compression level must be between -1 and 9, but was " + level);
			}
			this.compressionLevel = level;
			return this;
		}

		/**
		 * Build the server; call {@link TcpServer#start()} to bind it.
		 * @return the server
		 */
		public TcpServer build() {
			return new TcpServer(this);
		}

	}

}
