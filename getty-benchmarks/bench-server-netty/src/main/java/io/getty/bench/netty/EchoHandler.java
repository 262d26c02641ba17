package io.getty.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Echoes each frame under the byte[] contract the other servers follow: the payload is
 * copied out into a {@code byte[]}, and that array is written back. Writes are flushed
 * once per read batch, in {@link #channelReadComplete}, which is what a hand-tuned Netty
 * handler does.
 *
 * @author getty team
 * @since 0.1.0
 */
@Sharable
final class EchoHandler extends ChannelInboundHandlerAdapter {

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		byte[] payload;
		try {
			payload = ByteBufUtil.getBytes(frame);
		}
		finally {
			frame.release();
		}
		ctx.write(Unpooled.wrappedBuffer(payload), ctx.voidPromise());
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// A peer that resets or sends an oversized frame loses its own connection only.
		ctx.close();
	}

}
