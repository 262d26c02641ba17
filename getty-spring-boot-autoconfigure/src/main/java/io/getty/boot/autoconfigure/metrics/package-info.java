/**
 * Micrometer metrics for getty endpoints: a binder over each endpoint's own counters and
 * a timer of message handling, auto-configured when Micrometer is present.
 */
@NullMarked
package io.getty.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
