package io.getty.internal;

import io.getty.codec.MessageTooLongException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins fragmented WebSocket messages up to {@code max-msg-len}; a longer message fails
 * the session, which closes with status 1009 (message too big), as RFC 6455 asks.
 */
final class WebSocketMessageAggregator extends WebSocketFrameAggregator {

	private final NettySession session;

	WebSocketMessageAggregator(NettySession session, int maxContentLength) {
		super(maxContentLength);
		this.session = session;
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
		this.session.failed(new MessageTooLongException("a fragmented WebSocket message on "
				+ this.session.describe() + " grew past max-msg-len " + maxContentLength(), maxContentLength() + 1L,
				maxContentLength()));
	}

}
