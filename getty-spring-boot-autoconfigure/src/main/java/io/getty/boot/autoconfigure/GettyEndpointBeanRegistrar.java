package io.getty.boot.autoconfigure;

import java.util.Map;

import io.getty.EndPoint;
import io.getty.tcp.TcpClient;
import io.getty.tcp.TcpServer;
import io.getty.udp.UdpClient;
import io.getty.udp.UdpEndPoint;
import io.getty.ws.WsClient;
import io.getty.ws.WsServer;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Registers one bean per declared endpoint, named as the endpoint, so that it can be
 * injected by type and by {@code @Qualifier("<name>")}. The beans are created by the
 * {@link GettyEndpointFactory}.
 *
 * @author getty team
 * @since 0.1.0
 */
class GettyEndpointBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		GettyProperties properties = bind(this.environment);
		for (String name : properties.getServers().keySet()) {
			if (properties.getClients().containsKey(name)) {
				throw new GettyConfigurationException(
						"'" + name + "' is declared both as getty.servers." + name + " and getty.clients." + name,
						"Give the server and the client different names: every endpoint is a bean named after it");
			}
			register(registry, name, serverType(properties.getServers().get(name).getType()));
		}
		for (Map.Entry<String, GettyProperties.Client> client : properties.getClients().entrySet()) {
			register(registry, client.getKey(), clientType(client.getValue().getType()));
		}
	}

	private static Class<? extends EndPoint> serverType(GettyProperties.Type type) {
		return switch (type) {
			case TCP -> TcpServer.class;
			case UDP -> UdpEndPoint.class;
			case WS, WSS -> WsServer.class;
		};
	}

	private static Class<? extends EndPoint> clientType(GettyProperties.Type type) {
		return switch (type) {
			case TCP -> TcpClient.class;
			case UDP -> UdpClient.class;
			case WS, WSS -> WsClient.class;
		};
	}

	static GettyProperties bind(Environment environment) {
		return Binder.get(environment).bindOrCreate("getty", Bindable.of(GettyProperties.class));
	}

	private void register(BeanDefinitionRegistry registry, String name, Class<? extends EndPoint> type) {
		if (registry.containsBeanDefinition(name)) {
			throw new GettyConfigurationException("The getty endpoint '" + name + "' needs a bean named '" + name
					+ "', but the context already has one (" + describe(registry, name) + ")",
					"Rename the endpoint or the other bean");
		}
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setTargetType(type);
		definition.setInstanceSupplier(() -> this.beanFactory.getBean(GettyEndpointFactory.class).create(name));
		// The lifecycle closes endpoints gracefully first; this is the safety net.
		definition.setDestroyMethodName("close");
		definition.setAttribute("getty.endpoint", name);
		registry.registerBeanDefinition(name, definition);
	}

	private static String describe(BeanDefinitionRegistry registry, String name) {
		String className = registry.getBeanDefinition(name).getBeanClassName();
		return (className != null) ? className : registry.getBeanDefinition(name).getResourceDescription();
	}

	/**
	 * Return the declared endpoints and whether each is a server.
	 * @param properties the properties
	 * @return endpoint names mapped to {@code true} for servers
	 */
	static Map<String, Boolean> declared(GettyProperties properties) {
		Map<String, Boolean> declared = new java.util.LinkedHashMap<>();
		properties.getServers().keySet().forEach((name) -> declared.put(name, true));
		properties.getClients().keySet().forEach((name) -> declared.put(name, false));
		return declared;
	}

}
