/**
 * What every benchmark server shares: the options it is started with, the control
 * protocol the harness drives it through, and the in-process sampler of allocation, heap
 * and garbage collection.
 */
package io.getty.bench.server;
