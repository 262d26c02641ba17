/**
 * UDP endpoints and clients.
 */
@NullMarked
package io.getty.udp;

import org.jspecify.annotations.NullMarked;
