package io.getty;

import java.util.Objects;

/**
 * The settings every server builder shares: where to listen (Getty's
 * {@code WithLocalAddress}).
 *
 * @param <B> the concrete builder type
 * @author getty team
 * @since 0.1.0
 */
public abstract class ServerBuilder<B extends ServerBuilder<B>> extends EndPointBuilder<B> {

	private String host = "0.0.0.0";

	private int port;

	/**
	 * Create a builder.
	 */
	protected ServerBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Set the address to listen on.
	 * @param host a host name or IP address; {@code 0.0.0.0} (the default) for all
	 * interfaces
	 * @return this builder
	 */
	public B host(String host) {
		this.host = Objects.requireNonNull(host, "host");
		return self();
	}

	/**
	 * Set the port.
	 * @param port the port, or 0 (the default) for a random free one
	 * @return this builder
	 */
	public B port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
		}
		this.port = port;
		return self();
	}

	/**
	 * Return the host set so far.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Return the port set so far.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

}
