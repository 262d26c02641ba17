/**
 * The {@code getty} actuator endpoint: endpoints and their sessions with statistics, one
 * session by id, and closing a session.
 */
@NullMarked
package io.getty.boot.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
