package io.getty.boot.autoconfigure.endpoint;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.getty.EndPoint;
import io.getty.EndPointStats;
import io.getty.EndPointType;
import io.getty.Session;
import io.getty.SessionStats;
import io.getty.boot.context.GettyEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.Assert;

/**
 * The {@code getty} actuator endpoint: every getty endpoint with its statistics and open
 * sessions, one session by id, and closing one session. Spring Boot exposes it only where
 * {@code management.endpoints.*.exposure.include} names {@code getty}, and its access is
 * read-only by default: closing a session needs
 * {@code management.endpoint.getty.access=unrestricted}.
 *
 * @author getty team
 * @since 0.1.0
 */
@Endpoint(id = "getty", defaultAccess = Access.READ_ONLY)
public class GettyActuatorEndpoint {

	private final GettyEndpointRegistry registry;

	/**
	 * Create the endpoint.
	 * @param registry the getty endpoints
	 */
	public GettyActuatorEndpoint(GettyEndpointRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	/**
	 * Describe every getty endpoint and its open sessions.
	 * @return the descriptor
	 */
	@ReadOperation
	public EndpointsDescriptor endpoints() {
		return new EndpointsDescriptor(this.registry.endpoints().stream().map(EndpointDescriptor::of).toList());
	}

	/**
	 * Describe one open session.
	 * @param id the session id
	 * @return the descriptor, or {@code null} (a 404 over HTTP) when no open session has
	 * that id
	 */
	@ReadOperation
	public @Nullable SessionDescriptor session(@Selector long id) {
		return this.registry.session(id).map(SessionDescriptor::of).orElse(null);
	}

	/**
	 * Close one session, as {@link Session#close()} does: queued writes get the session's
	 * wait time to drain, then the connection closes and the close callbacks run.
	 * @param id the session id
	 * @return whether an open session had that id
	 */
	@DeleteOperation
	public SessionClosedDescriptor closeSession(@Selector long id) {
		Optional<Session> session = this.registry.session(id);
		session.ifPresent(Session::close);
		return new SessionClosedDescriptor(id, session.isPresent());
	}

	private static String transport(EndPointType type) {
		return switch (type) {
			case TCP_SERVER, TCP_CLIENT -> "tcp";
			case UDP_ENDPOINT, UDP_CLIENT -> "udp";
			case WS_SERVER, WS_CLIENT -> "ws";
			case WSS_SERVER, WSS_CLIENT -> "wss";
		};
	}

	private static @Nullable String format(@Nullable InetSocketAddress address) {
		if (address == null) {
			return null;
		}
		// A client's server address may be unresolved: show the host as configured.
		String host = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Every getty endpoint of the application.
	 *
	 * @param endpoints the endpoints, servers first
	 */
	public record EndpointsDescriptor(List<EndpointDescriptor> endpoints) implements OperationResponseBody {

	}

	/**
	 * One getty endpoint.
	 *
	 * @param name the endpoint name
	 * @param type the transport: {@code tcp}, {@code udp}, {@code ws} or {@code wss}
	 * @param role {@code server} or {@code client}
	 * @param address the bound address of a server or the server address of a client, as
	 * {@code host:port}; {@code null} before it started
	 * @param closed whether the endpoint is closing or closed
	 * @param stats its counters
	 * @param sessions its open sessions
	 */
	public record EndpointDescriptor(String name, String type, String role, @Nullable String address, boolean closed,
			StatsDescriptor stats, List<SessionDescriptor> sessions) {

		static EndpointDescriptor of(EndPoint endpoint) {
			return new EndpointDescriptor(endpoint.name(), transport(endpoint.type()), endpoint.type().role(),
					format(endpoint.address()), endpoint.isClosed(), StatsDescriptor.of(endpoint.stats()),
					endpoint.sessions().stream().map(SessionDescriptor::of).toList());
		}

	}

	/**
	 * The counters of an endpoint: its open sessions plus every session it had.
	 *
	 * @param activeSessions sessions open now
	 * @param openedSessions sessions opened since start
	 * @param closedSessions sessions closed since start
	 * @param readBytes bytes received
	 * @param writtenBytes bytes written to the network
	 * @param readPackages packages decoded
	 * @param writtenPackages packages written
	 * @param errors errors by kind
	 * @param reconnects sessions a client opened to replace closed ones (0 for servers)
	 */
	public record StatsDescriptor(int activeSessions, long openedSessions, long closedSessions, long readBytes,
			long writtenBytes, long readPackages, long writtenPackages, Map<String, Long> errors, long reconnects) {

		static StatsDescriptor of(EndPointStats stats) {
			return new StatsDescriptor(stats.activeSessions(), stats.openedSessions(), stats.closedSessions(),
					stats.readBytes(), stats.writtenBytes(), stats.readPackages(), stats.writtenPackages(),
					stats.errors(), stats.reconnects());
		}

	}

	/**
	 * One open session.
	 *
	 * @param id the session id
	 * @param name the session name
	 * @param endpoint the name of its endpoint
	 * @param localAddress the local address, as {@code host:port}
	 * @param remoteAddress the remote address, as {@code host:port}
	 * @param opened when it opened
	 * @param lastActive when a package was last received
	 * @param readBytes bytes received
	 * @param writtenBytes bytes written to the network
	 * @param readPackages packages decoded
	 * @param writtenPackages packages written
	 */
	public record SessionDescriptor(long id, String name, String endpoint, @Nullable String localAddress,
			@Nullable String remoteAddress, Instant opened, Instant lastActive, long readBytes, long writtenBytes,
			long readPackages, long writtenPackages) implements OperationResponseBody {

		static SessionDescriptor of(Session session) {
			SessionStats stats = session.stats();
			return new SessionDescriptor(session.id(), stats.name(), session.endPoint().name(),
					format(session.localAddress()), format(session.remoteAddress()), stats.opened(),
					stats.lastActive(), stats.readBytes(), stats.writtenBytes(), stats.readPackages(),
					stats.writtenPackages());
		}

	}

	/**
	 * The outcome of closing a session.
	 *
	 * @param id the session id
	 * @param existed whether an open session had that id; if so, it is closing
	 */
	public record SessionClosedDescriptor(long id, boolean existed) implements OperationResponseBody {

	}

}
