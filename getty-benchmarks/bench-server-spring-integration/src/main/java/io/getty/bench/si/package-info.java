/**
 * Spring Integration IP echo server, on Spring Framework 6.2 in its own JVM.
 */
package io.getty.bench.si;
