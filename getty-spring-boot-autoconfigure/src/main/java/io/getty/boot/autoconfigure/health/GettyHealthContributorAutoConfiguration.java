package io.getty.boot.autoconfigure.health;

import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.context.GettyEndpointRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code getty} health
 * component, switched off by {@code management.health.getty.enabled=false}.
 *
 * @author getty team
 * @since 0.1.0
 */
@AutoConfiguration(after = { GettyAutoConfiguration.class, HealthContributorAutoConfiguration.class })
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(GettyEndpointRegistry.class)
public final class GettyHealthContributorAutoConfiguration {

	// The bean name makes the component "getty"; a user bean under either name, or a
	// GettyHealthIndicator of their own, replaces this one rather than adding a second.
	// The switch sits on the method: on the class, its condition would be loaded even
	// where the health module, which holds that condition, is missing.
	@Bean
	@ConditionalOnEnabledHealthIndicator("getty")
	@ConditionalOnMissingBean(value = GettyHealthIndicator.class,
			name = { "gettyHealthIndicator", "gettyHealthContributor" })
	GettyHealthIndicator gettyHealthIndicator(GettyEndpointRegistry registry) {
		return new GettyHealthIndicator(registry);
	}

}
