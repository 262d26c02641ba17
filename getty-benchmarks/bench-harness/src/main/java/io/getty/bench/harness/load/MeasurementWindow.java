package io.getty.bench.harness.load;

import java.time.Duration;

/**
 * Told when the measurement window of a run opens and closes, so that server-side
 * samples (CPU, allocation) cover the same window as the client's counts, and asked
 * whether the window may open yet: a server still settling (its JIT compiler still at
 * work) can have the warm-up extended, up to {@link #settleLimit()}. Called on the
 * orchestrating thread, never on the event loop.
 *
 * @author getty team
 * @since 0.1.0
 */
public interface MeasurementWindow {

	/** A window that samples nothing. */
	MeasurementWindow NONE = new MeasurementWindow() {
	};

	/**
	 * Asked about once a {@link LoadGenerator#SETTLE_STEP} during the warm-up, including
	 * its last step, until the warm-up has lasted its minimum and this returns
	 * {@code true}, or until the warm-up has run {@link #settleLimit()} beyond its minimum.
	 * @return whether the servers look settled, so that the window may open
	 */
	default boolean readyToOpen() {
		return true;
	}

	/**
	 * Return how much longer than its minimum the warm-up may run while
	 * {@link #readyToOpen()} says no.
	 * @return the limit; zero never extends the warm-up
	 */
	default Duration settleLimit() {
		return Duration.ZERO;
	}

	/**
	 * The window opened: counting starts now.
	 */
	default void opened() {
	}

	/**
	 * The window closed: counting stopped.
	 */
	default void closed() {
	}

}
