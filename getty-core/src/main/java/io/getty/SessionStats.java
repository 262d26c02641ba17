package io.getty;

import java.time.Instant;

/**
 * A snapshot of a session's counters, with 64-bit counts (Getty's wrap at 4 GiB).
 *
 * @param sessionId the session id
 * @param name the session name
 * @param opened when the session opened
 * @param lastActive when a package was last received
 * @param readBytes bytes received
 * @param writtenBytes bytes written to the network
 * @param readPackages packages decoded
 * @param writtenPackages packages written to the network
 * @author getty team
 * @since 0.1.0
 */
public record SessionStats(long sessionId, String name, Instant opened, Instant lastActive, long readBytes,
		long writtenBytes, long readPackages, long writtenPackages) {

}
