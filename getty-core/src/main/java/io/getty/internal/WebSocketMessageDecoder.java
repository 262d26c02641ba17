package io.getty.internal;

import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
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
		int length = content.readableBytes();
		this.session.bytesRead(length);
		PackageReader<?> reader = this.session.reader();
		if (reader == null || this.session.isClosed()) {
			return;
		}
		int max = this.session.maxMsgLen();
		if (max > 0 && length > max) {
			// A compressed frame can pass the frame decoder's limit and still inflate to
			// more than max-msg-len; the session closes with 1009.
			this.session.failed(new MessageTooLongException("a " + length + "-byte WebSocket message on "
					+ this.session.describe() + " exceeds max-msg-len " + max, length, max));
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
