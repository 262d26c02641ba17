/**
 * getty through the Spring Boot starter: a minimal application with one YAML-declared
 * server and a {@code @GettyListener} echo bean.
 */
package io.getty.bench.boot;
