package io.getty.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.annotation.AliasFor;

/**
 * Gives a bean the lifetime of one getty session: it is created the first time it is
 * used inside a listener callback of a session, shared by that session's later callbacks,
 * and destroyed (its {@code @PreDestroy} runs) by the session's close callbacks. Used
 * outside a callback it throws {@link IllegalStateException}.
 *
 * <p>
 * By default the bean is injected through a class-based proxy, so singletons such as
 * listeners can hold it.
 *
 * @author getty team
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Scope(GettySessionScope.NAME)
public @interface GettySessionScope {

	/** The scope name. */
	String NAME = "getty-session";

	/**
	 * How the bean is proxied.
	 * @return the proxy mode
	 */
	@AliasFor(annotation = Scope.class)
	ScopedProxyMode proxyMode() default ScopedProxyMode.TARGET_CLASS;

}
