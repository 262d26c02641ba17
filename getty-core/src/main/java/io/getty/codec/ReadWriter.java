package io.getty.codec;

/**
 * A codec for both directions: Getty's {@code ReadWriter} (its {@code PkgHandler}).
 * Codecs are shared by all sessions of an endpoint and so must be thread-safe; the
 * built-in ones are stateless.
 *
 * @param <T> the type of the packages it reads
 * @author getty team
 * @since 0.1.0
 */
public interface ReadWriter<T> extends PackageReader<T>, PackageWriter {

}
