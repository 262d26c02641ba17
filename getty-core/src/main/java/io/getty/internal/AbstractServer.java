package io.getty.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.getty.EndPointType;
import io.getty.ServerBuilder;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What servers share: the address they listen on, binding with a clear error, and
 * closing their sessions with them.
 */
public abstract class AbstractServer extends AbstractEndPoint {

	private static final Logger logger = LoggerFactory.getLogger(AbstractServer.class);

	private final String host;

	private final int port;

	private volatile @Nullable Channel serverChannel;

	protected AbstractServer(ServerBuilder<?> builder, EndPointType type) {
		super(builder, type);
		this.host = builder.host();
		this.port = builder.port();
	}

	/**
	 * Bind the configured address and log it.
	 * @param bootstrap the configured bootstrap
	 * @param details what to add to the log line, such as the transport
	 */
	protected final void bindAndLog(AbstractBootstrap<?, ?> bootstrap, String details) {
		Channel channel = bind(bootstrap, this.host, this.port);
		this.serverChannel = channel;
		logger.info("{} '{}' listening on {} ({})", describeType(), name(), Addresses.format(channel.localAddress()),
				details);
	}

	/**
	 * Return the bound address.
	 * @return the address, or {@code null} before {@link #start()} and after closing
	 */
	@Override
	public @Nullable InetSocketAddress address() {
		Channel channel = this.serverChannel;
		return (channel != null && !isClosed()) ? (InetSocketAddress) channel.localAddress() : null;
	}

	/**
	 * Return the bound port, for example after binding port 0.
	 * @return the port
	 * @throws IllegalStateException if the server is not started, or closed
	 */
	public int port() {
		InetSocketAddress address = address();
		if (address == null) {
			throw new IllegalStateException(describeType() + " '" + name() + "' is not started");
		}
		return address.getPort();
	}

	/**
	 * Return whether the listening channel is also the channel of the endpoint's one
	 * session (UDP), so that it must outlive the session's close.
	 * @return {@code true} for UDP
	 */
	protected boolean listenerIsSession() {
		return false;
	}

	/**
	 * Stop accepting at once, then let each session finish the callbacks already queued
	 * for it, close it (queued writes get its wait time to drain) and wait for its close
	 * callbacks.
	 */
	@Override
	public boolean close(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		if (!markClosed()) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		Channel channel = this.serverChannel;
		if (channel != null && !listenerIsSession()) {
			channel.close().awaitUninterruptibly(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		boolean clean = closeSessions(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		if (channel != null && listenerIsSession()) {
			channel.close().awaitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
		}
		if (isStarted()) {
			releaseEventLoops();
			logger.info("{} '{}' closed", describeType(), name());
		}
		return clean;
	}

}
