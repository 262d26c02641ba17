package io.getty.boot.context;

import java.util.concurrent.ThreadLocalRandom;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Chooses which messages a listener times when only one in {@code interval} should be:
 * each thread counts down to its next timed message, and the count it starts from is
 * drawn at random between 1 and {@code 2 * interval - 1} (one in {@code interval} on
 * average), so that a traffic pattern that repeats with the interval's period does not
 * keep timing the same kind of message.
 *
 * @author getty team
 * @since 0.1.0
 */
final class HandlingSamples {

	/**
	 * Per thread, like the session scope's state: a message's I/O thread (or task-pool
	 * thread) decides alone, without a shared counter whose cache line the threads would
	 * pass around.
	 */
	private static final FastThreadLocal<Countdown> COUNTDOWN = new FastThreadLocal<>() {

		@Override
		protected Countdown initialValue() {
			return new Countdown();
		}

	};

	private HandlingSamples() {
	}

	/**
	 * Return whether to time the message about to be handled on this thread.
	 * @param interval time one message in this many, on average; 1 or less times every
	 * message
	 * @return whether to time it
	 */
	static boolean timeNext(int interval) {
		if (interval <= 1) {
			return true;
		}
		Countdown countdown = COUNTDOWN.get();
		if (--countdown.remaining > 0) {
			return false;
		}
		int bound = (int) Math.min(Integer.MAX_VALUE, 2L * interval - 1);
		countdown.remaining = 1 + ThreadLocalRandom.current().nextInt(bound);
		return true;
	}

	private static final class Countdown {

		/** The first message on a thread is timed, so even light traffic shows up. */
		int remaining = 1;

	}

}
