package io.getty;

import java.time.Duration;
import java.util.Objects;

import io.getty.internal.Tls;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * The settings of clients over a connection, TCP and WebSocket: TLS, with the server's
 * certificate chain and host name verified unless turned off.
 *
 * @param <B> the concrete builder type
 * @author getty team
 * @since 0.1.0
 */
public abstract class StreamClientBuilder<B extends StreamClientBuilder<B>> extends ClientBuilder<B> {

	private @Nullable SslContext sslContext;

	private boolean verifyHostname = true;

	private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;

	/**
	 * Create a builder.
	 */
	protected StreamClientBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Connect with TLS. Build the context with {@code SslContextBuilder.forClient()}, a
	 * trust manager for the server's CA, and a key manager for mutual TLS.
	 * @param sslContext the client context
	 * @return this builder
	 */
	public B sslContext(SslContext sslContext) {
		Objects.requireNonNull(sslContext, "sslContext");
		if (sslContext.isServer()) {
			throw new IllegalArgumentException(
					"A client needs a client SslContext; build it with SslContextBuilder.forClient()");
		}
		this.sslContext = sslContext;
		return self();
	}

	/**
	 * Set whether the server certificate must name the host connected to (default
	 * {@code true}).
	 * @param verifyHostname whether to verify the host name
	 * @return this builder
	 */
	public B verifyHostname(boolean verifyHostname) {
		this.verifyHostname = verifyHostname;
		return self();
	}

	/**
	 * Set the longest a TLS handshake (and, on WebSocket, the upgrade) may take.
	 * @param timeout a positive duration
	 * @return this builder
	 */
	public B handshakeTimeout(Duration timeout) {
		this.handshakeTimeout = SessionOptions.requirePositive(timeout, "handshakeTimeout");
		return self();
	}

	/**
	 * Return the TLS context set so far.
	 * @return the context, or {@code null} for none
	 */
	public @Nullable SslContext sslContext() {
		return this.sslContext;
	}

	/**
	 * Return whether the server's host name is verified.
	 * @return {@code true} by default
	 */
	public boolean verifyHostname() {
		return this.verifyHostname;
	}

	/**
	 * Return the handshake timeout set so far.
	 * @return the timeout
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

}
