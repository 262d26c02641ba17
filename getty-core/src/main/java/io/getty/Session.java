package io.getty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.getty.codec.PackageReader;
import io.getty.codec.PackageWriter;
import io.getty.codec.ReadWriter;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One connection of an {@link EndPoint}: Getty's {@code Session} in Java form.
 *
 * <p>
 * A session is configured by the endpoint's {@link SessionInitializer} (Getty's
 * {@code NewSessionCallback}) before {@link EventListener#onOpen(Session)}. The codec and
 * listener can only be set there; timeouts, limits and the name can change at any time.
 * The cron period is read when the session opens.
 *
 * <h2>Writes</h2> Every write returns a future that completes with the bytes written or
 * fails with a specific exception; nothing is retried. Writes never block: they may be
 * called from any thread, including the session's I/O thread. Waiting on the future from
 * that I/O thread fails with {@link BlockingWaitException} instead of deadlocking.
 *
 * @author getty team
 * @since 0.1.0
 */
public interface Session {

	/**
	 * Return the connection id, unique in this JVM (Getty's global connection counter).
	 * @return the id
	 */
	long id();

	/**
	 * Return the session name used in {@link #stat()}.
	 * @return the name
	 */
	String name();

	/**
	 * Set the session name.
	 * @param name the name
	 */
	void setName(String name);

	/**
	 * Return the endpoint that accepted or opened this session.
	 * @return the endpoint
	 */
	EndPoint endPoint();

	/**
	 * Return the local address.
	 * @return the address
	 */
	InetSocketAddress localAddress();

	/**
	 * Return the remote address.
	 * @return the address, or {@code null} for an unconnected UDP endpoint, whose peers
	 * arrive with each package as a {@link io.getty.udp.UdpPackage}
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Return whether {@link #close()} has begun or the connection is gone.
	 * @return {@code true} once closing
	 */
	boolean isClosed();

	/**
	 * Close the session: stop accepting writes, give queued writes up to
	 * {@link #waitTime()} to reach the network, then close the connection. Idempotent and
	 * thread-safe.
	 * <p>
	 * A TCP or WebSocket connection closes gracefully within the same wait time: after
	 * the last write (on WebSocket, the close frame) its output is shut down, so the peer
	 * reads everything and then the end of the stream, and what the peer still sends is
	 * read and discarded until the peer closes too or sends nothing for a second. Closing
	 * at once would make the kernel reset a connection whose peer is still sending, and a
	 * reset throws away the replies it has not delivered yet. A peer that neither closes
	 * nor sends therefore keeps a closing session for a second, and one that never stops
	 * sending for the wait time, after which its connection is reset.
	 * @return a future that completes once {@code onClose} and every close callback have
	 * run
	 */
	CompletableFuture<Void> close();

	/**
	 * Return a future that completes once the session has closed and {@code onClose} and
	 * every close callback have run.
	 * @return the future
	 */
	CompletableFuture<Void> closeFuture();

	/**
	 * Return why the session closed.
	 * @return the reason, or {@code null} while open
	 */
	@Nullable CloseReason closeReason();

	/**
	 * Return when a package was last received (or, on WebSocket, a ping or pong). Sending
	 * does not count. Starts at the time the session opened. The I/O thread reads the
	 * clock once per turn of its event loop, at the first read of the turn, so this can be
	 * earlier than the package's arrival by as long as one turn takes (microseconds, or
	 * milliseconds for an event loop with many busy sessions).
	 * @return the last-active time
	 */
	Instant lastActive();

	/**
	 * Return {@link #lastActive()} as a {@link System#nanoTime()} value, for cheap
	 * idle arithmetic in {@code onCron}.
	 * @return the last-active time in nanoseconds
	 */
	long lastActiveNanos();

	/**
	 * Return the largest package accepted, in bytes on the wire including its header.
	 * @return the limit, or 0 for none
	 */
	int maxMsgLen();

	/**
	 * Set the largest package accepted. A larger one closes the session as soon as its
	 * header announces it.
	 * @param maxMsgLen the limit in bytes, or 0 for none
	 */
	void setMaxMsgLen(int maxMsgLen);

	/**
	 * Return how long a partly received package may take to complete. A package still
	 * incomplete when this time has passed closes the session with a read timeout error,
	 * reported up to 10 ms late: the sessions of an event loop share one timer, which
	 * checks on a 10 ms grid.
	 * @return the read timeout
	 */
	Duration readTimeout();

	/**
	 * Set the read timeout.
	 * @param timeout a positive duration
	 */
	void setReadTimeout(Duration timeout);

	/**
	 * Return the default timeout of writes. A write counts its timeout from when it was
	 * made, except that one made on the I/O thread while it handles a read (a listener
	 * answering) counts from the start of that read's event-loop turn, like
	 * {@link #lastActive()}: earlier by as long as the turn has taken.
	 * @return the write timeout
	 */
	Duration writeTimeout();

	/**
	 * Set the default timeout of writes.
	 * @param timeout a positive duration
	 */
	void setWriteTimeout(Duration timeout);

	/**
	 * Return the period of {@link EventListener#onCron(Session)}.
	 * @return the cron period
	 */
	Duration cronPeriod();

	/**
	 * Set the cron period. Read when the session opens, as in Getty.
	 * @param period a positive duration
	 */
	void setCronPeriod(Duration period);

	/**
	 * Return how long {@link #close()} lets queued writes drain and, on TCP and WebSocket,
	 * the peer finish (see {@link #close()}).
	 * @return the wait time
	 */
	Duration waitTime();

	/**
	 * Set the wait time.
	 * @param waitTime a positive duration
	 */
	void setWaitTime(Duration waitTime);

	/**
	 * Return the idle timeout: a session that receives nothing for this long is closed.
	 * @return the idle timeout, {@link Duration#ZERO} when disabled
	 */
	Duration idleTimeout();

	/**
	 * Set the idle timeout. Read when the session opens.
	 * @param timeout the timeout, or {@link Duration#ZERO} to disable
	 */
	void setIdleTimeout(Duration timeout);

	/**
	 * Set the listener. Only allowed in the {@link SessionInitializer}.
	 * @param listener the listener
	 */
	void setEventListener(EventListener<?> listener);

	/**
	 * Set the codec for both directions (Getty's {@code SetPkgHandler}). Only allowed in
	 * the {@link SessionInitializer}.
	 * @param readWriter the codec
	 */
	void setReadWriter(ReadWriter<?> readWriter);

	/**
	 * Set the decoder. Only allowed in the {@link SessionInitializer}.
	 * @param reader the decoder
	 */
	void setReader(PackageReader<?> reader);

	/**
	 * Set the encoder. Only allowed in the {@link SessionInitializer}.
	 * @param writer the encoder
	 */
	void setWriter(PackageWriter writer);

	/**
	 * Return an attribute.
	 * @param key the key
	 * @return the value, or {@code null}
	 */
	@Nullable Object getAttribute(Object key);

	/**
	 * Set an attribute.
	 * @param key the key
	 * @param value the value
	 */
	void setAttribute(Object key, Object value);

	/**
	 * Remove an attribute.
	 * @param key the key
	 * @return the removed value, or {@code null}
	 */
	@Nullable Object removeAttribute(Object key);

	/**
	 * Encode a package with the session's writer and send it, with the session's
	 * {@link #writeTimeout()}. On UDP, wrap it in a {@link io.getty.udp.UdpPackage} to
	 * address a peer (required on an unconnected endpoint). On WebSocket, a package of
	 * type {@link CharSequence} goes out as a text message, anything else as binary.
	 * @param pkg the package
	 * @return the outcome
	 */
	default CompletableFuture<WriteResult> writePkg(Object pkg) {
		return writePkg(pkg, writeTimeout());
	}

	/**
	 * Encode a package with the session's writer and send it.
	 * @param pkg the package
	 * @param timeout how long the write may take; zero or negative means the session's
	 * {@link #writeTimeout()}
	 * @return the outcome
	 */
	CompletableFuture<WriteResult> writePkg(Object pkg, Duration timeout);

	/**
	 * Send bytes that are already encoded, bypassing the writer.
	 * @param bytes the bytes; not copied, so do not change them until the future completes
	 * @return the outcome, counting one package
	 */
	CompletableFuture<WriteResult> writeBytes(byte[] bytes);

	/**
	 * Send several encoded packages in one gathered write (one {@code writev} on TCP).
	 * @param packages the packages; not copied
	 * @return the outcome, counting one package per array
	 */
	CompletableFuture<WriteResult> writeBytesArray(byte[]... packages);

	/**
	 * Return whether the outbound buffer is below its high water mark.
	 * @return {@code true} if writing will not queue much
	 */
	boolean isWritable();

	/**
	 * Return Getty's one-line statistics:
	 * {@code session {name:TYPE:id:local<->remote}, Read Bytes: n, Write Bytes: n, Read Pkgs: n, Write Pkgs: n},
	 * with {@code session-closed} in place of the token once closed.
	 * @return the statistics
	 */
	String stat();

	/**
	 * Return the statistics as numbers.
	 * @return a snapshot
	 */
	SessionStats stats();

	/**
	 * Add a close callback under {@code (handler, key)}, replacing in place any callback
	 * already under that pair. Ignored once the session is closed. Callbacks run once, in
	 * insertion order, off the I/O thread, after {@code onClose}; one that throws is
	 * logged and does not stop the rest.
	 * @param handler the first half of the identity, for example the owning component
	 * @param key the second half of the identity
	 * @param callback the callback
	 */
	void addCloseCallback(Object handler, Object key, Runnable callback);

	/**
	 * Remove the close callback under {@code (handler, key)}; a no-op when there is none.
	 * @param handler the first half of the identity
	 * @param key the second half of the identity
	 */
	void removeCloseCallback(Object handler, Object key);

	/**
	 * Return the Netty channel (Getty's {@code Conn()}): an escape hatch for socket
	 * options. Writing to it directly bypasses the session's accounting.
	 * @return the channel
	 */
	Channel channel();

}
