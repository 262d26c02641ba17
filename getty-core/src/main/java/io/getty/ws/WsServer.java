package io.getty.ws;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

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
public final class WsServer extends AbstractServer {

	private final String path;

	private final Set<String> allowedOrigins;

	private final boolean compression;

	private final int maxConnections;

	private final int backlog;

	private final @Nullable SslContext sslContext;

	private final Duration handshakeTimeout;

	private WsServer(Builder builder) {
		super(builder, (builder.sslContext() != null) ? EndPointType.WSS_SERVER : EndPointType.WS_SERVER);
		this.path = builder.path;
		this.allowedOrigins = Set.copyOf(builder.allowedOrigins);
		this.compression = builder.compression;
		this.maxConnections = builder.maxConnections();
		this.backlog = builder.backlog();
		this.sslContext = builder.sslContext();
		this.handshakeTimeout = builder.handshakeTimeout();
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
			.option(ChannelOption.SO_BACKLOG, this.backlog)
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
		bindAndLog(bootstrap, "path " + this.path + ", " + (loops.isNative() ? "epoll" : "nio"));
	}

	/**
	 * Return the WebSocket path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Builds a {@link WsServer}; an {@link #sslContext(SslContext) SslContext} makes it
	 * {@code wss}.
	 */
	public static final class Builder extends StreamServerBuilder<Builder> {

		private String path = "/";

		private Collection<String> allowedOrigins = Set.of();

		private boolean compression = true;

		private Builder() {
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
		 * Build the server; call {@link WsServer#start()} to bind it.
		 * @return the server
		 */
		public WsServer build() {
			return new WsServer(this);
		}

	}

}
