package io.getty.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean that implements {@link io.getty.EventListener} as the listener of the
 * named endpoints. Put it on the bean class or on its {@code @Bean} method.
 *
 * <pre class="code">
 * &#64;Component
 * &#64;GettyListener("echo")
 * class EchoListener implements EventListener&lt;byte[]&gt; {
 *     public void onMessage(Session session, byte[] pkg) {
 *         session.writePkg(pkg);
 *     }
 * }
 * </pre>
 *
 * Startup fails if a named endpoint does not exist, if an endpoint gets two listeners,
 * or if an endpoint has none.
 *
 * @author getty team
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GettyListener {

	/**
	 * Alias for {@link #endpoints()}.
	 * @return the endpoint names
	 */
	@AliasFor("endpoints")
	String[] value() default {};

	/**
	 * The names of the endpoints, as under {@code getty.servers} and
	 * {@code getty.clients}.
	 * @return the endpoint names
	 */
	@AliasFor("value")
	String[] endpoints() default {};

}
