/**
 * The {@code getty} health component: servers bound, clients connected.
 */
@NullMarked
package io.getty.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
