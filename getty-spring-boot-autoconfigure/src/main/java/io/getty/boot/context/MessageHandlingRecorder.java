package io.getty.boot.context;

import io.getty.EndPoint;

/**
 * Receives how long {@code onMessage} took, for every message or for a sample of them
 * (see {@link EndpointRecorder#sampleInterval()}); the metrics auto-configuration turns it
 * into the {@code getty.message.handling} timer.
 *
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface MessageHandlingRecorder {

	/**
	 * Record one message.
	 * @param endpoint the endpoint of the session
	 * @param nanos how long {@code onMessage} ran
	 * @param failed whether it threw
	 */
	void record(EndPoint endpoint, long nanos, boolean failed);

	/**
	 * Return a recorder for the messages of one endpoint. Listeners ask once per endpoint
	 * and keep it, so an implementation can resolve whatever it records into there rather
	 * than for every message. The default records through {@link #record}.
	 * @param endpoint the endpoint
	 * @return its recorder
	 */
	default EndpointRecorder forEndpoint(EndPoint endpoint) {
		return (nanos, failed) -> record(endpoint, nanos, failed);
	}

	/**
	 * Records the messages of one endpoint.
	 */
	@FunctionalInterface
	interface EndpointRecorder {

		/**
		 * Records nothing: a listener given it does not time its messages at all, so not
		 * even the clock is read.
		 */
		EndpointRecorder NONE = (nanos, failed) -> {
		};

		/**
		 * Record one message.
		 * @param nanos how long {@code onMessage} ran
		 * @param failed whether it threw
		 */
		void record(long nanos, boolean failed);

		/**
		 * Return how many messages this recorder wants for each one timed: listeners then
		 * read the clock for one message in that many, on average, chosen at random per
		 * thread, and record only those. The default, 1, times every message.
		 * @return the interval, at least 1
		 */
		default int sampleInterval() {
			return 1;
		}

	}

}
