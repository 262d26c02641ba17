package io.getty.boot.autoconfigure.health;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import io.getty.EndPoint;
import io.getty.EndPointStats;
import io.getty.EndPointType;
import io.getty.boot.context.GettyEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.Assert;

/**
 * The health of getty's endpoints: up when every server is bound and every client has at
 * least one open session, down otherwise. The details describe each endpoint: type, role,
 * address, open sessions and, for clients, reconnects.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyHealthIndicator extends AbstractHealthIndicator {

	private final GettyEndpointRegistry registry;

	/**
	 * Create an indicator.
	 * @param registry the endpoints to check
	 */
	public GettyHealthIndicator(GettyEndpointRegistry registry) {
		super("Getty health check failed");
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		for (EndPoint endpoint : this.registry.endpoints()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("type", transport(endpoint.type()));
			details.put("role", endpoint.type().role());
			InetSocketAddress address = endpoint.address();
			if (address != null) {
				details.put("address", format(address));
			}
			String problem;
			if (endpoint.type().isClient()) {
				// A client has a handful of sessions, so its full snapshot is cheap.
				EndPointStats stats = endpoint.stats();
				details.put("sessions", stats.activeSessions());
				details.put("reconnects", stats.reconnects());
				problem = clientProblem(endpoint, stats);
			}
			else {
				// A server may have very many sessions: count them without summing their
				// counters under the endpoint's statistics lock.
				details.put("sessions", endpoint.sessions().size());
				problem = serverProblem(endpoint, address);
			}
			details.put("status", (problem != null) ? Status.DOWN.getCode() : Status.UP.getCode());
			if (problem != null) {
				details.put("reason", problem);
				up = false;
			}
			builder.withDetail(endpoint.name(), details);
		}
		builder.status(up ? Status.UP : Status.DOWN);
	}

	private static @Nullable String serverProblem(EndPoint server, @Nullable InetSocketAddress address) {
		if (server.isClosed()) {
			return "closed";
		}
		return (address != null) ? null : "not bound";
	}

	private static @Nullable String clientProblem(EndPoint client, EndPointStats stats) {
		if (client.isClosed()) {
			return "closed";
		}
		return (stats.activeSessions() > 0) ? null : "no open session";
	}

	private static String transport(EndPointType type) {
		return switch (type) {
			case TCP_SERVER, TCP_CLIENT -> "tcp";
			case UDP_ENDPOINT, UDP_CLIENT -> "udp";
			case WS_SERVER, WS_CLIENT -> "ws";
			case WSS_SERVER, WSS_CLIENT -> "wss";
		};
	}

	private static String format(InetSocketAddress address) {
		// A client's server address may be unresolved: show the host as configured.
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
	}

}
