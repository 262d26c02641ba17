package io.getty.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.getty.TaskPool;
import io.netty.channel.Channel;

/**
 * Runs one session's callbacks on a {@link TaskPool}, one at a time and in order: at most
 * one drain task per session is ever queued on the pool, and it works through the
 * session's own queue. When the session has {@code maxPendingPerSession} callbacks
 * waiting, reading from its channel pauses until the queue is down to half.
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

	OrderedDispatcher(TaskPool pool, Channel channel) {
		this.pool = pool;
		this.channel = channel;
	}

	@Override
	public boolean inline() {
		return false;
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
		// Runs on the I/O thread, which may have paused again since this was queued.
		if (!this.readPaused.get()) {
			this.channel.config().setAutoRead(true);
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
