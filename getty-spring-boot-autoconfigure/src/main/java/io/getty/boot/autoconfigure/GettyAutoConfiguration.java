package io.getty.boot.autoconfigure;

import java.time.Duration;

import io.getty.EndPoint;
import io.getty.EndPointCustomizer;
import io.getty.boot.annotation.GettySessionScope;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.boot.context.GettyEndpointsLifecycle;
import io.getty.boot.context.SessionBeanScope;
import io.getty.boot.context.MessageHandlingRecorder;
import io.getty.tcp.TcpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration for getty: a bean per endpoint declared under
 * {@code getty.servers} and {@code getty.clients}, discovery of {@code @GettyListener},
 * {@code @GettyCodec} and {@code @GettySessionInitializer} beans, the
 * {@code getty-session} scope, and a lifecycle that binds servers after the context is
 * refreshed and closes every session gracefully on shutdown.
 *
 * @author getty team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnClass(TcpServer.class)
@EnableConfigurationProperties(GettyProperties.class)
public final class GettyAutoConfiguration {

	@Bean
	static GettyEndpointBeanRegistrar gettyEndpointBeanRegistrar() {
		return new GettyEndpointBeanRegistrar();
	}

	@Bean
	static BeanFactoryPostProcessor gettySessionScopeRegistrar() {
		return (beanFactory) -> beanFactory.registerScope(GettySessionScope.NAME, new SessionBeanScope());
	}

	@Bean
	@ConditionalOnMissingBean
	GettyEndpointRegistry gettyEndpointRegistry(GettyProperties properties) {
		return new GettyEndpointRegistry(GettyEndpointBeanRegistrar.declared(properties).keySet());
	}

	@Bean
	@ConditionalOnMissingBean
	GettyEndpointFactory gettyEndpointFactory(GettyProperties properties, GettyEndpointRegistry registry,
			ObjectProvider<EndPointCustomizer> customizers, ConfigurableEnvironment environment,
			ObjectProvider<SslBundles> sslBundles) {
		return new GettyEndpointFactory(properties, registry, customizers.orderedStream().toList(), environment,
				sslBundles);
	}

	@Bean
	@Lazy(false)
	GettyBindings gettyBindings(ConfigurableListableBeanFactory beanFactory, GettyProperties properties,
			GettyEndpointRegistry registry, ApplicationEventPublisher publisher,
			ObjectProvider<MessageHandlingRecorder> recorder) {
		return new GettyBindings(beanFactory, properties, registry, publisher, recorder);
	}

	@Bean
	@ConditionalOnMissingBean
	GettyEndpointsLifecycle gettyEndpointsLifecycle(GettyEndpointRegistry registry,
			ApplicationEventPublisher publisher, ConfigurableEnvironment environment,
			ObjectProvider<EndPoint> endpoints) {
		Duration timeout = environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class,
				Duration.ofSeconds(30));
		return new GettyEndpointsLifecycle(registry, publisher, environment, timeout, endpoints);
	}

}
