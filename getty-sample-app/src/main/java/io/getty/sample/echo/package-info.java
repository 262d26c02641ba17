/**
 * The {@code echo} TCP server: a codec of its own, a listener and a new-session hook.
 */
package io.getty.sample.echo;
