/**
 * The {@code udp-echo} endpoint: every datagram back to its sender.
 */
package io.getty.sample.udp;
