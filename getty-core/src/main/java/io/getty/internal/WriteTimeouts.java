package io.getty.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.getty.WriteTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Fails writes that did not reach the network before their deadline. Confined to the
 * session's I/O thread. A single timer covers them all. Netty completes writes in order,
 * and they are mostly tracked in that order, so finished writes normally leave from the
 * head; one that finished behind an unfinished one leaves when it reaches the head or
 * when the timer looks. A write made while a read is delivered comes here only if it is
 * still unfinished at the end of its event-loop turn ({@link EventLoopTurn#checkWriteAtEnd}),
 * after writes tracked at once in that turn (from other threads, or a cron tick), so a
 * session that always answers in time never creates one.
 *
 * <p>
 * Once the session has tracked a write, the timer stays armed until {@link #cancel()}: with
 * nothing outstanding it checks again one write timeout later, which is no later than
 * the deadline of any write made meanwhile. Letting it lapse instead meant the next
 * write re-armed it from inside the read path, on a branch the JIT had compiled away
 * because it was taken only while the code was still interpreted: about five seconds
 * into every busy session the uncommon trap threw the whole compiled read path back to
 * the interpreter, and C2 spent a few hundred milliseconds recompiling it on the I/O
 * thread's CPU (docs/benchmarks.md).
 */
final class WriteTimeouts implements Runnable {

	private final EventLoop eventLoop;

	private final String sessionDescription;

	private final Supplier<Duration> writeTimeout;

	/**
	 * The writes not yet finished, oldest first. Room for 3 at first, not the JDK's 16: it
	 * grows for a session that pipelines, but every session that ever wrote keeps one, and
	 * for 10,000 idle sessions that is about 0.5 MiB less heap (docs/benchmarks.md).
	 */
	private final ArrayDeque<WriteOperation> outstanding = new ArrayDeque<>(3);

	private @Nullable ScheduledFuture<?> timer;

	private long timerDeadline;

	private boolean cancelled;

	/**
	 * Create the write timeouts of one session.
	 * @param eventLoop the session's I/O thread
	 * @param sessionDescription the session, for the message of a timeout
	 * @param writeTimeout the session's current default write timeout: how long the timer
	 * waits when nothing is outstanding
	 */
	WriteTimeouts(EventLoop eventLoop, String sessionDescription, Supplier<Duration> writeTimeout) {
		this.eventLoop = eventLoop;
		this.sessionDescription = sessionDescription;
		this.writeTimeout = writeTimeout;
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
	 * order (failed early in the pipeline) leave when they reach the head. The timer is
	 * left alone: cancelling and re-arming it for every read batch that writes would cost
	 * more than the check it runs once per write timeout.
	 */
	void finished(WriteOperation operation) {
		WriteOperation head;
		while ((head = this.outstanding.peekFirst()) != null && (head == operation || head.isDone())) {
			this.outstanding.pollFirst();
		}
	}

	/** The session closed: stop the timer for good. */
	void cancel() {
		this.cancelled = true;
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
		this.outstanding.clear();
	}

	/**
	 * Return when the timer fires next; for tests.
	 * @return its deadline in {@link System#nanoTime()} terms, or {@code null} if it is not
	 * armed
	 */
	@Nullable Long timerDeadline() {
		return (this.timer != null) ? this.timerDeadline : null;
	}

	/** Return the writes not yet finished, oldest first; for tests. */
	List<WriteOperation> outstanding() {
		return List.copyOf(this.outstanding);
	}

	private void arm(long deadline) {
		if (this.cancelled) {
			// A write that reached the I/O thread after the close fails in Netty anyway.
			return;
		}
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
		arm((next != Long.MAX_VALUE) ? next : now + this.writeTimeout.get().toNanos());
	}

}
