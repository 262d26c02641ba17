package io.getty.boot.autoconfigure.metrics;

import io.getty.EndPoint;
import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import io.getty.boot.autoconfigure.GettyProperties;
import io.getty.boot.context.GettyEndpointRegistry;
import io.getty.boot.context.MessageHandlingRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for getty metrics: a
 * {@link GettyMetrics} binder over every endpoint bean, which Spring Boot binds to the
 * meter registry, and the {@code getty.message.handling} timers.
 *
 * @author getty team
 * @since 0.1.0
 */
@AutoConfiguration(after = { GettyAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ GettyEndpointRegistry.class, MeterRegistry.class })
public final class GettyMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GettyMetrics gettyMetrics(ObjectProvider<EndPoint> endpoints) {
		// Spring Boot binds after every singleton exists, but with lazy initialization
		// the endpoint beans may not exist yet then: asking the provider at bind time
		// creates them, and the lifecycle starts the same instances later.
		return new GettyMetrics(() -> endpoints.orderedStream().iterator());
	}

	@Bean
	@ConditionalOnMissingBean(MessageHandlingRecorder.class)
	GettyMessageHandlingTimers gettyMessageHandlingTimers(MeterRegistry registry, GettyProperties properties) {
		return new GettyMessageHandlingTimers(registry, Tags.empty(),
				properties.getMetrics().getMessageHandling().getSampleInterval());
	}

}
