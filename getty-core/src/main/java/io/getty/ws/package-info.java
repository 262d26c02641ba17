/**
 * WebSocket servers and clients, plain ({@code ws}) and over TLS ({@code wss}).
 */
@NullMarked
package io.getty.ws;

import org.jspecify.annotations.NullMarked;
