/**
 * Spring Boot support for getty. The auto-configuration (endpoints from YAML, listener
 * and codec discovery, lifecycle, metrics) arrives with its own issue.
 */
@NullMarked
package io.getty.boot;

import org.jspecify.annotations.NullMarked;
