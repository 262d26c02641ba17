package io.getty.boot.autoconfigure.endpoint;

import java.util.List;

import io.getty.boot.autoconfigure.GettyAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security default: the getty endpoint's write operation, closing a session, is not
 * available over the web unless the application opts in.
 */
class GettyEndpointAccessTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
				GettyAutoConfiguration.class, GettyEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=getty");

	@Test
	void exposingTheEndpointGivesReadOperationsOnly() {
		this.runner.run((context) -> assertThat(operationTypes(context)).containsOnly(OperationType.READ)
			.isNotEmpty());
	}

	@Test
	void closingSessionsOverTheWebNeedsUnrestrictedAccess() {
		this.runner.withPropertyValues("management.endpoint.getty.access=UNRESTRICTED")
			.run((context) -> assertThat(operationTypes(context)).contains(OperationType.READ, OperationType.DELETE));
	}

	private static List<OperationType> operationTypes(AssertableWebApplicationContext context) {
		return context.getBean(WebEndpointDiscoverer.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(EndpointId.of("getty")))
			.flatMap((endpoint) -> endpoint.getOperations().stream())
			.map(WebOperation::getType)
			.toList();
	}

}
