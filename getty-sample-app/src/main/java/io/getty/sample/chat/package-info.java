/**
 * The {@code chat} WebSocket server: a broadcast chat room.
 */
package io.getty.sample.chat;
