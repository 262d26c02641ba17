package io.getty.bench.netty;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * A raw Netty 4.2 echo server: one event loop for accepting and I/O,
 * {@link LengthFieldBasedFrameDecoder} and {@link LengthFieldPrepender} for the 4-byte
 * framing, and {@link EchoHandler} in between.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class NettyEchoServer implements EchoServer {

	private final EventLoopGroup group;

	private final Channel channel;

	private final Transport transport;

	private NettyEchoServer(EventLoopGroup group, Channel channel, Transport transport) {
		this.group = group;
		this.channel = channel;
		this.transport = transport;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 * @throws InterruptedException if interrupted while binding
	 */
	public static NettyEchoServer start(ServerOptions options) throws InterruptedException {
		boolean epoll = options.epoll() && Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
		EchoHandler echo = new EchoHandler();
		int maxFrame = options.maxFrameLength();
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(channelType)
			.option(ChannelOption.SO_BACKLOG, ServerOptions.BACKLOG)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4), new LengthFieldPrepender(4),
								echo);
				}
			});
		Channel channel = bootstrap.bind(options.host(), options.port()).sync().channel();
		return new NettyEchoServer(group, channel, epoll ? Transport.EPOLL : Transport.NIO);
	}

	@Override
	public int port() {
		return ((InetSocketAddress) this.channel.localAddress()).getPort();
	}

	@Override
	public Transport transport() {
		return this.transport;
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
