package io.getty;

import java.util.Map;

/**
 * A snapshot of an endpoint's counters: its open sessions plus every session it ever
 * had. Counts only go up (except {@code activeSessions}), so they suit monotonic metrics.
 *
 * @param activeSessions sessions open now
 * @param openedSessions sessions opened since start
 * @param closedSessions sessions closed since start
 * @param readBytes bytes received
 * @param writtenBytes bytes written to the network
 * @param readPackages packages decoded
 * @param writtenPackages packages written
 * @param errors errors by kind: {@code codec}, {@code too_long}, {@code listener},
 * {@code timeout}, {@code tls}, {@code io}
 * @param reconnects sessions a client opened to replace sessions that closed (0 for
 * servers)
 * @param refusedConnections connections a server refused because it already had
 * {@code maxConnections} (0 for clients)
 * @author getty team
 * @since 0.1.0
 */
public record EndPointStats(int activeSessions, long openedSessions, long closedSessions, long readBytes,
		long writtenBytes, long readPackages, long writtenPackages, Map<String, Long> errors, long reconnects,
		long refusedConnections) {

	/** The error kinds an endpoint counts, for metrics that want every series up front. */
	public static final java.util.List<String> ERROR_KINDS = java.util.List.of("codec", "too_long", "listener",
			"timeout", "tls", "io");

}
