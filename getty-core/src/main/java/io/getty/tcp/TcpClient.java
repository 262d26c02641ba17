package io.getty.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.getty.ClientBuilder;
import io.getty.StreamClientBuilder;
import io.getty.EndPointType;
import io.getty.EventLoops;
import io.getty.internal.AbstractClient;
import io.getty.internal.Tls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * A TCP client, optionally with TLS, that keeps a pool of {@code connectionNumber}
 * sessions to one server: Getty's {@code NewTCPClient}.
 *
 * <p>
 * {@link #start()} returns at once and connects in the background, so an unreachable
 * server never blocks the caller. A session that closes is replaced; a failed attempt is
 * retried after {@code reconnectInterval × attempt} (the multiplier capped at
 * {@code maxBackoffMultiplier}), and after {@code reconnectAttempts} failures in a row the
 * client stops trying until another of its sessions closes. {@link #close(Duration)}
 * stops reconnecting first, then closes every session.
 *
 * <pre class="code">
 * TcpClient client = TcpClient.builder()
 *         .serverAddress("127.0.0.1", 7070)
 *         .connectionNumber(2)
 *         .codec(LengthFieldCodec.int32BigEndian())
 *         .listener(listener)
 *         .build();
 * client.start();
 * client.writePkg("hello".getBytes());
 * </pre>
 *
 * With TLS the server's certificate chain and host name are verified unless turned off.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class TcpClient extends AbstractClient {

	/** Default pause before the first reconnect attempt: 300 ms, as in Getty. */
	public static final Duration DEFAULT_RECONNECT_INTERVAL = ClientBuilder.DEFAULT_RECONNECT_INTERVAL;

	/** Default failed attempts in a row before giving up: 50, as in Getty. */
	public static final int DEFAULT_RECONNECT_ATTEMPTS = ClientBuilder.DEFAULT_RECONNECT_ATTEMPTS;

	/** Default cap of the backoff multiplier: 10, as in Getty. */
	public static final int DEFAULT_MAX_BACKOFF_MULTIPLIER = ClientBuilder.DEFAULT_MAX_BACKOFF_MULTIPLIER;

	/** Default connect timeout: 3 s, as in Getty. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = ClientBuilder.DEFAULT_CONNECT_TIMEOUT;

	private final @Nullable SslContext sslContext;

	private final boolean verifyHostname;

	private final Duration handshakeTimeout;

	private final @Nullable Integer compressionLevel;

	private TcpClient(Builder builder) {
		super(builder, EndPointType.TCP_CLIENT);
		this.sslContext = builder.sslContext();
		this.verifyHostname = builder.verifyHostname();
		this.handshakeTimeout = builder.handshakeTimeout();
		this.compressionLevel = builder.compressionLevel;
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
		return "TCP client";
	}

	@Override
	protected void configure(Bootstrap bootstrap, EventLoops loops, InetSocketAddress server) {
		bootstrap.channel(loops.socketChannelType())
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					initStreamChannel(channel,
							(TcpClient.this.sslContext != null) ? Tls.client(TcpClient.this.sslContext, channel,
									server, TcpClient.this.verifyHostname, TcpClient.this.handshakeTimeout) : null,
							TcpClient.this.compressionLevel);
				}
			});
	}

	/**
	 * Builds a {@link TcpClient}.
	 */
	public static final class Builder extends StreamClientBuilder<Builder> {

		private @Nullable Integer compressionLevel;

		private Builder() {
		}

		/**
		 * Compress the stream with raw DEFLATE and a sync flush after every package, as
		 * Getty's {@code SetCompressType} does; the server must do the same.
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
		 * Build the client; call {@link TcpClient#start()} to connect.
		 * @return the client
		 */
		public TcpClient build() {
			return new TcpClient(this);
		}

	}

}
