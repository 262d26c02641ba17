/**
 * Annotations that bind beans to the endpoints declared under {@code getty.servers} and
 * {@code getty.clients}.
 */
@NullMarked
package io.getty.boot.annotation;

import org.jspecify.annotations.NullMarked;
