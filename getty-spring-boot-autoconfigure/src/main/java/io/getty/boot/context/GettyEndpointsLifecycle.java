package io.getty.boot.context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.getty.EndPoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Starts every getty endpoint once the context is refreshed and stops them gracefully on
 * shutdown.
 *
 * <p>
 * Start: servers bind first, each bound port is published as
 * {@code local.getty.servers.<name>.port} and announced with a
 * {@link GettyServerStartedEvent}; then clients start connecting. Stop runs on its own
 * thread and within {@code spring.lifecycle.timeout-per-shutdown-phase}: clients stop
 * reconnecting and close, servers stop accepting, every session finishes the callbacks
 * already queued, closes, and runs its close callbacks, and only then is Spring told the
 * phase is done. A stopped lifecycle starts again, rebinding every server (a paused test
 * context does this).
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyEndpointsLifecycle implements SmartLifecycle {

	/**
	 * The phase, the same as Spring Boot's graceful web server shutdown: endpoints start
	 * before, and stop after, {@code SmartLifecycle} beans of the default phase (such as
	 * message listener containers that listeners might hand work to). Plain singletons
	 * are destroyed only after every lifecycle phase stopped, so listeners can use them
	 * until the last session closed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final String PORTS_PROPERTY_SOURCE = "getty.ports";

	private static final Log logger = LogFactory.getLog(GettyEndpointsLifecycle.class);

	private final GettyEndpointRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final ConfigurableEnvironment environment;

	private final Duration shutdownTimeout;

	private final ObjectProvider<EndPoint> endpointBeans;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param registry the endpoints
	 * @param publisher where events go
	 * @param environment where bound ports are published
	 * @param shutdownTimeout the longest a graceful stop may take
	 * @param endpointBeans the endpoint beans, created here if lazy initialization left
	 * them out
	 */
	public GettyEndpointsLifecycle(GettyEndpointRegistry registry, ApplicationEventPublisher publisher,
			ConfigurableEnvironment environment, Duration shutdownTimeout, ObjectProvider<EndPoint> endpointBeans) {
		this.registry = registry;
		this.publisher = publisher;
		this.environment = environment;
		this.shutdownTimeout = shutdownTimeout;
		this.endpointBeans = endpointBeans;
	}

	@Override
	public void start() {
		// Creating the beans registers them.
		this.endpointBeans.stream().forEach((endpoint) -> {
		});
		List<EndPoint> started = new ArrayList<>();
		try {
			for (EndPoint endpoint : this.registry.endpoints()) {
				if (!endpoint.type().isClient()) {
					endpoint.start();
					started.add(endpoint);
					publishPort(endpoint);
					this.publisher.publishEvent(new GettyServerStartedEvent(endpoint));
				}
			}
			for (EndPoint endpoint : this.registry.endpoints()) {
				if (endpoint.type().isClient()) {
					endpoint.start();
					started.add(endpoint);
				}
			}
		}
		catch (RuntimeException ex) {
			// Leave nothing bound behind a failed start.
			started.forEach((endpoint) -> endpoint.close(Duration.ofSeconds(5)));
			throw ex;
		}
		this.running = true;
	}

	private void publishPort(EndPoint server) {
		if (server.address() == null) {
			return;
		}
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> existing = sources.get(PORTS_PROPERTY_SOURCE);
		@SuppressWarnings("unchecked")
		Map<String, Object> ports = (existing != null) ? (Map<String, Object>) existing.getSource() : new HashMap<>();
		if (existing == null) {
			sources.addFirst(new MapPropertySource(PORTS_PROPERTY_SOURCE, ports));
		}
		ports.put("local.getty.servers." + server.name() + ".port", server.address().getPort());
	}

	@Override
	public void stop() {
		stopEndpoints();
	}

	@Override
	public void stop(Runnable callback) {
		// Closing waits for sessions; never do that on the thread driving the shutdown of
		// every other phase's beans for longer than needed, and never on an I/O thread.
		Thread stopper = new Thread(() -> {
			try {
				stopEndpoints();
			}
			finally {
				callback.run();
			}
		}, "getty-shutdown");
		stopper.setDaemon(false);
		stopper.start();
	}

	private void stopEndpoints() {
		if (!this.running) {
			return;
		}
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		for (EndPoint endpoint : this.registry.endpoints()) {
			if (endpoint.type().isClient()) {
				close(endpoint, deadline);
			}
		}
		for (EndPoint endpoint : this.registry.endpoints()) {
			if (!endpoint.type().isClient()) {
				close(endpoint, deadline);
			}
		}
		this.running = false;
	}

	private static void close(EndPoint endpoint, long deadline) {
		Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
		if (!endpoint.close(left)) {
			logger.warn("Getty " + endpoint.type() + " '" + endpoint.name()
					+ "' did not finish closing its sessions within spring.lifecycle.timeout-per-shutdown-phase");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
