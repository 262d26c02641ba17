package io.getty.internal;

import java.io.IOException;

import io.getty.EventListener;
import io.getty.SessionInitializer;
import io.getty.codec.ReadWriter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;

/**
 * Turns channel events into session lifecycle events: active opens the session,
 * exceptions fail it, inactive closes it.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {

	private final NettySession session;

	private final @Nullable SessionInitializer initializer;

	private final @Nullable EventListener<?> listener;

	private final @Nullable ReadWriter<?> codec;

	private final Activation activation;

	SessionHandler(NettySession session, @Nullable SessionInitializer initializer,
			@Nullable EventListener<?> listener, @Nullable ReadWriter<?> codec, Activation activation) {
		this.session = session;
		this.initializer = initializer;
		this.listener = listener;
		this.codec = codec;
		this.activation = activation;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		if (this.activation == Activation.CHANNEL_ACTIVE) {
			activate();
		}
		super.channelActive(ctx);
	}

	private void activate() {
		this.session.activate(this.initializer, this.listener, this.codec);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
			// A plaintext client, an untrusted certificate, a missing client certificate,
			// or a handshake timeout: counted, logged, and the connection is closed.
			this.session.handshakeFailed(handshake.cause());
			ctx.close();
		}
		else if (event instanceof SslHandshakeCompletionEvent && this.activation == Activation.TLS_HANDSHAKE) {
			activate();
		}
		else if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete
				&& this.activation == Activation.WEBSOCKET_SERVER_HANDSHAKE) {
			activate();
		}
		else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE
				&& this.activation == Activation.WEBSOCKET_CLIENT_HANDSHAKE) {
			activate();
		}
		super.userEventTriggered(ctx, event);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.session.channelClosed();
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// Netty wraps what a decoder throws; the listener wants the codec's own exception.
		Throwable reported = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause()
				: cause;
		if (!this.session.isOpened() && (reported instanceof DecoderException || reported instanceof IOException
				|| reported instanceof javax.net.ssl.SSLException)) {
			// Before the session opened this is a handshake going wrong; the handshake
			// event reports it once.
			ctx.close();
			return;
		}
		if (reported instanceof IOException && this.session.isClosed()) {
			// A reset or broken pipe on a session that is already closing is just the
			// connection going away.
			return;
		}
		this.session.failed(reported);
	}

}
