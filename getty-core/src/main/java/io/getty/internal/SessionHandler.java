package io.getty.internal;

import java.io.IOException;

import io.getty.EventListener;
import io.getty.SessionInitializer;
import io.getty.codec.ReadWriter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
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

	SessionHandler(NettySession session, @Nullable SessionInitializer initializer,
			@Nullable EventListener<?> listener, @Nullable ReadWriter<?> codec) {
		this.session = session;
		this.initializer = initializer;
		this.listener = listener;
		this.codec = codec;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.session.activate(this.initializer, this.listener, this.codec);
		super.channelActive(ctx);
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
		if (reported instanceof IOException && this.session.isClosed()) {
			// A reset or broken pipe on a session that is already closing is just the
			// connection going away.
			return;
		}
		this.session.failed(reported);
	}

}
