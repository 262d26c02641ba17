package io.getty.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.getty.EndPoint;
import io.getty.EndPointStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link MeterBinder} for getty endpoints: sessions, bytes, messages, errors and client
 * reconnects of each endpoint, as described by {@link GettyMeters}. Every value is read
 * from the endpoint's own counters ({@link EndPoint#stats()}) when the registry asks for
 * it, so the I/O path never calls Micrometer.
 *
 * <pre class="code">
 * new GettyMetrics(List.of(server, client)).bindTo(registry);
 * </pre>
 *
 * The endpoints are iterated in {@link #bindTo(MeterRegistry)}, not in the constructor,
 * so a lazy {@link Iterable} sees endpoints created after the binder.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyMetrics implements MeterBinder {

	/**
	 * How long one {@link EndPoint#stats()} snapshot serves the meters of an endpoint.
	 * Taking a snapshot walks every open session under a lock that I/O threads take when
	 * a session closes; without this, one scrape would walk them once per meter.
	 */
	static final Duration STATS_TIME_TO_LIVE = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(GettyMetrics.class);

	private final Iterable<? extends EndPoint> endpoints;

	private final Iterable<Tag> tags;

	/**
	 * Create a binder for some endpoints.
	 * @param endpoints the endpoints, iterated when the binder is bound
	 */
	public GettyMetrics(Iterable<? extends EndPoint> endpoints) {
		this(endpoints, Tags.empty());
	}

	/**
	 * Create a binder for some endpoints, adding tags to every meter.
	 * @param endpoints the endpoints, iterated when the binder is bound
	 * @param tags extra tags; keep their values bounded
	 */
	public GettyMetrics(Iterable<? extends EndPoint> endpoints, Iterable<Tag> tags) {
		Assert.notNull(endpoints, "'endpoints' must not be null");
		Assert.notNull(tags, "'tags' must not be null");
		this.endpoints = endpoints;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Set<String> names = new HashSet<>();
		for (EndPoint endpoint : this.endpoints) {
			if (!names.add(endpoint.name())) {
				// Same name, same tags: Micrometer would silently keep the first one's meters.
				logger.warn("Getty " + endpoint.type() + " '" + endpoint.name()
						+ "' has the name of another endpoint; it gets no metrics of its own");
				continue;
			}
			bind(endpoint, registry);
		}
	}

	private void bind(EndPoint endpoint, MeterRegistry registry) {
		Tags tags = GettyMeters.endpointTags(endpoint).and(this.tags);
		StatsSnapshot snapshot = new StatsSnapshot(STATS_TIME_TO_LIVE);
		// The endpoint is the meters' weakly held object; the snapshot is only reachable
		// through the functions, so it lives exactly as long as the meters do.
		Gauge.builder(GettyMeters.SESSIONS_ACTIVE.getName(), endpoint, (e) -> snapshot.of(e).activeSessions())
			.description(GettyMeters.SESSIONS_ACTIVE.getDescription())
			.tags(tags)
			.register(registry);
		counter(registry, GettyMeters.SESSIONS_OPENED, endpoint, tags, snapshot, EndPointStats::openedSessions);
		counter(registry, GettyMeters.SESSIONS_CLOSED, endpoint, tags, snapshot, EndPointStats::closedSessions);
		counter(registry, GettyMeters.DATA_READ, endpoint, tags, snapshot, EndPointStats::readBytes);
		counter(registry, GettyMeters.DATA_WRITTEN, endpoint, tags, snapshot, EndPointStats::writtenBytes);
		counter(registry, GettyMeters.MESSAGES_READ, endpoint, tags, snapshot, EndPointStats::readPackages);
		counter(registry, GettyMeters.MESSAGES_WRITTEN, endpoint, tags, snapshot, EndPointStats::writtenPackages);
		for (String kind : EndPointStats.ERROR_KINDS) {
			counter(registry, GettyMeters.ERRORS, endpoint,
					tags.and(GettyMeters.ErrorKeys.KIND.asString(), kind), snapshot,
					(stats) -> stats.errors().getOrDefault(kind, 0L));
		}
		if (endpoint.type().isClient()) {
			counter(registry, GettyMeters.CLIENT_RECONNECTS, endpoint, tags, snapshot, EndPointStats::reconnects);
		}
		else {
			counter(registry, GettyMeters.CONNECTIONS_REFUSED, endpoint, tags, snapshot,
					EndPointStats::refusedConnections);
		}
	}

	private static void counter(MeterRegistry registry, GettyMeters meter, EndPoint endpoint, Tags tags,
			StatsSnapshot snapshot, ToLongFunction<EndPointStats> value) {
		FunctionCounter.builder(meter.getName(), endpoint, (e) -> value.applyAsLong(snapshot.of(e)))
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.tags(tags)
			.register(registry);
	}

	/**
	 * The last {@link EndPoint#stats()} of one endpoint, shared by its meters for a short
	 * time so that one scrape takes one snapshot.
	 */
	static final class StatsSnapshot {

		private final long timeToLiveNanos;

		private @Nullable EndPointStats stats;

		private long takenAt;

		StatsSnapshot(Duration timeToLive) {
			this.timeToLiveNanos = timeToLive.toNanos();
		}

		// Synchronized so that a newer snapshot is never replaced by an older one, which
		// would make a counter go down; scrapes are rare, so nobody waits on this.
		synchronized EndPointStats of(EndPoint endpoint) {
			long now = System.nanoTime();
			EndPointStats stats = this.stats;
			if (stats == null || now - this.takenAt >= this.timeToLiveNanos) {
				stats = endpoint.stats();
				this.stats = stats;
				this.takenAt = now;
			}
			return stats;
		}

	}

}
