package io.getty;

import java.time.Duration;
import java.util.Objects;

import io.getty.internal.Tls;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

/**
 * The settings of servers that accept connections, TCP and WebSocket (Getty's
 * {@code StreamServer}): the accept backlog, a connection limit and TLS.
 *
 * @param <B> the concrete builder type
 * @author getty team
 * @since 0.1.0
 */
public abstract class StreamServerBuilder<B extends StreamServerBuilder<B>> extends ServerBuilder<B> {

	private int maxConnections;

	private int backlog = 1024;

	private @Nullable SslContext sslContext;

	private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;

	/**
	 * Create a builder.
	 */
	protected StreamServerBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Refuse connections beyond this many at once: they are closed as soon as they are
	 * accepted, counted in {@code stats().refusedConnections()} and logged.
	 * @param maxConnections the limit, or 0 (the default) for none
	 * @return this builder
	 */
	public B maxConnections(int maxConnections) {
		if (maxConnections < 0) {
			throw new IllegalArgumentException("maxConnections must not be negative, but was " + maxConnections);
		}
		this.maxConnections = maxConnections;
		return self();
	}

	/**
	 * Set the accept backlog.
	 * @param backlog connections the kernel queues before they are accepted (default
	 * 1024)
	 * @return this builder
	 */
	public B backlog(int backlog) {
		if (backlog < 1) {
			throw new IllegalArgumentException("backlog must be at least 1, but was " + backlog);
		}
		this.backlog = backlog;
		return self();
	}

	/**
	 * Serve TLS. Build the context with {@code SslContextBuilder.forServer(...)}, and with
	 * {@code clientAuth(ClientAuth.REQUIRE)} and a trust manager for mutual TLS.
	 * @param sslContext the server context
	 * @return this builder
	 */
	public B sslContext(SslContext sslContext) {
		Objects.requireNonNull(sslContext, "sslContext");
		if (!sslContext.isServer()) {
			throw new IllegalArgumentException(
					"A server needs a server SslContext; build it with SslContextBuilder.forServer(...)");
		}
		this.sslContext = sslContext;
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
	 * Return the connection limit set so far.
	 * @return the limit, 0 for none
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Return the accept backlog set so far.
	 * @return the backlog
	 */
	public int backlog() {
		return this.backlog;
	}

	/**
	 * Return the TLS context set so far.
	 * @return the context, or {@code null} for none
	 */
	public @Nullable SslContext sslContext() {
		return this.sslContext;
	}

	/**
	 * Return the handshake timeout set so far.
	 * @return the timeout
	 */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

}
