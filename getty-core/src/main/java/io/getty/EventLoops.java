package io.getty;

import java.util.concurrent.TimeUnit;

import io.getty.internal.TurnEndingIoHandler;
import io.getty.internal.WholeMillisecondWaits;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The I/O threads endpoints run on, with the transport that fits them: Linux's native
 * epoll where it loads, Java NIO elsewhere.
 *
 * <p>
 * Endpoints share {@link #shared()} unless given their own. Instances are reference
 * counted: an endpoint holds a reference while it runs, the creator holds one until it
 * calls {@link #close()}, and the threads stop when the last reference goes. So the
 * shared threads exist exactly while some endpoint runs. The threads are not daemon
 * threads: a running server keeps the JVM alive, as a web server does.
 *
 * <p>
 * Set the system property {@code getty.native=false} to force NIO.
 *
 * <p>
 * On NIO the threads wait for their next timer in whole milliseconds, so a task scheduled
 * on them runs up to a millisecond after its delay, never before; Netty's own NIO loop
 * would instead poll without waiting through the last half millisecond. Epoll's timers
 * keep their microseconds.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class EventLoops implements AutoCloseable {

	private static final Object SHARED_LOCK = new Object();

	private static @Nullable EventLoops shared;

	private final EventLoopGroup group;

	private final boolean epoll;

	private int references = 1;

	private EventLoops(int threads, boolean preferNative, String threadPrefix) {
		this.epoll = preferNative && Boolean.parseBoolean(System.getProperty("getty.native", "true"))
				&& Epoll.isAvailable();
		IoHandlerFactory handler = TurnEndingIoHandler.wrap(
				this.epoll ? EpollIoHandler.newFactory() : WholeMillisecondWaits.wrap(NioIoHandler.newFactory()));
		this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, false), handler);
	}

	/**
	 * Create event loops that the caller owns.
	 * @param threads the number of I/O threads; 0 means twice the number of cores
	 * @param preferNative whether to use epoll where available
	 * @return the event loops, holding one reference for the caller
	 */
	public static EventLoops create(int threads, boolean preferNative) {
		if (threads < 0) {
			throw new IllegalArgumentException("threads must not be negative, but was " + threads);
		}
		return new EventLoops(threads, preferNative, "getty-io");
	}

	/**
	 * Return the shared event loops, creating them if no endpoint runs, with one more
	 * reference that the caller must {@link #close()}.
	 * @return the shared event loops
	 */
	public static EventLoops shared() {
		synchronized (SHARED_LOCK) {
			EventLoops current = shared;
			if (current != null && current.tryRetain()) {
				return current;
			}
			current = new EventLoops(0, true, "getty-io-shared");
			shared = current;
			return current;
		}
	}

	/**
	 * Add a reference, for an endpoint that starts using these event loops.
	 * @return this
	 * @throws IllegalStateException if the event loops already shut down
	 */
	public EventLoops retain() {
		if (!tryRetain()) {
			throw new IllegalStateException("These event loops were already shut down; create new ones");
		}
		return this;
	}

	private synchronized boolean tryRetain() {
		if (this.references == 0) {
			return false;
		}
		this.references++;
		return true;
	}

	/**
	 * Drop a reference; the threads stop when the last reference goes.
	 */
	@Override
	public void close() {
		boolean last;
		synchronized (this) {
			if (this.references == 0) {
				return;
			}
			last = --this.references == 0;
		}
		if (last) {
			this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
		}
	}

	/**
	 * Return the Netty event loop group.
	 * @return the group
	 */
	public EventLoopGroup group() {
		return this.group;
	}

	/**
	 * Return whether the native epoll transport is in use.
	 * @return {@code true} for epoll, {@code false} for NIO
	 */
	public boolean isNative() {
		return this.epoll;
	}

	/**
	 * Return the server socket channel class for this transport.
	 * @return the class
	 */
	public Class<? extends ServerSocketChannel> serverSocketChannelType() {
		return this.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

	/**
	 * Return the socket channel class for this transport.
	 * @return the class
	 */
	public Class<? extends SocketChannel> socketChannelType() {
		return this.epoll ? EpollSocketChannel.class : NioSocketChannel.class;
	}

	/**
	 * Return the datagram channel class for this transport.
	 * @return the class
	 */
	public Class<? extends DatagramChannel> datagramChannelType() {
		return this.epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
	}

	@Override
	public String toString() {
		return "EventLoops{transport=" + (this.epoll ? "epoll" : "nio") + "}";
	}

}
