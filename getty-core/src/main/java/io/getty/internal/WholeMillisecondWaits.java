package io.getty.internal;

import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;

/**
 * Netty's NIO I/O handler, made to wait for the event loop's next timer in whole
 * milliseconds: the delay it is given is rounded up to the next millisecond, so a timer
 * runs up to a millisecond late, never early.
 *
 * <p>
 * Why: NIO's select waits in whole milliseconds, rounded to the nearest, and once the next
 * timer is less than half a millisecond away it polls with {@code selectNow} until the
 * timer is due (after a wait rounded down, that is half the timers). Every turn of that
 * spin passes the loop's check for due work at its top ({@code IoHandlerContext.canBlock()})
 * once, and the spin lasts until the timer falls due, so now and then a timer fell due
 * just before that check rather than while the loop waited or worked: a branch that a
 * loop served by a steady load reaches only then, which the JIT compiler had compiled
 * away. Taking it threw the loop's compiled code away and C2 compiled it again on the I/O
 * thread's CPU, in half of getty-core's fixed-rate windows, up to about 110 ms of
 * compiling in one (its cron ticks every second there; docs/benchmarks.md, point 35). A
 * wait of whole milliseconds ends after the timer is due, so the timer is found where
 * every other timer is: the spin and its system calls are gone, and the branch is left to
 * a timer that falls due while the loop is busy, in the instant between its last look at
 * its timers and that check. Raw Netty with no timers never met this; getty's cron,
 * read-timeout and write-timeout checks come every second or so. Epoll waits on a
 * {@code timerfd} to the microsecond and does not spin, so only NIO gets this.
 *
 * <p>
 * Confined to its event loop's thread, like the handler it wraps.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class WholeMillisecondWaits extends ForwardingIoHandler {

	static final long NANOS_PER_MILLI = 1_000_000L;

	/** Longer delays are passed on as they are, so that rounding up cannot overflow. */
	static final long LONGEST_ROUNDED = Long.MAX_VALUE - NANOS_PER_MILLI;

	private final RoundedContext context = new RoundedContext();

	private WholeMillisecondWaits(IoHandler delegate) {
		super(delegate);
	}

	/**
	 * Wrap the handlers a factory makes.
	 * @param factory Netty's factory, {@code NioIoHandler.newFactory()}
	 * @return a factory of handlers that wait in whole milliseconds
	 */
	public static IoHandlerFactory wrap(IoHandlerFactory factory) {
		return (executor) -> new WholeMillisecondWaits(factory.newHandler(executor));
	}

	static WholeMillisecondWaits wrap(IoHandler delegate) {
		return new WholeMillisecondWaits(delegate);
	}

	/**
	 * Return the delay rounded up to whole milliseconds; a delay of zero or less (a timer
	 * already due) stays zero or less, and a delay too long to round stays as it is.
	 * @param delayNanos the delay until the next timer
	 * @return the delay to wait
	 */
	static long roundUp(long delayNanos) {
		if (delayNanos > LONGEST_ROUNDED) {
			// No timer at all, or one far away: nothing to round.
			return delayNanos;
		}
		// Without a branch on the sign: integer division truncates towards zero, so a
		// delay of zero or less comes out as zero or less, still "due now" to NIO.
		return (delayNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI * NANOS_PER_MILLI;
	}

	@Override
	public int run(IoHandlerContext context) {
		// The loop hands the same context every time; holding it in a field keeps this
		// free of an allocation and of a branch per turn.
		this.context.loop = context;
		return this.delegate.run(this.context);
	}

	/**
	 * The loop's context with {@link #delayNanos} rounded up. NIO asks only for the delay;
	 * the deadline is passed on as it is.
	 */
	private static final class RoundedContext implements IoHandlerContext {

		private IoHandlerContext loop = NoIoHandlerContext.INSTANCE;

		@Override
		public boolean canBlock() {
			return this.loop.canBlock();
		}

		@Override
		public long delayNanos(long currentTimeNanos) {
			return roundUp(this.loop.delayNanos(currentTimeNanos));
		}

		@Override
		public long deadlineNanos() {
			return this.loop.deadlineNanos();
		}

		@Override
		public void reportActiveIoTime(long activeNanos) {
			this.loop.reportActiveIoTime(activeNanos);
		}

		@Override
		public boolean shouldReportActiveIoTime() {
			return this.loop.shouldReportActiveIoTime();
		}

	}

}
