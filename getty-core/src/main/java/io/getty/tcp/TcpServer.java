package io.getty.tcp;

import java.time.Duration;

import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.StreamServerBuilder;
import io.getty.internal.AbstractServer;
import io.getty.internal.Tls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

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
public final class TcpServer extends AbstractServer {

	private final int backlog;

	private final int maxConnections;

	private final @Nullable SslContext sslContext;

	private final Duration handshakeTimeout;

	private final @Nullable Integer compressionLevel;

	private TcpServer(Builder builder) {
		super(builder, EndPointType.TCP_SERVER);
		this.backlog = builder.backlog();
		this.maxConnections = builder.maxConnections();
		this.sslContext = builder.sslContext();
		this.handshakeTimeout = builder.handshakeTimeout();
		this.compressionLevel = builder.compressionLevel;
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
		bindAndLog(bootstrap, (loops.isNative() ? "epoll" : "nio") + ((this.sslContext != null) ? ", TLS" : ""));
	}

	/**
	 * Builds a {@link TcpServer}.
	 */
	public static final class Builder extends StreamServerBuilder<Builder> {

		private @Nullable Integer compressionLevel;

		private Builder() {
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
