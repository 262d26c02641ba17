package io.getty;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The settings every client builder shares: the server and the session pool kept open to
 * it (Getty's {@code WithServerAddress}, {@code WithConnectionNumber},
 * {@code WithReconnectInterval} and {@code WithReconnectAttempts}).
 *
 * @param <B> the concrete builder type
 * @author getty team
 * @since 0.1.0
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> extends EndPointBuilder<B> {

	/** Default pause before the first reconnect attempt: 300 ms, as in Getty. */
	public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofMillis(300);

	/** Default failed attempts in a row before giving up: 50, as in Getty. */
	public static final int DEFAULT_RECONNECT_ATTEMPTS = 50;

	/** Default cap of the backoff multiplier: 10, as in Getty. */
	public static final int DEFAULT_MAX_BACKOFF_MULTIPLIER = 10;

	/** Default connect timeout: 3 s, as in Getty. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

	private @Nullable Supplier<InetSocketAddress> serverAddress;

	private int connectionNumber = 1;

	private Duration reconnectInterval = DEFAULT_RECONNECT_INTERVAL;

	private int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;

	private int maxBackoffMultiplier = DEFAULT_MAX_BACKOFF_MULTIPLIER;

	private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Create a builder.
	 */
	protected ClientBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Set the server to connect to.
	 * @param host the host
	 * @param port the port
	 * @return this builder
	 */
	public B serverAddress(String host, int port) {
		return serverAddress(InetSocketAddress.createUnresolved(host, port));
	}

	/**
	 * Set the server to connect to.
	 * @param address the address
	 * @return this builder
	 */
	public B serverAddress(InetSocketAddress address) {
		Objects.requireNonNull(address, "address");
		this.serverAddress = () -> address;
		return self();
	}

	/**
	 * Set the server to connect to, asked for when the client starts: for an address that
	 * is only known later, such as the random port of a server started first.
	 * @param address supplies the address
	 * @return this builder
	 */
	public B serverAddress(Supplier<InetSocketAddress> address) {
		this.serverAddress = Objects.requireNonNull(address, "address");
		return self();
	}

	/**
	 * Set how many sessions to keep open (Getty's {@code WithConnectionNumber}).
	 * @param connectionNumber at least 1
	 * @return this builder
	 */
	public B connectionNumber(int connectionNumber) {
		if (connectionNumber < 1) {
			throw new IllegalArgumentException("connectionNumber must be at least 1, but was " + connectionNumber);
		}
		this.connectionNumber = connectionNumber;
		return self();
	}

	/**
	 * Set the base pause between reconnect attempts.
	 * @param interval a positive duration
	 * @return this builder
	 */
	public B reconnectInterval(Duration interval) {
		this.reconnectInterval = SessionOptions.requirePositive(interval, "reconnectInterval");
		return self();
	}

	/**
	 * Set how many failed attempts in a row end reconnecting.
	 * @param attempts at least 1
	 * @return this builder
	 */
	public B reconnectAttempts(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("reconnectAttempts must be at least 1, but was " + attempts);
		}
		this.reconnectAttempts = attempts;
		return self();
	}

	/**
	 * Set the cap of the backoff multiplier.
	 * @param multiplier at least 1
	 * @return this builder
	 */
	public B maxBackoffMultiplier(int multiplier) {
		if (multiplier < 1) {
			throw new IllegalArgumentException("maxBackoffMultiplier must be at least 1, but was " + multiplier);
		}
		this.maxBackoffMultiplier = multiplier;
		return self();
	}

	/**
	 * Set the connect timeout.
	 * @param timeout a positive duration
	 * @return this builder
	 */
	public B connectTimeout(Duration timeout) {
		this.connectTimeout = SessionOptions.requirePositive(timeout, "connectTimeout");
		return self();
	}

	/**
	 * Return the server address supplier set so far.
	 * @return the supplier, or {@code null}
	 */
	public @Nullable Supplier<InetSocketAddress> serverAddress() {
		return this.serverAddress;
	}

	/**
	 * Return the pool size.
	 * @return the number of sessions to keep open
	 */
	public int connectionNumber() {
		return this.connectionNumber;
	}

	/**
	 * Return the base pause between reconnect attempts.
	 * @return the interval
	 */
	public Duration reconnectInterval() {
		return this.reconnectInterval;
	}

	/**
	 * Return how many failed attempts in a row end reconnecting.
	 * @return the attempts
	 */
	public int reconnectAttempts() {
		return this.reconnectAttempts;
	}

	/**
	 * Return the cap of the backoff multiplier.
	 * @return the cap
	 */
	public int maxBackoffMultiplier() {
		return this.maxBackoffMultiplier;
	}

	/**
	 * Return the connect timeout.
	 * @return the timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

}
