package io.getty.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.compression.ZlibEncoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The end of a graceful close of a TCP connection (TCP and WebSocket sessions, with or
 * without TLS), once the session's last write has been flushed: its output is shut down,
 * so that the peer receives everything and then the end of the stream (after the end of
 * the compressed stream and TLS's {@code close_notify}), and whatever the peer still
 * sends is read and thrown away until the peer closes too, or nothing has arrived for
 * {@link #QUIET_NANOS}; the session's wait time bounds all of it (the caller's deadline).
 * A session closed for bad input lingers too, so that its error (a WebSocket 1009, say)
 * and its replies to the packages before it reach the peer; a peer that keeps sending
 * then costs the reading of what it sends for the wait time.
 *
 * <p>
 * Why not simply close: a socket closed while input it has not read is waiting, or that
 * receives input after it was closed, is reset by the kernel, and a reset throws away
 * what the kernel has not sent yet. The replies a session wrote last, already counted as
 * written, would never arrive whenever its peer was still sending: when an endpoint shuts
 * down under load, or when a session closes after answering a peer that pipelines while
 * its small receive window holds the replies back. This is the "lingering close" of
 * HTTP servers. It runs on the channel's I/O thread and sits first in the pipeline, so
 * nothing it discards reaches TLS, the decoders or the listener.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter implements Runnable {

	/**
	 * How long the peer may stay silent before the connection is closed, at most the
	 * session's wait time. A peer still reading the last replies may send more before it
	 * reaches the end of the stream (a pipelining client answering each reply, say); a
	 * second covers that for a peer that reads a few hundred KiB at the speed of a slow
	 * link, as HTTP servers' lingering closes do (httpd waits 2 s per read), and it is
	 * what a peer that neither closes nor sends costs a close. A peer that is silent for
	 * longer and then sends again gets a reset, as from any closed socket.
	 */
	static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Channel channel;

	private final long quietNanos;

	private boolean received;

	private @Nullable ScheduledFuture<?> quietCheck;

	private LingeringClose(Channel channel, long quietNanos) {
		this.channel = channel;
		this.quietNanos = quietNanos;
	}

	/**
	 * Return whether a graceful close of this channel can linger: a TCP socket, whose
	 * output can be shut down on its own.
	 * @param channel the session's channel
	 * @return whether {@link #start} applies
	 */
	static boolean appliesTo(Channel channel) {
		return channel instanceof DuplexChannel;
	}

	/**
	 * Shut the output down and discard the input until the peer closes or goes quiet.
	 * Call on the I/O thread once the session's writes are flushed.
	 * @param channel the session's channel, which {@link #appliesTo} accepted
	 * @param deadline closes the channel when the session's wait time is up; cancelled
	 * when the channel closes first
	 * @param waitTime the session's wait time, which also bounds the quiet period
	 */
	static void start(Channel channel, ScheduledFuture<?> deadline, Duration waitTime) {
		channel.closeFuture().addListener((ChannelFutureListener) (closed) -> deadline.cancel(false));
		if (!channel.isActive()) {
			channel.close();
			return;
		}
		LingeringClose linger = new LingeringClose(channel, Math.min(QUIET_NANOS, waitTime.toNanos()));
		channel.pipeline().addFirst(GettyPipeline.LINGER, linger);
		// What the pipeline writes when a channel closes goes before the end of the stream,
		// as a close would send it: the end of the compressed stream, then TLS's close_notify.
		ZlibEncoder deflater = channel.pipeline().get(ZlibEncoder.class);
		ChannelFuture deflated = (deflater != null) ? deflater.close() : channel.newSucceededFuture();
		deflated.addListener((ChannelFutureListener) (compressionEnded) -> {
			SslHandler tls = channel.pipeline().get(SslHandler.class);
			ChannelFuture notified = (tls != null) ? tls.closeOutbound() : channel.newSucceededFuture();
			notified.addListener((ChannelFutureListener) (tlsEnded) -> linger.shutDownOutput());
		});
	}

	private void shutDownOutput() {
		if (!this.channel.isActive()) {
			return;
		}
		((DuplexChannel) this.channel).shutdownOutput().addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				this.channel.close();
			}
		});
		// Read again if the session had stopped (an endpoint's graceful close stops
		// reading so that only packages already accepted are answered).
		this.channel.config().setAutoRead(true);
		scheduleQuietCheck();
	}

	private void scheduleQuietCheck() {
		this.quietCheck = this.channel.eventLoop().schedule(this, this.quietNanos, TimeUnit.NANOSECONDS);
	}

	/** The quiet check: close if nothing arrived since the last one. */
	@Override
	public void run() {
		if (this.received && this.channel.isActive()) {
			this.received = false;
			scheduleQuietCheck();
		}
		else {
			this.channel.close();
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
		this.received = true;
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		// Nothing was passed on, so there is nothing to complete.
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// A reset from a peer that gave up first: the session is closing anyway, and what
		// it wrote has been flushed.
		ctx.close();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		ScheduledFuture<?> check = this.quietCheck;
		if (check != null) {
			check.cancel(false);
		}
		ctx.fireChannelInactive();
	}

}
