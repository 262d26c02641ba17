package io.getty;

/**
 * Adjusts an endpoint's builder before the endpoint is built, for settings that YAML
 * does not reach: event loops, a shared task pool, extra session initializers. The
 * Spring Boot starter applies every customizer bean, in order, to every endpoint it
 * creates.
 *
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface EndPointCustomizer {

	/**
	 * Customize the builder of one endpoint.
	 * @param name the endpoint name
	 * @param type the endpoint type
	 * @param builder the builder, already configured from properties
	 */
	void customize(String name, EndPointType type, EndPointBuilder<?> builder);

}
