/**
 * Codecs: Getty's {@code ReadWriter} contract on Netty buffers, and the built-in codecs.
 */
@NullMarked
package io.getty.codec;

import org.jspecify.annotations.NullMarked;
