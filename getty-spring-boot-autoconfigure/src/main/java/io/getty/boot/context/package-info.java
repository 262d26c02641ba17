/**
 * Spring glue that is not auto-configuration: the endpoint registry, the lifecycle that
 * starts and stops endpoints, application events and the session scope.
 */
@NullMarked
package io.getty.boot.context;

import org.jspecify.annotations.NullMarked;
