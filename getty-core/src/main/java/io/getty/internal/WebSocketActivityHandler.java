package io.getty.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;

/**
 * Counts a received ping or pong as activity, as Getty does, before the protocol handler
 * answers or drops it.
 */
final class WebSocketActivityHandler extends ChannelInboundHandlerAdapter {

	private final NettySession session;

	WebSocketActivityHandler(NettySession session) {
		this.session = session;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame) {
			this.session.touch();
		}
		super.channelRead(ctx, msg);
	}

}
