package io.getty.boot.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.getty.EventListener;
import io.getty.SessionInitializer;
import io.getty.boot.annotation.GettyCodec;
import io.getty.boot.annotation.GettyListener;
import io.getty.boot.annotation.GettySessionInitializer;
import io.getty.boot.autoconfigure.GettyProperties.Endpoint;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.boot.context.GettyEndpointRegistry.Binding;
import io.getty.boot.context.MessageHandlingRecorder;
import io.getty.boot.context.ObservingListener;
import io.getty.codec.ReadWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Finds the {@link GettyListener}, {@link GettyCodec} and {@link GettySessionInitializer}
 * beans once every singleton exists, checks them against the declared endpoints, and binds
 * each endpoint's listener, codec and initializers in the {@link GettyEndpointRegistry}.
 * Every problem found is reported at once, naming the bean, the endpoint and the endpoints
 * that exist, and the context does not start.
 *
 * @author getty team
 * @since 0.1.0
 */
class GettyBindings implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final GettyProperties properties;

	private final GettyEndpointRegistry registry;

	private final ApplicationEventPublisher publisher;

	private final ObjectProvider<MessageHandlingRecorder> recorder;

	GettyBindings(ConfigurableListableBeanFactory beanFactory, GettyProperties properties,
			GettyEndpointRegistry registry, ApplicationEventPublisher publisher,
			ObjectProvider<MessageHandlingRecorder> recorder) {
		this.beanFactory = beanFactory;
		this.properties = properties;
		this.registry = registry;
		this.publisher = publisher;
		this.recorder = recorder;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, Boolean> declared = GettyEndpointBeanRegistrar.declared(this.properties);
		List<String> problems = new ArrayList<>();
		Map<String, List<Found<EventListener<?>>>> listeners = find(GettyListener.class, GettyListener::endpoints,
				EventListener.class, declared, problems);
		Map<String, List<Found<ReadWriter<?>>>> codecs = find(GettyCodec.class, GettyCodec::endpoints,
				ReadWriter.class, declared, problems);
		Map<String, List<Found<SessionInitializer>>> initializers = find(GettySessionInitializer.class,
				GettySessionInitializer::endpoints, SessionInitializer.class, declared, problems);
		// One recorder times messages; with several, none is picked rather than failing.
		MessageHandlingRecorder handlingRecorder = this.recorder.getIfUnique();
		Map<String, Binding> bindings = new LinkedHashMap<>();
		for (Map.Entry<String, Boolean> endpoint : declared.entrySet()) {
			String name = endpoint.getKey();
			String prefix = (endpoint.getValue() ? "getty.servers." : "getty.clients.") + name;
			Found<EventListener<?>> listener = listenerOf(name, prefix, listeners.get(name), problems);
			Found<ReadWriter<?>> codec = codecOf(name, prefix, codecs.get(name), problems);
			if (listener != null && codec != null) {
				List<SessionInitializer> bound = new ArrayList<>();
				initializers.getOrDefault(name, List.of()).forEach((found) -> bound.add(found.bean()));
				initializers.getOrDefault("", List.of()).forEach((found) -> bound.add(found.bean()));
				AnnotationAwareOrderComparator.sort(bound);
				bindings.put(name, new Binding(observe(listener.bean(), handlingRecorder), listener.beanName(),
						codec.bean(), codec.beanName(), List.copyOf(bound)));
			}
		}
		if (!problems.isEmpty()) {
			throw new GettyConfigurationException(
					"Getty endpoints are not wired correctly:\n - " + String.join("\n - ", problems),
					"Declared endpoints: " + new TreeSet<>(declared.keySet()) + ". Make every @GettyListener, "
							+ "@GettyCodec and @GettySessionInitializer name declared endpoints, and give every "
							+ "endpoint exactly one listener and at most one codec.");
		}
		bindings.forEach(this.registry::bind);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private EventListener<?> observe(EventListener<?> listener, @Nullable MessageHandlingRecorder recorder) {
		return new ObservingListener(listener, this.publisher, recorder);
	}

	private @Nullable Found<EventListener<?>> listenerOf(String name, String prefix,
			@Nullable List<Found<EventListener<?>>> found, List<String> problems) {
		if (found == null || found.isEmpty()) {
			problems.add("endpoint '" + name + "' (" + prefix + ") has no listener: annotate a bean implementing "
					+ "io.getty.EventListener with @GettyListener(\"" + name + "\")");
			return null;
		}
		if (found.size() > 1) {
			problems.add("endpoint '" + name + "' has " + found.size() + " listeners, beans " + beanNames(found)
					+ "; a session has exactly one listener");
			return null;
		}
		return found.get(0);
	}

	@SuppressWarnings("unchecked")
	private @Nullable Found<ReadWriter<?>> codecOf(String name, String prefix,
			@Nullable List<Found<ReadWriter<?>>> annotated, List<String> problems) {
		Endpoint endpoint = this.properties.getServers().containsKey(name) ? this.properties.getServers().get(name)
				: this.properties.getClients().get(name);
		List<Found<ReadWriter<?>>> beans = (annotated != null) ? annotated : List.of();
		if (beans.size() > 1) {
			problems.add("endpoint '" + name + "' has " + beans.size() + " codecs, @GettyCodec beans " + beanNames(beans)
					+ "; keep one");
			return null;
		}
		String configured = endpoint.getCodec();
		if (configured == null) {
			if (beans.size() == 1) {
				return beans.get(0);
			}
			return builtIn(name, prefix, BuiltInCodecs.LENGTH_FIELD, endpoint, problems);
		}
		if (beans.size() == 1 && !beans.get(0).beanName().equals(configured)) {
			problems.add("endpoint '" + name + "' has two codecs: " + prefix + ".codec is '" + configured
					+ "' and @GettyCodec bean '" + beans.get(0).beanName() + "' names it too; keep one");
			return null;
		}
		if (BuiltInCodecs.IDS.contains(configured)) {
			return builtIn(name, prefix, configured, endpoint, problems);
		}
		if (this.beanFactory.containsBean(configured)
				&& this.beanFactory.isTypeMatch(configured, ReadWriter.class)) {
			return new Found<>(configured, (ReadWriter<?>) this.beanFactory.getBean(configured));
		}
		problems.add("endpoint '" + name + "' names codec '" + configured + "' (" + prefix
				+ ".codec), which is neither a built-in codec " + BuiltInCodecs.IDS + " nor a ReadWriter bean "
				+ Arrays.toString(this.beanFactory.getBeanNamesForType(ReadWriter.class)));
		return null;
	}

	private static @Nullable Found<ReadWriter<?>> builtIn(String name, String prefix, String id, Endpoint endpoint,
			List<String> problems) {
		try {
			return new Found<>(id, BuiltInCodecs.create(name, prefix, id, endpoint));
		}
		catch (GettyConfigurationException ex) {
			problems.add(ex.getMessage() + " (" + ex.getAction() + ")");
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private <A extends Annotation, T> Map<String, List<Found<T>>> find(Class<A> annotation,
			Function<A, String[]> endpoints, Class<?> requiredType, Map<String, Boolean> declared,
			List<String> problems) {
		Map<String, List<Found<T>>> found = new LinkedHashMap<>();
		String label = "@" + annotation.getSimpleName();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(annotation)) {
			A attributes = this.beanFactory.findAnnotationOnBean(beanName, annotation);
			Object bean = this.beanFactory.getBean(beanName);
			if (!requiredType.isInstance(bean)) {
				problems.add(label + " bean '" + beanName + "' (" + bean.getClass().getName() + ") does not implement "
						+ requiredType.getName());
				continue;
			}
			String[] names = endpoints.apply(attributes);
			if (names.length == 0) {
				if (annotation == GettySessionInitializer.class) {
					found.computeIfAbsent("", (key) -> new ArrayList<>()).add(new Found<>(beanName, (T) bean));
				}
				else {
					problems.add(label + " bean '" + beanName + "' names no endpoint; name one or more, as in "
							+ label + "(\"echo\")");
				}
				continue;
			}
			for (String name : names) {
				if (!declared.containsKey(name)) {
					problems.add(label + " bean '" + beanName + "' names endpoint '" + name
							+ "', which is not declared under getty.servers or getty.clients; declared endpoints: "
							+ new TreeSet<>(declared.keySet()));
					continue;
				}
				found.computeIfAbsent(name, (key) -> new ArrayList<>()).add(new Found<>(beanName, (T) bean));
			}
		}
		return found;
	}

	private static String beanNames(List<? extends Found<?>> found) {
		return found.stream().map(Found::beanName).toList().toString();
	}

	private record Found<T>(String beanName, T bean) {

	}

}
