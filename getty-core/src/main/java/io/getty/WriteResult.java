package io.getty;

/**
 * The outcome of a successful write: how many bytes and packages reached the operating
 * system. Getty returns {@code (totalBytesLength, sendBytesLength, err)}; a failed write
 * here completes its future exceptionally instead, with {@link SessionClosedException},
 * {@link WriteTimeoutException}, {@link OutboundBufferFullException} or the codec's
 * error.
 *
 * @param bytes the number of bytes written
 * @param packages the number of packages written
 * @author getty team
 * @since 0.1.0
 */
public record WriteResult(int bytes, int packages) {

}
