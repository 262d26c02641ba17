package io.getty.internal;

import io.getty.codec.CodecException;
import io.getty.codec.PackageReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Runs the session's reader once per whole WebSocket message (text or binary, fragments
 * already joined). A message that does not decode is dropped and counted, as in Getty;
 * the session stays open.
 */
final class WebSocketMessageDecoder extends SimpleChannelInboundHandler<WebSocketFrame> {

	private final NettySession session;

	WebSocketMessageDecoder(NettySession session) {
		this.session = session;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
			return;
		}
		ByteBuf content = frame.content();
		this.session.bytesRead(content.readableBytes());
		PackageReader<?> reader = this.session.reader();
		if (reader == null || this.session.isClosed()) {
			return;
		}
		try {
			Object pkg = reader.read(this.session, content);
			if (pkg == null) {
				throw new CodecException(reader + " found no whole package in a " + content.readableBytes()
						+ "-byte WebSocket message");
			}
			this.session.received(pkg);
		}
		catch (Exception ex) {
			this.session.dropped(ex);
		}
	}

}
