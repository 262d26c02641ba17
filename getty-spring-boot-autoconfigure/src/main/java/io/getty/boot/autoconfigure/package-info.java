/**
 * Auto-configuration for getty: endpoints declared under {@code getty.*} become beans,
 * annotated listeners and codecs are bound to them, and a lifecycle starts and stops
 * them.
 */
@NullMarked
package io.getty.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
