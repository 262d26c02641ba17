/**
 * Apache MINA echo server.
 */
package io.getty.bench.mina;
