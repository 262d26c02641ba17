/**
 * TCP servers and clients.
 */
@NullMarked
package io.getty.tcp;

import org.jspecify.annotations.NullMarked;
