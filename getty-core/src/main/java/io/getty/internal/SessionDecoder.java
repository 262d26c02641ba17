package io.getty.internal;

import java.util.List;

import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.PackageReader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Runs the session's {@link PackageReader} over Netty's cumulation buffer and hands each
 * package straight to the session, without a trip through the rest of the pipeline.
 *
 * <p>
 * Two limits protect memory and the event loop whatever the reader does: no more than
 * {@code maxMsgLen} bytes are buffered without producing a package, and a package that
 * started arriving must complete within the read timeout.
 */
final class SessionDecoder extends ByteToMessageDecoder {

	private final NettySession session;

	/** When the bytes of the current incomplete package began to arrive; 0 if none. */
	private long partialSinceNanos;

	/** Created when a package first arrives in parts: most sessions never need it. */
	private @Nullable ReadTimeout readTimeout;

	SessionDecoder(NettySession session) {
		this.session = session;
		setCumulator(MERGE_CUMULATOR);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (msg instanceof ByteBuf buf) {
			this.session.bytesRead(buf.readableBytes());
		}
		this.session.reading(true);
		try {
			super.channelRead(ctx, msg);
		}
		finally {
			this.session.reading(false);
		}
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
		PackageReader<?> reader = this.session.reader();
		if (reader == null || this.session.isClosed()) {
			// After an error or a local close nothing more is delivered. A peer's close
			// is different: the session is still open while Netty decodes what arrived
			// before the FIN, so the last packages are not lost (Getty issue #77).
			in.skipBytes(in.readableBytes());
			return;
		}
		if (this.session.saturated()) {
			// Backpressure: the rest stays buffered until the task pool catches up, so a
			// large read cannot queue more than the pool's limit.
			return;
		}
		int start = in.readerIndex();
		Object pkg = reader.read(this.session, in);
		if (pkg == null) {
			incomplete(ctx, in);
			return;
		}
		int used = in.readerIndex() - start;
		if (used <= 0) {
			throw new CodecException(reader + " returned a package without consuming any bytes on "
					+ this.session.describe() + "; a reader must advance the reader index past the package");
		}
		PackageReader.checkLength(this.session, used);
		this.partialSinceNanos = 0;
		this.session.received(pkg);
	}

	private void incomplete(ChannelHandlerContext ctx, ByteBuf in) {
		int buffered = in.readableBytes();
		if (buffered == 0) {
			this.partialSinceNanos = 0;
			return;
		}
		int max = this.session.maxMsgLen();
		if (max > 0 && buffered > max) {
			throw new MessageTooLongException("more than max-msg-len " + max + " bytes (" + buffered
					+ ") buffered without a complete package on " + this.session.describe()
					+ "; raise max-msg-len if such packages are legitimate", buffered, max);
		}
		if (this.partialSinceNanos == 0) {
			long now = System.nanoTime();
			this.partialSinceNanos = now;
			ReadTimeout timeout = this.readTimeout;
			if (timeout == null) {
				timeout = new ReadTimeout(ctx);
				this.readTimeout = timeout;
			}
			timeout.owner.watch(timeout, now + this.session.readTimeout().toNanos());
		}
	}

	/**
	 * Return whether the event loop's read timeouts watch this session; for tests.
	 * @return whether a package that started arriving is being timed
	 */
	boolean readTimeoutWatched() {
		return this.readTimeout != null && this.readTimeout.isWatched();
	}

	@Override
	protected void handlerRemoved0(ChannelHandlerContext ctx) {
		stopWatching();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		stopWatching();
		super.channelInactive(ctx);
	}

	private void stopWatching() {
		ReadTimeout timeout = this.readTimeout;
		if (timeout != null) {
			timeout.owner.forget(timeout);
		}
	}

	/**
	 * This session's read timeout, checked by its event loop's {@link ReadTimeouts}.
	 */
	private final class ReadTimeout extends ReadTimeouts.Watched {

		private final ChannelHandlerContext ctx;

		/** The read timeouts of the session's event loop. */
		final ReadTimeouts owner;

		ReadTimeout(ChannelHandlerContext ctx) {
			this.ctx = ctx;
			this.owner = ReadTimeouts.of(ctx.channel().eventLoop());
		}

		@Override
		long deadline() {
			long since = SessionDecoder.this.partialSinceNanos;
			NettySession session = SessionDecoder.this.session;
			if (since == 0 || !this.ctx.channel().isActive() || session.isClosed()) {
				// A session that is closing (lingering, perhaps) reads nothing more.
				return NONE;
			}
			return since + session.readTimeout().toNanos();
		}

		@Override
		void timedOut() {
			NettySession session = SessionDecoder.this.session;
			this.ctx.fireExceptionCaught(new ReadTimeoutException("a package on " + session.describe()
					+ " started arriving but was still incomplete after the read timeout of " + session.readTimeout()
					+ " (" + actualReadableBytes() + " bytes buffered)"));
		}

	}

}
