package io.getty.internal;

import java.net.InetSocketAddress;

import io.getty.GettyException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.jspecify.annotations.Nullable;

/**
 * What differs between transports once a package is encoded: the message handed to the
 * channel, and how the session is closed and kept alive.
 */
enum SessionTransport {

	/** TCP, with or without TLS: the bytes as they are. */
	STREAM,

	/** An unconnected UDP endpoint: every write needs a peer. */
	DATAGRAM,

	/** A connected UDP client: writes go to the connected peer unless one is given. */
	CONNECTED_DATAGRAM,

	/** WebSocket: one message per package, pinged on every cron tick. */
	WEBSOCKET;

	/**
	 * Wrap encoded bytes into the message the channel writes.
	 * @param encoded the encoded package, owned by the returned message
	 * @param peer the peer, for UDP
	 * @param text whether the package was text (a WebSocket text message)
	 * @param session for error messages
	 * @return the message
	 */
	Object outbound(ByteBuf encoded, @Nullable InetSocketAddress peer, boolean text, NettySession session) {
		return switch (this) {
			case STREAM -> encoded;
			case DATAGRAM -> {
				if (peer == null) {
					encoded.release();
					throw new GettyException(session.describe() + " is an unconnected UDP endpoint: every write "
							+ "needs a peer. Write a UdpPackage(pkg, peer), for example the peer of the package "
							+ "being answered (Getty's ErrNullPeerAddr)");
				}
				yield new DatagramPacket(encoded, peer);
			}
			case CONNECTED_DATAGRAM -> (peer != null) ? new DatagramPacket(encoded, peer) : encoded;
			case WEBSOCKET -> text ? new TextWebSocketFrame(encoded) : new BinaryWebSocketFrame(encoded);
		};
	}

	boolean isDatagram() {
		return this == DATAGRAM || this == CONNECTED_DATAGRAM;
	}

}
