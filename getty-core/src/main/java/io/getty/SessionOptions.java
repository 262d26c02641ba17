package io.getty;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The per-session settings an endpoint gives each new session; a
 * {@link SessionInitializer} may still change them per session. Immutable: each
 * {@code withXxx} method returns a copy.
 *
 * <p>
 * Defaults differ from Getty's where Getty's are a known trap (a 4 KiB message limit with
 * a 1 s write timeout, Getty defect list item 16): see each constant.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class SessionOptions {

	/** Default largest package: 64 KiB (Getty: 4 KiB). */
	public static final int DEFAULT_MAX_MSG_LEN = 64 * 1024;

	/** Default time a partly received package may take to complete: 30 s. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

	/** Default write timeout: 5 s (Getty: 1 s). */
	public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);

	/** Default cron period: 60 s, as in Getty. */
	public static final Duration DEFAULT_CRON_PERIOD = Duration.ofSeconds(60);

	/** Default time {@link Session#close()} lets queued writes drain: 3 s, as in Getty. */
	public static final Duration DEFAULT_WAIT_TIME = Duration.ofSeconds(3);

	/** Default idle timeout: disabled. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ZERO;

	/** Default low water mark of the outbound buffer: 32 KiB (Netty's default). */
	public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 32 * 1024;

	/** Default high water mark of the outbound buffer: 64 KiB (Netty's default). */
	public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 64 * 1024;

	/** Default hard cap of queued outbound bytes per session: 4 MiB. */
	public static final long DEFAULT_MAX_OUTBOUND_BYTES = 4L * 1024 * 1024;

	private static final SessionOptions DEFAULTS = new SessionOptions(null, DEFAULT_MAX_MSG_LEN, DEFAULT_READ_TIMEOUT,
			DEFAULT_WRITE_TIMEOUT, DEFAULT_CRON_PERIOD, DEFAULT_WAIT_TIME, DEFAULT_IDLE_TIMEOUT,
			DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK, DEFAULT_MAX_OUTBOUND_BYTES);

	private final @Nullable String name;

	private final int maxMsgLen;

	private final Duration readTimeout;

	private final Duration writeTimeout;

	private final Duration cronPeriod;

	private final Duration waitTime;

	private final Duration idleTimeout;

	private final int writeBufferLowWaterMark;

	private final int writeBufferHighWaterMark;

	private final long maxOutboundBytes;

	private SessionOptions(@Nullable String name, int maxMsgLen, Duration readTimeout, Duration writeTimeout,
			Duration cronPeriod, Duration waitTime, Duration idleTimeout, int writeBufferLowWaterMark,
			int writeBufferHighWaterMark, long maxOutboundBytes) {
		this.name = name;
		this.maxMsgLen = requireNotNegative(maxMsgLen, "maxMsgLen");
		this.readTimeout = requirePositive(readTimeout, "readTimeout");
		this.writeTimeout = requirePositive(writeTimeout, "writeTimeout");
		this.cronPeriod = requirePositive(cronPeriod, "cronPeriod");
		this.waitTime = requirePositive(waitTime, "waitTime");
		this.idleTimeout = requireNotNegative(idleTimeout, "idleTimeout");
		if (writeBufferLowWaterMark < 0 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
			throw new IllegalArgumentException("write buffer water marks must satisfy 0 <= low <= high, but low was "
					+ writeBufferLowWaterMark + " and high " + writeBufferHighWaterMark);
		}
		this.writeBufferLowWaterMark = writeBufferLowWaterMark;
		this.writeBufferHighWaterMark = writeBufferHighWaterMark;
		if (maxOutboundBytes < writeBufferHighWaterMark) {
			throw new IllegalArgumentException("maxOutboundBytes (" + maxOutboundBytes
					+ ") must be at least the write buffer high water mark (" + writeBufferHighWaterMark + ")");
		}
		this.maxOutboundBytes = maxOutboundBytes;
	}

	/**
	 * Return the defaults.
	 * @return the default options
	 */
	public static SessionOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return the session name, or {@code null} for the type's default
	 * ({@code tcp-session}, {@code udp-session}, {@code ws-session}, {@code wss-session}).
	 * @return the name or {@code null}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Return the largest package, in bytes including its header; 0 means no limit.
	 * @return the limit
	 */
	public int maxMsgLen() {
		return this.maxMsgLen;
	}

	/**
	 * Return how long a partly received package may take to complete.
	 * @return the read timeout
	 */
	public Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * Return the default write timeout.
	 * @return the write timeout
	 */
	public Duration writeTimeout() {
		return this.writeTimeout;
	}

	/**
	 * Return the cron period.
	 * @return the cron period
	 */
	public Duration cronPeriod() {
		return this.cronPeriod;
	}

	/**
	 * Return how long a closing session lets queued writes drain.
	 * @return the wait time
	 */
	public Duration waitTime() {
		return this.waitTime;
	}

	/**
	 * Return the idle timeout, {@link Duration#ZERO} when disabled.
	 * @return the idle timeout
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Return the outbound low water mark: below it a session becomes writable again.
	 * @return bytes
	 */
	public int writeBufferLowWaterMark() {
		return this.writeBufferLowWaterMark;
	}

	/**
	 * Return the outbound high water mark: above it {@link Session#isWritable()} is false.
	 * @return bytes
	 */
	public int writeBufferHighWaterMark() {
		return this.writeBufferHighWaterMark;
	}

	/**
	 * Return the hard cap of queued outbound bytes; a write beyond it fails with
	 * {@link OutboundBufferFullException}.
	 * @return bytes
	 */
	public long maxOutboundBytes() {
		return this.maxOutboundBytes;
	}

	/**
	 * Return a copy with another session name.
	 * @param name the name, or {@code null} for the type's default
	 * @return the copy
	 */
	public SessionOptions withName(@Nullable String name) {
		return new SessionOptions(name, this.maxMsgLen, this.readTimeout, this.writeTimeout, this.cronPeriod,
				this.waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another package limit.
	 * @param maxMsgLen bytes including the header, or 0 for none
	 * @return the copy
	 */
	public SessionOptions withMaxMsgLen(int maxMsgLen) {
		return new SessionOptions(this.name, maxMsgLen, this.readTimeout, this.writeTimeout, this.cronPeriod,
				this.waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another read timeout.
	 * @param readTimeout a positive duration
	 * @return the copy
	 */
	public SessionOptions withReadTimeout(Duration readTimeout) {
		return new SessionOptions(this.name, this.maxMsgLen, readTimeout, this.writeTimeout, this.cronPeriod,
				this.waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another write timeout.
	 * @param writeTimeout a positive duration
	 * @return the copy
	 */
	public SessionOptions withWriteTimeout(Duration writeTimeout) {
		return new SessionOptions(this.name, this.maxMsgLen, this.readTimeout, writeTimeout, this.cronPeriod,
				this.waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another cron period.
	 * @param cronPeriod a positive duration
	 * @return the copy
	 */
	public SessionOptions withCronPeriod(Duration cronPeriod) {
		return new SessionOptions(this.name, this.maxMsgLen, this.readTimeout, this.writeTimeout, cronPeriod,
				this.waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another wait time.
	 * @param waitTime a positive duration
	 * @return the copy
	 */
	public SessionOptions withWaitTime(Duration waitTime) {
		return new SessionOptions(this.name, this.maxMsgLen, this.readTimeout, this.writeTimeout, this.cronPeriod,
				waitTime, this.idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with another idle timeout.
	 * @param idleTimeout the timeout, or {@link Duration#ZERO} to disable
	 * @return the copy
	 */
	public SessionOptions withIdleTimeout(Duration idleTimeout) {
		return new SessionOptions(this.name, this.maxMsgLen, this.readTimeout, this.writeTimeout, this.cronPeriod,
				this.waitTime, idleTimeout, this.writeBufferLowWaterMark, this.writeBufferHighWaterMark,
				this.maxOutboundBytes);
	}

	/**
	 * Return a copy with other outbound limits.
	 * @param lowWaterMark bytes below which the session is writable again
	 * @param highWaterMark bytes above which the session is not writable
	 * @param maxOutboundBytes bytes beyond which writes fail
	 * @return the copy
	 */
	public SessionOptions withOutboundLimits(int lowWaterMark, int highWaterMark, long maxOutboundBytes) {
		return new SessionOptions(this.name, this.maxMsgLen, this.readTimeout, this.writeTimeout, this.cronPeriod,
				this.waitTime, this.idleTimeout, lowWaterMark, highWaterMark, maxOutboundBytes);
	}

	static Duration requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, but was " + value);
		}
		return value;
	}

	private static Duration requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, but was " + value);
		}
		return value;
	}

	private static int requireNotNegative(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative, but was " + value);
		}
		return value;
	}

	@Override
	public String toString() {
		return "SessionOptions{name=" + this.name + ", maxMsgLen=" + this.maxMsgLen + ", readTimeout="
				+ this.readTimeout + ", writeTimeout=" + this.writeTimeout + ", cronPeriod=" + this.cronPeriod
				+ ", waitTime=" + this.waitTime + ", idleTimeout=" + this.idleTimeout + ", writeBuffer="
				+ this.writeBufferLowWaterMark + "/" + this.writeBufferHighWaterMark + ", maxOutboundBytes="
				+ this.maxOutboundBytes + "}";
	}

}
