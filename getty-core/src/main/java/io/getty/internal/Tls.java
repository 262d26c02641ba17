package io.getty.internal;

import java.net.InetSocketAddress;
import java.time.Duration;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Creates TLS handlers. Clients verify the server's certificate chain (through the
 * context's trust manager) and its host name by default; Getty's clients skip both.
 */
public final class Tls {

	/** Default TLS handshake timeout: 10 s. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	private Tls() {
	}

	/**
	 * Create the handler of an accepted connection.
	 * @param context the server context, which decides about client certificates
	 * @param channel the channel
	 * @param handshakeTimeout the longest the handshake may take
	 * @return the handler
	 */
	public static SslHandler server(SslContext context, Channel channel, Duration handshakeTimeout) {
		SslHandler handler = context.newHandler(channel.alloc());
		handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
		return handler;
	}

	/**
	 * Create the handler of an outgoing connection.
	 * @param context the client context
	 * @param channel the channel
	 * @param server the server, for SNI and host name verification
	 * @param verifyHostname whether the certificate must name the server
	 * @param handshakeTimeout the longest the handshake may take
	 * @return the handler
	 */
	public static SslHandler client(SslContext context, Channel channel, InetSocketAddress server,
			boolean verifyHostname, Duration handshakeTimeout) {
		SslHandler handler = context.newHandler(channel.alloc(), server.getHostString(), server.getPort());
		SSLEngine engine = handler.engine();
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
		engine.setSSLParameters(parameters);
		handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
		return handler;
	}

}
