package io.getty.boot.context;

import io.getty.EndPoint;

/**
 * Receives how long each {@code onMessage} took; the metrics auto-configuration turns it
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

}
