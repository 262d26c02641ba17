/**
 * Raw Netty echo server: the ceiling every other server is measured against.
 */
package io.getty.bench.netty;
