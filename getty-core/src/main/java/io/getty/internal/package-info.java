/**
 * Netty plumbing behind the public API. Public only so that the transport packages can
 * share it: nothing here is API, and it changes without notice.
 */
@NullMarked
package io.getty.internal;

import org.jspecify.annotations.NullMarked;
