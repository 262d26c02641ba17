package io.getty.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.getty.WriteTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Fails writes that did not reach the network before their deadline. Confined to the
 * session's I/O thread. Netty completes writes in order, so finished writes leave from
 * the head and a single timer, armed only while writes are outstanding, covers them all.
 */
final class WriteTimeouts implements Runnable {

	private final EventLoop eventLoop;

	private final String sessionDescription;

	private final ArrayDeque<WriteOperation> outstanding = new ArrayDeque<>();

	private ScheduledFuture<?> timer;

	private long timerDeadline;

	WriteTimeouts(EventLoop eventLoop, String sessionDescription) {
		this.eventLoop = eventLoop;
		this.sessionDescription = sessionDescription;
	}

	void track(WriteOperation operation) {
		this.outstanding.add(operation);
		if (this.timer == null || operation.deadlineNanos < this.timerDeadline) {
			arm(operation.deadlineNanos);
		}
	}

	/**
	 * Forget a write that Netty finished (called before its future completes). Netty
	 * finishes writes in order, so it is normally the head; writes that finished out of
	 * order (failed early in the pipeline) leave when they reach the head. The timer stays
	 * armed even when nothing is outstanding: it then fires once and lapses, which is
	 * cheaper than cancelling and re-arming it for every read batch that writes.
	 */
	void finished(WriteOperation operation) {
		WriteOperation head;
		while ((head = this.outstanding.peekFirst()) != null && (head == operation || head.isDone())) {
			this.outstanding.pollFirst();
		}
	}

	void cancel() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
		this.outstanding.clear();
	}

	private void arm(long deadline) {
		if (this.timer != null) {
			this.timer.cancel(false);
		}
		this.timerDeadline = deadline;
		this.timer = this.eventLoop.schedule(this, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
	}

	@Override
	public void run() {
		this.timer = null;
		long now = System.nanoTime();
		long next = Long.MAX_VALUE;
		for (Iterator<WriteOperation> it = this.outstanding.iterator(); it.hasNext();) {
			WriteOperation operation = it.next();
			if (operation.isDone()) {
				it.remove();
			}
			else if (operation.deadlineNanos - now <= 0) {
				it.remove();
				operation.completeExceptionally(new WriteTimeoutException("A write of " + operation.bytes()
						+ " bytes on " + this.sessionDescription + " did not reach the network within its write timeout "
						+ "(the peer is not reading fast enough); the bytes stay queued and may still be sent, "
						+ "and the session stays open"));
			}
			else {
				next = Math.min(next, operation.deadlineNanos);
			}
		}
		if (next != Long.MAX_VALUE) {
			arm(next);
		}
	}

}
