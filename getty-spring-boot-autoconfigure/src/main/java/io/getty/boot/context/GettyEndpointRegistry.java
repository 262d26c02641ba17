package io.getty.boot.context;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.getty.EndPoint;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.codec.ReadWriter;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * Every getty endpoint of the application context, with the listener and codec bound to
 * each. Health, metrics and the actuator endpoint read it.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyEndpointRegistry implements DisposableBean {

	private final Map<String, EndPoint> endpoints = new ConcurrentHashMap<>();

	private final Set<String> declared;

	private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

	private final List<AutoCloseable> ownedResources = new java.util.concurrent.CopyOnWriteArrayList<>();

	/**
	 * Create a registry for the declared endpoint names.
	 * @param declared the names under {@code getty.servers} and {@code getty.clients}
	 */
	public GettyEndpointRegistry(Set<String> declared) {
		this.declared = Set.copyOf(declared);
	}

	/**
	 * Return the declared endpoint names.
	 * @return the names
	 */
	public Set<String> names() {
		return this.declared;
	}

	/**
	 * Register an endpoint once its bean exists.
	 * @param endpoint the endpoint
	 */
	public void register(EndPoint endpoint) {
		this.endpoints.put(endpoint.name(), endpoint);
	}

	/**
	 * Return the endpoints created so far, servers first, each group by name.
	 * @return the endpoints
	 */
	public List<EndPoint> endpoints() {
		return this.endpoints.values()
			.stream()
			.sorted((a, b) -> (a.type().isClient() != b.type().isClient()) ? (a.type().isClient() ? 1 : -1)
					: a.name().compareTo(b.name()))
			.toList();
	}

	/**
	 * Return one endpoint.
	 * @param name the endpoint name
	 * @return the endpoint, if created
	 */
	public Optional<EndPoint> endpoint(String name) {
		return Optional.ofNullable(this.endpoints.get(name));
	}

	/**
	 * Find an open session of any endpoint.
	 * @param sessionId the session id
	 * @return the session, if open
	 */
	public Optional<Session> session(long sessionId) {
		return this.endpoints.values()
			.stream()
			.map((endpoint) -> endpoint.session(sessionId))
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * Take ownership of a resource to close when the context is destroyed, such as a
	 * task pool created for an endpoint.
	 * @param resource the resource
	 */
	public void own(AutoCloseable resource) {
		this.ownedResources.add(resource);
	}

	/**
	 * Close the resources this registry owns. Runs when the context is destroyed, after
	 * every lifecycle phase stopped, so that endpoints that Spring stops and starts again
	 * (a paused test context) keep their task pools.
	 */
	@Override
	public void destroy() {
		for (AutoCloseable resource : this.ownedResources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				LogFactory.getLog(GettyEndpointRegistry.class).warn("Closing " + resource + " failed", ex);
			}
		}
		this.ownedResources.clear();
	}

	/**
	 * Bind the listener and codec an endpoint's sessions get.
	 * @param name the endpoint name
	 * @param binding the binding
	 */
	public void bind(String name, Binding binding) {
		this.bindings.put(name, binding);
	}

	/**
	 * Return what an endpoint's sessions get.
	 * @param name the endpoint name
	 * @return the binding, or {@code null} before discovery finished
	 */
	public @Nullable Binding binding(String name) {
		return this.bindings.get(name);
	}

	/**
	 * Return every binding.
	 * @return the bindings by endpoint name
	 */
	public Map<String, Binding> bindings() {
		return Map.copyOf(this.bindings);
	}

	/**
	 * The listener, codec and extra initializers of an endpoint.
	 *
	 * @param listener the listener, wrapped for events and metrics
	 * @param listenerBean the name of the listener bean
	 * @param codec the codec
	 * @param codecSource where the codec came from: a bean name or a built-in id
	 * @param initializers session initializer beans bound to the endpoint, in order
	 */
	public record Binding(EventListener<?> listener, String listenerBean, ReadWriter<?> codec, String codecSource,
			Collection<io.getty.SessionInitializer> initializers) {

	}

}
