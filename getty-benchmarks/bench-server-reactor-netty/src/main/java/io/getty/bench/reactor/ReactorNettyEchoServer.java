package io.getty.bench.reactor;

import java.time.Duration;

import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

/**
 * A Reactor Netty echo server: {@link TcpServer} on {@link LoopResources} with one worker
 * and no separate selector thread, a {@link LengthFieldBasedFrameDecoder} added per
 * connection, and a handler that receives each frame as a {@code byte[]}
 * ({@code receive().asByteArray()}) and sends it back with its length prefix.
 * {@code NettyOutbound.send} flushes when the stream of replies has nothing more ready,
 * so replies to one read batch share a flush.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ReactorNettyEchoServer implements EchoServer {

	private final DisposableServer server;

	private final LoopResources loops;

	private ReactorNettyEchoServer(DisposableServer server, LoopResources loops) {
		this.server = server;
		this.loops = loops;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 */
	public static ReactorNettyEchoServer start(ServerOptions options) {
		if (options.epoll()) {
			// The main table is NIO for every peer; the epoll jar is not on this class path.
			throw new IllegalArgumentException("This benchmark runs Reactor Netty on NIO only");
		}
		LoopResources loops = LoopResources.create("bench-reactor", 1, true);
		int maxFrame = options.maxFrameLength();
		DisposableServer server = TcpServer.create()
			.host(options.host())
			.port(options.port())
			.runOn(loops, false)
			.option(ChannelOption.SO_BACKLOG, ServerOptions.BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.doOnConnection((connection) -> connection
				.addHandlerLast(new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4)))
			.handle((in, out) -> out
				.send(in.receive().asByteArray().map((payload) -> frame(out.alloc(), payload))))
			.bindNow(Duration.ofSeconds(30));
		return new ReactorNettyEchoServer(server, loops);
	}

	private static ByteBuf frame(ByteBufAllocator allocator, byte[] payload) {
		return allocator.buffer(4 + payload.length).writeInt(payload.length).writeBytes(payload);
	}

	@Override
	public int port() {
		return this.server.port();
	}

	@Override
	public Transport transport() {
		return Transport.NIO;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
	}

}
