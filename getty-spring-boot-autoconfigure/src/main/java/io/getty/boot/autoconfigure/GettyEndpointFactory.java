package io.getty.boot.autoconfigure;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLException;
import java.util.List;
import java.util.function.Supplier;

import io.getty.EndPoint;
import io.getty.ClientBuilder;
import io.getty.EndPointBuilder;
import io.getty.EndPointCustomizer;
import io.getty.EndPointType;
import io.getty.SessionInitializer;
import io.getty.SessionOptions;
import io.getty.TaskPool;
import io.getty.boot.autoconfigure.GettyProperties.Client;
import io.getty.boot.autoconfigure.GettyProperties.Endpoint;
import io.getty.boot.autoconfigure.GettyProperties.Server;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.udp.UdpClient;
import io.getty.udp.UdpEndPoint;
import io.getty.ws.WsClient;
import io.getty.ws.WsServer;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Creates the endpoint of each {@code getty.servers.<name>} and
 * {@code getty.clients.<name>} entry: properties first, then every
 * {@link EndPointCustomizer} bean in order.
 *
 * <p>
 * An endpoint's listener and codec are not known yet when its bean is created (listener
 * beans may themselves depend on endpoint beans), so each session looks them up in the
 * {@link GettyEndpointRegistry} when it opens; the context fails to start before any
 * endpoint starts if one is missing.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyEndpointFactory {

	private final GettyProperties properties;

	private final GettyEndpointRegistry registry;

	private final List<EndPointCustomizer> customizers;

	private final Environment environment;

	private final ObjectProvider<SslBundles> sslBundles;

	/**
	 * Create a factory.
	 * @param properties the properties
	 * @param registry where created endpoints are registered
	 * @param customizers applied in order to every endpoint
	 * @param environment resolves placeholders that are only known once servers are
	 * bound, such as {@code ${local.getty.servers.echo.port}}
	 * @param sslBundles the application's SSL bundles, for {@code ssl.bundle}
	 */
	public GettyEndpointFactory(GettyProperties properties, GettyEndpointRegistry registry,
			List<EndPointCustomizer> customizers, Environment environment, ObjectProvider<SslBundles> sslBundles) {
		this.properties = properties;
		this.registry = registry;
		this.customizers = List.copyOf(customizers);
		this.environment = environment;
		this.sslBundles = sslBundles;
	}

	/**
	 * Create the endpoint declared under {@code name}.
	 * @param name the endpoint name
	 * @return the endpoint, not started
	 */
	public EndPoint create(String name) {
		Server server = this.properties.getServers().get(name);
		EndPoint endpoint = (server != null) ? createServer(name, server) : createClient(name, client(name));
		this.registry.register(endpoint);
		return endpoint;
	}

	private Client client(String name) {
		Client client = this.properties.getClients().get(name);
		if (client == null) {
			throw new GettyConfigurationException("No getty endpoint is declared as '" + name + "'",
					"Declare it under getty.servers." + name + " or getty.clients." + name);
		}
		return client;
	}

	private EndPoint createServer(String name, Server server) {
		String prefix = "getty.servers." + name;
		int port = checkPort(prefix, server.getPort());
		Integer level = compressionLevel(server);
		return switch (server.getType()) {
			case TCP -> {
				TcpServer.Builder builder = TcpServer.builder()
					.host(server.getHost())
					.port(port)
					.backlog(atLeastOne(prefix + ".backlog", server.getBacklog()))
					.maxConnections(notNegative(prefix + ".max-connections", server.getMaxConnections()))
					.handshakeTimeout(server.getSsl().getHandshakeTimeout());
				SslContext ssl = serverSsl(name, prefix, server, false);
				if (ssl != null) {
					builder.sslContext(ssl);
				}
				if (level != null) {
					builder.compression(level);
				}
				configure(name, prefix, server, builder, EndPointType.TCP_SERVER);
				yield builder.build();
			}
			case UDP -> {
				checkNoSsl(name, prefix, server);
				UdpEndPoint.Builder builder = UdpEndPoint.builder().host(server.getHost()).port(port);
				configure(name, prefix, server, builder, EndPointType.UDP_ENDPOINT);
				yield builder.build();
			}
			case WS, WSS -> {
				WsServer.Builder builder = WsServer.builder()
					.host(server.getHost())
					.port(port)
					.path(path(prefix, server))
					.allowedOrigins(server.getAllowedOrigins())
					.backlog(atLeastOne(prefix + ".backlog", server.getBacklog()))
					.maxConnections(notNegative(prefix + ".max-connections", server.getMaxConnections()))
					.handshakeTimeout(server.getSsl().getHandshakeTimeout())
					.compression(server.getCompression() == null || level != null);
				SslContext ssl = serverSsl(name, prefix, server, server.getType() == GettyProperties.Type.WSS);
				if (ssl != null) {
					builder.sslContext(ssl);
				}
				configure(name, prefix, server, builder,
						(ssl != null) ? EndPointType.WSS_SERVER : EndPointType.WS_SERVER);
				yield builder.build();
			}
		};
	}

	private EndPoint createClient(String name, Client client) {
		String prefix = "getty.clients." + name;
		Supplier<InetSocketAddress> address = serverAddressOf(prefix, client.getServerAddress());
		Integer level = compressionLevel(client);
		return switch (client.getType()) {
			case TCP -> {
				TcpClient.Builder builder = TcpClient.builder()
					.handshakeTimeout(client.getSsl().getHandshakeTimeout())
					.verifyHostname(client.getSsl().isVerifyHostname());
				SslContext ssl = clientSsl(name, prefix, client, false);
				if (ssl != null) {
					builder.sslContext(ssl);
				}
				if (level != null) {
					builder.compression(level);
				}
				pool(prefix, client, builder.serverAddress(address));
				configure(name, prefix, client, builder, EndPointType.TCP_CLIENT);
				yield builder.build();
			}
			case UDP -> {
				checkNoSsl(name, prefix, client);
				UdpClient.Builder builder = UdpClient.builder();
				pool(prefix, client, builder.serverAddress(address));
				configure(name, prefix, client, builder, EndPointType.UDP_CLIENT);
				yield builder.build();
			}
			case WS, WSS -> {
				boolean secure = client.getType() == GettyProperties.Type.WSS;
				String path = path(prefix, client);
				WsClient.Builder builder = WsClient.builder()
					.handshakeTimeout(client.getSsl().getHandshakeTimeout())
					.verifyHostname(client.getSsl().isVerifyHostname())
					.compression(client.getCompression() == null || level != null);
				builder.secure(secure).path(path);
				SslContext ssl = clientSsl(name, prefix, client, secure);
				if (ssl != null) {
					builder.sslContext(ssl);
				}
				pool(prefix, client, builder.serverAddress(address));
				configure(name, prefix, client, builder, secure ? EndPointType.WSS_CLIENT : EndPointType.WS_CLIENT);
				yield builder.build();
			}
		};
	}

	private static void pool(String prefix, Client client, ClientBuilder<?> builder) {
		builder.connectionNumber(atLeastOne(prefix + ".connection-number", client.getConnectionNumber()))
			.reconnectInterval(client.getReconnectInterval())
			.reconnectAttempts(atLeastOne(prefix + ".reconnect-attempts", client.getReconnectAttempts()))
			.maxBackoffMultiplier(atLeastOne(prefix + ".max-backoff-multiplier", client.getMaxBackoffMultiplier()))
			.connectTimeout(client.getConnectTimeout());
	}

	private static String path(String prefix, Endpoint endpoint) {
		String path = endpoint.getPath();
		if (!StringUtils.hasText(path) || !path.startsWith("/")) {
			throw new GettyConfigurationException(prefix + ".path is '" + path + "'",
					"Set it to a path that starts with '/', for example /chat");
		}
		return path;
	}

	private static @Nullable Integer compressionLevel(Endpoint endpoint) {
		GettyProperties.Compression compression = endpoint.getCompression();
		return (compression != null) ? compression.level() : null;
	}

	private @Nullable SslContext serverSsl(String name, String prefix, Server server, boolean required) {
		SslBundle bundle = bundle(name, prefix, server, required);
		if (bundle == null) {
			return null;
		}
		try {
			return NettySslContexts.server(bundle, server.getSsl().getClientAuth());
		}
		catch (SSLException | RuntimeException ex) {
			throw new GettyConfigurationException("The SSL bundle '" + server.getSsl().getBundle() + "' of endpoint '"
					+ name + "' cannot serve TLS: " + ex.getMessage(),
					"Give the bundle a key store or PEM key and certificate (spring.ssl.bundle.*)", ex);
		}
	}

	private @Nullable SslContext clientSsl(String name, String prefix, Client client, boolean required) {
		SslBundle bundle = bundle(name, prefix, client, false);
		if (bundle == null) {
			// wss without a bundle trusts the JVM's CAs, as a browser would.
			return null;
		}
		try {
			return NettySslContexts.client(bundle);
		}
		catch (SSLException | RuntimeException ex) {
			throw new GettyConfigurationException("The SSL bundle '" + client.getSsl().getBundle() + "' of endpoint '"
					+ name + "' cannot be used by a TLS client: " + ex.getMessage(),
					"Give the bundle a trust store or PEM certificates (spring.ssl.bundle.*)", ex);
		}
	}

	private @Nullable SslBundle bundle(String name, String prefix, Endpoint endpoint, boolean required) {
		String bundleName = endpoint.getSsl().getBundle();
		if (!StringUtils.hasText(bundleName)) {
			if (required) {
				throw new GettyConfigurationException("Endpoint '" + name + "' is wss but " + prefix
						+ ".ssl.bundle is not set", "Set " + prefix + ".ssl.bundle to a spring.ssl.bundle.* name");
			}
			return null;
		}
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new GettyConfigurationException(prefix + ".ssl.bundle is '" + bundleName
					+ "' but the application has no SslBundles", "Declare the bundle under spring.ssl.bundle.*");
		}
		try {
			return bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new GettyConfigurationException(prefix + ".ssl.bundle names '" + bundleName
					+ "', which is not declared; declared bundles: " + bundles.getBundleNames(),
					"Declare it under spring.ssl.bundle.jks." + bundleName + " or spring.ssl.bundle.pem." + bundleName,
					ex);
		}
	}

	private static void checkNoSsl(String name, String prefix, Endpoint endpoint) {
		if (StringUtils.hasText(endpoint.getSsl().getBundle())) {
			throw new GettyConfigurationException(
					prefix + ".ssl.bundle is set on the udp endpoint '" + name + "', but UDP has no TLS here",
					"Remove " + prefix + ".ssl.bundle, or use type tcp or wss");
		}
	}

	private void configure(String name, String prefix, Endpoint endpoint, EndPointBuilder<?> builder,
			EndPointType type) {
		builder.name(name).sessionOptions(sessionOptions(prefix, endpoint)).sessionInitializer(bindingFor(name));
		TaskPool pool = taskPool(prefix, endpoint.getTaskPool());
		if (pool != null) {
			builder.taskPool(pool);
			this.registry.own(pool);
		}
		for (EndPointCustomizer customizer : this.customizers) {
			customizer.customize(name, type, builder);
		}
	}

	private SessionInitializer bindingFor(String name) {
		return (session) -> {
			GettyEndpointRegistry.Binding binding = this.registry.binding(name);
			if (binding == null) {
				throw new IllegalStateException("Getty endpoint '" + name + "' has no listener bound yet");
			}
			session.setEventListener(binding.listener());
			session.setReadWriter(binding.codec());
			for (SessionInitializer initializer : binding.initializers()) {
				initializer.initialize(session);
			}
		};
	}

	private static SessionOptions sessionOptions(String prefix, Endpoint endpoint) {
		GettyProperties.Session session = endpoint.getSession();
		GettyProperties.WriteBuffer buffer = endpoint.getWriteBuffer();
		long maxMsgLen = session.getMaxMsgLen().toBytes();
		if (maxMsgLen < 0 || maxMsgLen > Integer.MAX_VALUE) {
			throw new GettyConfigurationException(prefix + ".session.max-msg-len is " + session.getMaxMsgLen(),
					"Set it between 0 (no limit) and 2GB");
		}
		try {
			return SessionOptions.defaults()
				.withName(StringUtils.hasText(session.getName()) ? session.getName() : null)
				.withMaxMsgLen((int) maxMsgLen)
				.withReadTimeout(session.getReadTimeout())
				.withWriteTimeout(session.getWriteTimeout())
				.withCronPeriod(session.getCronPeriod())
				.withWaitTime(session.getWaitTime())
				.withIdleTimeout(session.getIdleTimeout())
				.withOutboundLimits(toInt(buffer.getLowWaterMark().toBytes()),
						toInt(buffer.getHighWaterMark().toBytes()), buffer.getMaxOutbound().toBytes());
		}
		catch (IllegalArgumentException ex) {
			throw new GettyConfigurationException(
					"Invalid session settings under " + prefix + ".session or " + prefix + ".write-buffer: "
							+ ex.getMessage(),
					"Fix the value named in the message", ex);
		}
	}

	private static int toInt(long bytes) {
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	private static @Nullable TaskPool taskPool(String prefix, GettyProperties.TaskPoolSettings settings) {
		int pending = settings.getMaxPendingPerSession();
		return switch (settings.getType()) {
			case NONE -> null;
			case FIXED -> TaskPool.fixed((settings.getThreads() != null) ? settings.getThreads()
					: Runtime.getRuntime().availableProcessors(), pending);
			case VIRTUAL -> {
				if (!TaskPool.virtualThreadsAvailable()) {
					throw new GettyConfigurationException(prefix + ".task-pool.type is virtual, but this JVM (Java "
							+ Runtime.version().feature() + ") has no virtual threads",
							"Run on Java 21 or later, or set " + prefix + ".task-pool.type=fixed");
				}
				yield TaskPool.virtualThreads(pending);
			}
		};
	}

	private static int checkPort(String prefix, int port) {
		if (port < 0 || port > 65535) {
			throw new GettyConfigurationException(prefix + ".port is " + port, "Set a port between 0 and 65535");
		}
		return port;
	}

	private static int notNegative(String property, int value) {
		if (value < 0) {
			throw new GettyConfigurationException(property + " is " + value, "Set it to 0 (no limit) or more");
		}
		return value;
	}

	private static int atLeastOne(String property, int value) {
		if (value < 1) {
			throw new GettyConfigurationException(property + " is " + value, "Set it to 1 or more");
		}
		return value;
	}

	private Supplier<InetSocketAddress> serverAddressOf(String prefix, @Nullable String address) {
		if (address != null && address.contains("${")) {
			// Servers bind and publish their ports before clients start, so a client can
			// reach a server of the same application that listens on a random port.
			return () -> serverAddress(prefix, this.environment.resolveRequiredPlaceholders(address));
		}
		InetSocketAddress resolved = serverAddress(prefix, address);
		return () -> resolved;
	}

	static InetSocketAddress serverAddress(String prefix, @Nullable String address) {
		if (!StringUtils.hasText(address)) {
			throw new GettyConfigurationException(prefix + ".server-address is not set",
					"Set it to the server's host:port, for example 127.0.0.1:7070");
		}
		int colon = address.lastIndexOf(':');
		String host = (colon > 0) ? address.substring(0, colon) : "";
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		try {
			int port = Integer.parseInt(address.substring(colon + 1));
			if (host.isEmpty() || port < 1 || port > 65535) {
				throw new NumberFormatException();
			}
			return InetSocketAddress.createUnresolved(host, port);
		}
		catch (RuntimeException ex) {
			throw new GettyConfigurationException(prefix + ".server-address is '" + address + "', which is not host:port",
					"Set it to the server's host:port, for example 127.0.0.1:7070 or [::1]:7070");
		}
	}

}
