package io.getty.boot.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.getty.EndPoint;
import io.getty.boot.context.MessageHandlingRecorder;
import io.getty.boot.context.MessageHandlingRecorder.EndpointRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;

import org.springframework.util.Assert;

/**
 * Records how long {@code onMessage} took in the {@link GettyMeters#MESSAGE_HANDLING}
 * timer of its endpoint, tagged with the outcome. The timers of an endpoint are
 * registered on its first message and then reused, so recording a message looks up no
 * meter and builds no tags.
 *
 * <p>
 * By default one message in {@value #DEFAULT_SAMPLE_INTERVAL} is timed (on average,
 * chosen at random per thread; see {@code getty.metrics.message-handling.sample-interval}):
 * two clock reads and a {@code Timer.record} per message cost a sixth or more of an echo
 * server's time per small message, while a sample estimates the mean and the percentiles
 * at a sixteenth of that. The timers' counts and sums then cover the timed messages;
 * {@code getty.messages.read} counts them all.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyMessageHandlingTimers implements MessageHandlingRecorder {

	/** How many messages per timed one unless configured otherwise. */
	public static final int DEFAULT_SAMPLE_INTERVAL = 16;

	private final MeterRegistry registry;

	private final Iterable<Tag> tags;

	private final int sampleInterval;

	// Keyed by identity (endpoints do not override equals), so a lookup is one hash probe.
	private final Map<EndPoint, EndpointRecorder> timers = new ConcurrentHashMap<>();

	/**
	 * Create a recorder that times one message in {@value #DEFAULT_SAMPLE_INTERVAL}.
	 * @param registry where the timers are registered
	 */
	public GettyMessageHandlingTimers(MeterRegistry registry) {
		this(registry, Tags.empty(), DEFAULT_SAMPLE_INTERVAL);
	}

	/**
	 * Create a recorder that adds tags to every timer.
	 * @param registry where the timers are registered
	 * @param tags extra tags; keep their values bounded
	 * @param sampleInterval time one message in this many, on average; 1 times every
	 * message
	 */
	public GettyMessageHandlingTimers(MeterRegistry registry, Iterable<Tag> tags, int sampleInterval) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(tags, "'tags' must not be null");
		if (sampleInterval < 1) {
			throw new IllegalArgumentException("getty.metrics.message-handling.sample-interval must be at least 1 "
					+ "(1 times every message), not " + sampleInterval);
		}
		this.registry = registry;
		this.tags = tags;
		this.sampleInterval = sampleInterval;
	}

	/**
	 * Return how many messages there are for each one timed.
	 * @return the interval, at least 1
	 */
	public int getSampleInterval() {
		return this.sampleInterval;
	}

	@Override
	public void record(EndPoint endpoint, long nanos, boolean failed) {
		forEndpoint(endpoint).record(nanos, failed);
	}

	@Override
	public EndpointRecorder forEndpoint(EndPoint endpoint) {
		EndpointRecorder timers = this.timers.get(endpoint);
		return (timers != null) ? timers : this.timers.computeIfAbsent(endpoint, this::register);
	}

	private EndpointRecorder register(EndPoint endpoint) {
		Tags tags = GettyMeters.endpointTags(endpoint).and(this.tags);
		Timer success = timer(tags, "success");
		Timer error = timer(tags, "error");
		// A meter filter denied the timer (for example
		// management.metrics.enable.getty.message.handling=false): then the listener
		// skips timing altogether, which is what makes switching it off worth it.
		return (success instanceof NoopTimer && error instanceof NoopTimer) ? EndpointRecorder.NONE
				: new Timers(success, error, this.sampleInterval);
	}

	private Timer timer(Tags tags, String outcome) {
		return Timer.builder(GettyMeters.MESSAGE_HANDLING.getName())
			.description(GettyMeters.MESSAGE_HANDLING.getDescription())
			.tags(tags)
			.tag(GettyMeters.HandlingKeys.OUTCOME.asString(), outcome)
			.register(this.registry);
	}

	private record Timers(Timer success, Timer error, int sampleInterval) implements EndpointRecorder {

		@Override
		public void record(long nanos, boolean failed) {
			(failed ? this.error : this.success).record(nanos, TimeUnit.NANOSECONDS);
		}

	}

}
