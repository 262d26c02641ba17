package io.getty.internal;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sessions of one event loop share within one turn of it, that is the loop's
 * handling of the channels that are ready and then of its queued tasks: the flushes held
 * for the end of the turn (see {@link TurnFlushHandler}), the time of the turn's reads,
 * and how many sessions had replies to flush in it and in the turn before, which tells a
 * session served alone. Confined to its event loop's thread; each I/O thread has one.
 *
 * <p>
 * The end of the turn forgets the time and runs every held flush, in the order they were
 * asked for. On getty's own event loops it runs as the loop's I/O is done
 * ({@link TurnEndingIoHandler}); a turn begun outside the I/O, by a task or by a flush,
 * and any turn on another event loop, ends in one task queued on the event loop. Once per
 * turn either way: a task per session would cost a slot in the event loop's task queue,
 * taken with an atomic instruction, and its run: with 16 connections and one message in
 * flight each, a dozen or so sessions flush in each turn (docs/benchmarks.md).
 * Likewise the clock is read once per turn rather than once per read: the time stands for
 * every read of the turn, which is close enough for what it is used for (a session's last
 * activity and the start of a reply's write timeout, both measured in seconds), and a
 * clock read costs as much as the rest of a read's bookkeeping. A turn that reads asks for
 * its end even when no flush waits for it, to forget the time.
 *
 * <p>
 * The end of the turn also checks the writes made while the turn read, once the held
 * flushes have run: a write that has not finished by then is tracked for its write
 * timeout, and the others, nearly all of them, never are (see {@link #checkWriteAtEnd}).
 */
final class EventLoopTurn implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(EventLoopTurn.class);

	private static final FastThreadLocal<EventLoopTurn> TURNS = new FastThreadLocal<>();

	private static final int INITIAL_FLUSHES = 16;

	private static final int INITIAL_WRITES_TO_CHECK = 32;

	private final EventLoop eventLoop;

	/** The flushes that wait for the end of this turn, in order; {@code count} of them. */
	private Runnable[] flushes = new Runnable[INITIAL_FLUSHES];

	/** An empty array that takes the next batch of flushes while this batch runs. */
	private Runnable[] spare = new Runnable[INITIAL_FLUSHES];

	private int count;

	/** This turn's end is due: as the I/O is done, or from a task (see {@link #taskQueued}). */
	private boolean queued;

	/** The end of this turn is a task queued on the event loop. */
	private boolean taskQueued;

	/** The event loop's I/O is running, and its handler ends the turn when it is done. */
	private boolean inIo;

	/** The end of the turn is running, so a flush the event loop refuses to queue joins its next batch. */
	private boolean running;

	/** While running: a flush was asked for that the event loop refused to queue. */
	private boolean refusedWhileRunning;

	/** Sessions whose read batch left replies to flush, in this turn. */
	private int replyingSessions;

	/** Sessions whose read batch left replies to flush, in the turn before this one. */
	private int replyingSessionsBefore;

	/** Whether {@link #readNanos} was read in this turn. */
	private boolean clockRead;

	private long readNanos;

	/** The writes made while this turn read, {@code writesToCheckCount} of them (see {@link #checkWriteAtEnd}). */
	private WriteOperation[] writesToCheck = new WriteOperation[INITIAL_WRITES_TO_CHECK];

	private int writesToCheckCount;

	/** How many of {@link #writesToCheck} have finished. */
	private int writesFinishedInTurn;

	private EventLoopTurn(EventLoop eventLoop) {
		this.eventLoop = eventLoop;
	}

	/**
	 * Return the turn of the given event loop; call it on that loop's thread only.
	 * @param eventLoop the event loop whose thread calls
	 * @return its turn
	 */
	static EventLoopTurn of(EventLoop eventLoop) {
		if (!eventLoop.inEventLoop()) {
			throw new IllegalStateException("The turn of " + eventLoop + " is confined to its thread, not "
					+ Thread.currentThread().getName());
		}
		EventLoopTurn turn = TURNS.getIfExists();
		if (turn == null || turn.eventLoop != eventLoop) {
			// Once per thread: a thread runs one event loop for its whole life.
			turn = new EventLoopTurn(eventLoop);
			TURNS.set(turn);
		}
		return turn;
	}

	/**
	 * Return the time of this turn's reads: read from the clock at the first call in the
	 * turn.
	 * @return the time, in {@link System#nanoTime()} terms
	 */
	long readNanos() {
		if (!this.clockRead) {
			this.readNanos = System.nanoTime();
			this.clockRead = true;
			queue();
		}
		return this.readNanos;
	}

	/**
	 * A session's read batch completed and left replies to flush: count it, and return
	 * whether the session is served alone, so that holding its replies for the end of the
	 * turn gains nothing. It is alone when no session replied before it in this turn and
	 * at most one did in the turn before: a connection in ping-pong with its peer, or the
	 * only busy one of a quiet server. A turn cannot tell how many ready channels it has
	 * yet to read, so the turn before that read stands for it; once a turn serves two or
	 * more, the next one holds every small batch of replies for its end. Queues the end of
	 * the turn, which moves the count.
	 * @return whether to flush the replies now rather than at the end of the turn
	 */
	boolean repliesReady() {
		boolean alone = this.replyingSessions == 0 && this.replyingSessionsBefore <= 1;
		this.replyingSessions++;
		// The end of the turn moves the count to the turn before.
		queue();
		return alone;
	}

	/**
	 * Check a write made while this turn read at the end of the turn, after the held
	 * flushes: it is tracked for its write timeout only if it has not finished by then.
	 * Such a write is normally flushed by the end of the turn, and unless its peer reads
	 * too slowly it finishes in that flush. Tracking every write in its session's
	 * queue, an insertion and a removal each, was 5 % of the I/O thread's Java samples
	 * with one message in flight per connection (docs/benchmarks.md, point 19); here a
	 * write costs a slot in an array and a count. Its deadline is unchanged, so a write
	 * tracked a turn late still times out on time.
	 * @param write the write, just handed to Netty or to the session's package buffer;
	 * its session calls
	 * {@link #writeFinishedInTurn()} if it finishes before the check
	 */
	void checkWriteAtEnd(WriteOperation write) {
		write.awaitsEndOfTurn = true;
		if (this.writesToCheckCount == this.writesToCheck.length) {
			this.writesToCheck = Arrays.copyOf(this.writesToCheck, this.writesToCheckCount * 2);
		}
		this.writesToCheck[this.writesToCheckCount++] = write;
		// After the write is in: an event loop that refuses the task runs it at once.
		queue();
	}

	/** A write left for the check at the end of this turn finished before it. */
	void writeFinishedInTurn() {
		this.writesFinishedInTurn++;
	}

	/**
	 * Run a session's held flush at the end of this turn, after the flushes asked for
	 * before it.
	 * @param flush the flush, asked for at most once per turn (a {@link TurnFlushHandler}
	 * keeps track)
	 */
	void flushAtEnd(Runnable flush) {
		if (this.count == this.flushes.length) {
			this.flushes = Arrays.copyOf(this.flushes, this.count * 2);
		}
		this.flushes[this.count++] = flush;
		queue();
	}

	private void queue() {
		if (this.queued) {
			return;
		}
		this.queued = true;
		if (this.inIo) {
			// The I/O handler runs it once every channel ready in this turn was handled.
			return;
		}
		this.taskQueued = true;
		try {
			// Runs after the event loop has handled every channel ready in this turn.
			this.eventLoop.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// The event loop is shutting down: flush now rather than leave the writes behind;
			// from within the task, with its next batch.
			this.queued = false;
			this.taskQueued = false;
			if (this.running) {
				this.refusedWhileRunning = true;
			}
			else {
				run();
			}
		}
	}

	/** The event loop's I/O starts: a turn begun now ends when {@link #ioDone()} is called. */
	void ioStarted() {
		this.inIo = true;
	}

	/**
	 * The event loop's I/O is done: end the turn it began, unless a task was already
	 * queued for the end of this turn, which then ends it.
	 */
	void ioDone() {
		this.inIo = false;
		if (this.queued && !this.taskQueued) {
			run();
		}
	}

	/** The end of the turn. */
	@Override
	public void run() {
		this.running = true;
		try {
			do {
				this.refusedWhileRunning = false;
				runBatch();
			}
			while (this.refusedWhileRunning);
		}
		finally {
			this.running = false;
		}
	}

	private void runBatch() {
		this.queued = false;
		this.taskQueued = false;
		// A run without reads since the last (a flush asked for while the batch ran, a
		// write handed over from another thread) ends no turn of reads: the last one that
		// read still stands for the turn before.
		if (this.clockRead || this.replyingSessions > 0) {
			this.replyingSessionsBefore = this.replyingSessions;
			this.replyingSessions = 0;
		}
		this.clockRead = false;
		Runnable[] batch = this.flushes;
		int batchCount = this.count;
		// Flushes asked for while this batch runs (a write completion's callback that
		// writes) go into the next batch, with a task of its own queued behind the tasks
		// already waiting.
		this.flushes = this.spare;
		this.spare = batch;
		this.count = 0;
		for (int i = 0; i < batchCount; i++) {
			Runnable flush = batch[i];
			batch[i] = null;
			try {
				flush.run();
			}
			catch (Throwable ex) {
				// Not expected (Netty reports a failed flush through the pipeline), but one
				// session's failure must not keep the others' writes from leaving.
				logger.warn("An end-of-turn flush failed; the other sessions' flushes go on", ex);
			}
		}
		checkWrites();
	}

	/**
	 * After the held flushes: track the writes made while the turn read that have not
	 * finished. Usually all have, which the count tells without asking each write; the
	 * slots are cleared either way, so the array keeps no finished write alive.
	 */
	private void checkWrites() {
		int count = this.writesToCheckCount;
		if (count == 0) {
			return;
		}
		boolean allFinished = this.writesFinishedInTurn == count;
		this.writesToCheckCount = 0;
		this.writesFinishedInTurn = 0;
		WriteOperation[] writes = this.writesToCheck;
		for (int i = 0; i < count; i++) {
			WriteOperation write = writes[i];
			writes[i] = null;
			if (!allFinished && write.awaitsEndOfTurn) {
				// Cleared before tracking, so that no flag outlives this check and counts
				// towards a later turn's, even if tracking fails.
				write.awaitsEndOfTurn = false;
				try {
					write.session().trackNowUnlessDone(write);
				}
				catch (Throwable ex) {
					// Not expected (tracking schedules a timer on this event loop), but one
					// session's failure must not keep the other writes from being checked.
					logger.warn("Tracking an unfinished write for its write timeout failed; the other writes go on", ex);
				}
			}
		}
	}

}
