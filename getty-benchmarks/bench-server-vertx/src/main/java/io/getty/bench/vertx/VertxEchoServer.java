package io.getty.bench.vertx;

import java.util.concurrent.TimeUnit;

import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;

/**
 * A Vert.x echo server: one event loop ({@code eventLoopPoolSize=1}), a {@link NetServer}
 * whose connections each get a {@link LengthPrefixedFrames} handler built on Vert.x's
 * {@code RecordParser}. Vert.x flushes the writes made while handling a read once, when
 * the read batch ends.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class VertxEchoServer implements EchoServer {

	private final Vertx vertx;

	private final NetServer server;

	private VertxEchoServer(Vertx vertx, NetServer server) {
		this.vertx = vertx;
		this.server = server;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 * @throws Exception if it cannot listen within 30 s
	 */
	public static VertxEchoServer start(ServerOptions options) throws Exception {
		Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(options.epoll()));
		NetServerOptions serverOptions = new NetServerOptions().setHost(options.host())
			.setPort(options.port())
			.setAcceptBacklog(ServerOptions.BACKLOG)
			.setTcpNoDelay(true);
		int maxFrame = options.maxFrameLength();
		NetServer server = vertx.createNetServer(serverOptions)
			.connectHandler((socket) -> LengthPrefixedFrames.echo(socket, maxFrame));
		server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
		return new VertxEchoServer(vertx, server);
	}

	@Override
	public int port() {
		return this.server.actualPort();
	}

	@Override
	public Transport transport() {
		return this.vertx.isNativeTransportEnabled() ? Transport.EPOLL : Transport.NIO;
	}

	@Override
	public void close() {
		try {
			this.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Vert.x did not close within 10 s", ex);
		}
	}

}
