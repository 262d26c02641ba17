package io.getty.bench.harness.load;

/**
 * Told when the measurement window of a run opens and closes, so that server-side
 * samples (CPU, allocation) cover the same window as the client's counts. Called on the
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
