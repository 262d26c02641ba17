package io.getty.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Binds a {@link io.getty.SessionInitializer} bean (Getty's {@code NewSessionCallback})
 * to the named endpoints; without names it applies to every endpoint. Initializers run,
 * in {@code @Order}, after the endpoint's listener and codec are set, so they may still
 * replace them, change limits and timeouts, or reject the connection by throwing.
 *
 * @author getty team
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GettySessionInitializer {

	/**
	 * Alias for {@link #endpoints()}.
	 * @return the endpoint names
	 */
	@AliasFor("endpoints")
	String[] value() default {};

	/**
	 * The names of the endpoints; empty for all.
	 * @return the endpoint names
	 */
	@AliasFor("value")
	String[] endpoints() default {};

}
