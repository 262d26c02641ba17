/**
 * The getty sample application: endpoints declared in {@code application.yml}, their
 * listeners, codec and new-session hook.
 */
package io.getty.sample;
