package io.getty.ws;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import javax.net.ssl.SSLException;

import io.getty.StreamClientBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.GettyException;
import io.getty.internal.AbstractClient;
import io.getty.internal.Tls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client that keeps a pool of sessions to one {@code ws://} or
 * {@code wss://} URI: Getty's {@code NewWSClient} and {@code NewWSSClient}. With
 * {@code wss} the server's certificate is verified against the JVM's trust store unless
 * an {@link SslContext} says otherwise (Getty's WSS client does not verify).
 *
 * @author getty team
 * @since 0.1.0
 */
public final class WsClient extends AbstractClient {

	private final boolean secure;

	private final String path;

	private volatile @Nullable URI uri;

	private final @Nullable SslContext sslContext;

	private final boolean verifyHostname;

	private final boolean compression;

	private final Duration handshakeTimeout;

	private WsClient(Builder builder, @Nullable SslContext sslContext) {
		super(builder, builder.secure ? EndPointType.WSS_CLIENT : EndPointType.WS_CLIENT);
		this.secure = builder.secure;
		this.path = builder.path;
		this.sslContext = sslContext;
		this.verifyHostname = builder.verifyHostname();
		this.compression = builder.compression;
		this.handshakeTimeout = builder.handshakeTimeout();
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
		return (this.sslContext != null) ? "WSS client" : "WebSocket client";
	}

	/**
	 * Return the server URI, known once the client started.
	 * @return the URI, or {@code null} before {@link #start()}
	 */
	public @Nullable URI uri() {
		return this.uri;
	}

	@Override
	protected void configure(Bootstrap bootstrap, EventLoops loops, InetSocketAddress server) {
		URI target = URI.create((this.secure ? "wss://" : "ws://")
				+ io.getty.internal.Addresses.format(server) + this.path);
		this.uri = target;
		bootstrap.channel(loops.socketChannelType())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					initWebSocketClientChannel(channel,
							(WsClient.this.sslContext != null) ? Tls.client(WsClient.this.sslContext, channel, server,
									WsClient.this.verifyHostname, WsClient.this.handshakeTimeout) : null,
							target, WsClient.this.compression, WsClient.this.handshakeTimeout);
				}
			});
	}

	/**
	 * Builds a {@link WsClient}.
	 */
	public static final class Builder extends StreamClientBuilder<Builder> {

		private boolean secure;

		private String path = "/";

		private boolean compression = true;

		private Builder() {
		}

		/**
		 * Set the server URI, which also sets the server address.
		 * @param uri a {@code ws://} or {@code wss://} URI
		 * @return this builder
		 */
		public Builder uri(String uri) {
			return uri(URI.create(uri));
		}

		/**
		 * Set the server URI, which also sets the server address.
		 * @param uri a {@code ws://} or {@code wss://} URI
		 * @return this builder
		 */
		public Builder uri(URI uri) {
			Objects.requireNonNull(uri, "uri");
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
				throw new IllegalArgumentException("A WebSocket URI looks like ws://host:port/path or "
						+ "wss://host:port/path, but was '" + uri + "'");
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : scheme.equals("wss") ? 443 : 80;
			this.secure = scheme.equals("wss");
			this.path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/"
					: uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			return serverAddress(uri.getHost(), port);
		}

		/**
		 * Set whether to connect with {@code wss} (default: as the URI says, else
		 * {@code false}), for a client whose server address is given separately.
		 * @param secure whether to use TLS
		 * @return this builder
		 */
		public Builder secure(boolean secure) {
			this.secure = secure;
			return this;
		}

		/**
		 * Set the path of the WebSocket, for a client whose server address is given
		 * separately.
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
		 * Set whether to offer permessage-deflate (default {@code true}).
		 * @param compression whether to offer compression
		 * @return this builder
		 */
		public Builder compression(boolean compression) {
			this.compression = compression;
			return this;
		}

		/**
		 * Build the client; call {@link WsClient#start()} to connect.
		 * @return the client
		 */
		public WsClient build() {
			SslContext context = this.secure ? sslContext() : null;
			if (this.secure && context == null) {
				try {
					context = SslContextBuilder.forClient().build();
				}
				catch (SSLException ex) {
					throw new GettyException("Could not create the default TLS context of a wss client", ex);
				}
			}
			return new WsClient(this, context);
		}

	}

}
