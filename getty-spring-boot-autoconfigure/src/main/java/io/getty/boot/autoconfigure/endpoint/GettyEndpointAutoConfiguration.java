package io.getty.boot.autoconfigure.endpoint;

import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.context.GettyEndpointRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code getty} actuator
 * endpoint. Like every actuator endpoint it is only created where it is exposed, for
 * example with {@code management.endpoints.web.exposure.include=getty}.
 *
 * @author getty team
 * @since 0.1.0
 */
@AutoConfiguration(after = { GettyAutoConfiguration.class, EndpointAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(GettyEndpointRegistry.class)
public final class GettyEndpointAutoConfiguration {

	// The availability check sits on the method: on the class, its condition would be
	// loaded even where the actuator, which holds that condition, is missing.
	@Bean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnMissingBean
	GettyActuatorEndpoint gettyActuatorEndpoint(GettyEndpointRegistry registry) {
		return new GettyActuatorEndpoint(registry);
	}

}
