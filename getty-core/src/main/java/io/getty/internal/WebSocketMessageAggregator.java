package io.getty.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins fragmented WebSocket messages up to {@code max-msg-len}; a longer message closes
 * the connection with status 1009 (message too big), as RFC 6455 asks.
 */
final class WebSocketMessageAggregator extends WebSocketFrameAggregator {

	private final NettySession session;

	WebSocketMessageAggregator(NettySession session, int maxContentLength) {
		super(maxContentLength);
		this.session = session;
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
		this.session.failed(new io.getty.codec.MessageTooLongException("a fragmented WebSocket message on "
				+ this.session.describe() + " grew past max-msg-len " + maxContentLength(), maxContentLength() + 1L,
				maxContentLength()));
		ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
				"message longer than " + maxContentLength() + " bytes"))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
