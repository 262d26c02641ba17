package io.getty.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.getty.TaskPool;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

/**
 * Runs one session's callbacks on a {@link TaskPool}, one at a time and in order: at most
 * one drain task per session is ever queued on the pool, and it works through the
 * session's own queue. When the session has {@code maxPendingPerSession} callbacks
 * waiting, decoding and reading from its channel pause until the queue is down to half.
 */
final class OrderedDispatcher implements Dispatcher, Runnable {

	/** Callbacks run per turn before the drain task yields its pool thread to other sessions. */
	private static final int BATCH = 64;

	private final TaskPool pool;

	private final Channel channel;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final AtomicBoolean readPaused = new AtomicBoolean();

	private final BooleanSupplier draining;

	OrderedDispatcher(TaskPool pool, Channel channel, BooleanSupplier draining) {
		this.pool = pool;
		this.channel = channel;
		this.draining = draining;
	}

	@Override
	public boolean inline() {
		return false;
	}

	@Override
	public boolean saturated() {
		return this.readPaused.get();
	}

	@Override
	public void dispatch(Runnable task) {
		this.queue.add(task);
		if (this.pending.incrementAndGet() >= this.pool.maxPendingPerSession()
				&& this.readPaused.compareAndSet(false, true)) {
			// Backpressure: stop reading this one peer; messages already read are kept.
			this.channel.config().setAutoRead(false);
		}
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				this.pool.executor().execute(this);
			}
			catch (RejectedExecutionException ex) {
				// The pool was closed before this session: finish its callbacks on the I/O
				// thread rather than lose onClose.
				this.channel.eventLoop().execute(this);
			}
		}
	}

	private void resumeReading() {
		// Runs on the I/O thread, which may have paused again since this was queued; a
		// session draining for a graceful close stays paused.
		if (!this.readPaused.get() && !this.draining.getAsBoolean()) {
			this.channel.config().setAutoRead(true);
			// Bytes that arrived while paused wait undecoded in the decoder; they may be
			// all the peer sends, so decode them now rather than on the next read.
			ChannelHandlerContext before = this.channel.pipeline().context(GettyPipeline.FLUSH_CONSOLIDATION);
			if (before != null && this.channel.pipeline().get(GettyPipeline.DECODER) instanceof SessionDecoder) {
				before.fireChannelRead(Unpooled.EMPTY_BUFFER);
				before.fireChannelReadComplete();
			}
		}
	}

	@Override
	public void run() {
		for (int i = 0; i < BATCH; i++) {
			Runnable task = this.queue.poll();
			if (task == null) {
				break;
			}
			task.run();
			int left = this.pending.decrementAndGet();
			if (left <= this.pool.maxPendingPerSession() / 2 && this.readPaused.compareAndSet(true, false)) {
				this.channel.eventLoop().execute(this::resumeReading);
			}
		}
		this.scheduled.set(false);
		// A task may have arrived after the last poll but before the flag was cleared.
		if (!this.queue.isEmpty()) {
			schedule();
		}
	}

}
