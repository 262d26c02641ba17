/**
 * Vert.x echo server.
 */
package io.getty.bench.vertx;
