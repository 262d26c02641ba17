package io.getty.bench.harness.load;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * An in-process echo server that can break the echo in one specific way, to prove that
 * the load generator notices.
 */
final class MisbehavingEchoServer implements AutoCloseable {

	/** How the server breaks the echo, from the {@link #AFTER}th frame of a connection on. */
	enum Fault {

		/** No fault: a correct echo. */
		NONE,

		/** Flip the last byte of one payload. */
		CORRUPT_LAST_BYTE,

		/** Send two consecutive replies in swapped order. */
		SWAP_TWO,

		/** Never answer one frame. */
		DROP_ONE,

		/** Close the connection. */
		CLOSE

	}

	static final int AFTER = 100;

	/** The width of the intervals {@link #busyIntervals()} reports. */
	static final long BUSY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final Channel channel;

	private final AtomicLong framesEchoed = new AtomicLong();

	private final Set<Long> busyIntervals = ConcurrentHashMap.newKeySet();

	MisbehavingEchoServer(Fault fault) throws InterruptedException {
		this.channel = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4), new LengthFieldPrepender(4),
								new FaultyEcho(fault, MisbehavingEchoServer.this.framesEchoed,
										MisbehavingEchoServer.this.busyIntervals));
				}
			})
			.bind("127.0.0.1", 0)
			.sync()
			.channel();
	}

	long framesEchoed() {
		return this.framesEchoed.get();
	}

	/**
	 * Return the intervals of {@link #BUSY_INTERVAL_NANOS} in which this server received a
	 * frame, each as {@code System.nanoTime() / BUSY_INTERVAL_NANOS}.
	 */
	Set<Long> busyIntervals() {
		return Set.copyOf(this.busyIntervals);
	}

	InetSocketAddress address() {
		return (InetSocketAddress) this.channel.localAddress();
	}

	@Override
	public void close() {
		this.channel.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private static final class FaultyEcho extends ChannelInboundHandlerAdapter {

		private final Fault fault;

		private final AtomicLong echoed;

		private final Set<Long> busyIntervals;

		private int frames;

		private ByteBuf held;

		FaultyEcho(Fault fault, AtomicLong echoed, Set<Long> busyIntervals) {
			this.fault = fault;
			this.echoed = echoed;
			this.busyIntervals = busyIntervals;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf frame = (ByteBuf) msg;
			this.busyIntervals.add(System.nanoTime() / BUSY_INTERVAL_NANOS);
			int index = this.frames++;
			if (index != AFTER || this.fault == Fault.NONE) {
				this.echoed.incrementAndGet();
				ctx.write(frame);
				if (this.held != null) {
					ctx.write(this.held);
					this.held = null;
				}
				return;
			}
			switch (this.fault) {
				case CORRUPT_LAST_BYTE -> {
					int last = frame.writerIndex() - 1;
					frame.setByte(last, frame.getByte(last) ^ 0x5a);
					ctx.write(frame);
				}
				case SWAP_TWO -> this.held = frame;
				case DROP_ONE -> frame.release();
				case CLOSE -> {
					frame.release();
					ctx.close();
				}
				default -> throw new IllegalStateException(this.fault.name());
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			ctx.flush();
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			if (this.held != null) {
				this.held.release();
				this.held = null;
			}
		}

	}

}
