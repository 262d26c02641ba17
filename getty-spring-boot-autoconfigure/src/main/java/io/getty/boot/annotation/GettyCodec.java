package io.getty.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean that implements {@link io.getty.codec.ReadWriter} as the codec of the
 * named endpoints. Put it on the bean class or on its {@code @Bean} method. An endpoint
 * may instead name a codec bean, or a built-in codec, in its {@code codec} property.
 *
 * <p>
 * Startup fails if a named endpoint does not exist or if an endpoint gets two codecs.
 *
 * @author getty team
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GettyCodec {

	/**
	 * Alias for {@link #endpoints()}.
	 * @return the endpoint names
	 */
	@AliasFor("endpoints")
	String[] value() default {};

	/**
	 * The names of the endpoints.
	 * @return the endpoint names
	 */
	@AliasFor("value")
	String[] endpoints() default {};

}
