package io.getty.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.PackageReader;
import io.getty.udp.UdpPackage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * Runs the session's reader once per datagram, as Getty does, and hands the package on
 * with its sender. A datagram that is too long or does not decode is dropped and counted;
 * the endpoint keeps serving everyone else.
 */
final class DatagramDecoder extends SimpleChannelInboundHandler<DatagramPacket> {

	/** Getty's connected UDP clients send this probe first; Getty servers ignore it. */
	private static final ByteBuf CONNECT_PING = Unpooled
		.unreleasableBuffer(Unpooled.copiedBuffer("connect-ping", StandardCharsets.US_ASCII));

	private final NettySession session;

	DatagramDecoder(NettySession session) {
		this.session = session;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
		ByteBuf content = packet.content();
		int length = content.readableBytes();
		this.session.bytesRead(length);
		PackageReader<?> reader = this.session.reader();
		if (reader == null || this.session.isClosed() || length == 0
				|| ByteBufUtil.equals(content, CONNECT_PING)) {
			return;
		}
		InetSocketAddress sender = packet.sender();
		int max = this.session.maxMsgLen();
		if (max > 0 && length > max) {
			this.session.dropped(new MessageTooLongException("a " + length + "-byte datagram from "
					+ Addresses.format(sender) + " exceeds max-msg-len " + max + " of " + this.session.describe(),
					length, max));
			return;
		}
		try {
			Object pkg = reader.read(this.session, content);
			if (pkg == null) {
				throw new CodecException(reader + " found no whole package in a " + length + "-byte datagram from "
						+ Addresses.format(sender));
			}
			this.session.received(new UdpPackage<>(pkg, (sender != null) ? sender
					: (InetSocketAddress) ctx.channel().remoteAddress()));
		}
		catch (Exception ex) {
			// One bad datagram costs only itself (Getty drops it too).
			this.session.dropped(ex);
		}
	}

}
