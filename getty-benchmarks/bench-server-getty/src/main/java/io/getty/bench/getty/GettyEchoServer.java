package io.getty.bench.getty;

import java.time.Duration;

import io.getty.EventListener;
import io.getty.EventLoops;
import io.getty.Session;
import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;

/**
 * A getty-core echo server as a user would write it: a {@link TcpServer} with
 * {@link LengthFieldCodec#int32BigEndian()}, a listener that writes every package back
 * with {@link Session#writePkg(Object)}, callbacks on the I/O thread (no task pool), one
 * I/O thread of its own, and a session cron period (1 s in the benchmark) so that idle
 * sessions pay for their heartbeat.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class GettyEchoServer implements EchoServer {

	private final TcpServer server;

	private final EventLoops eventLoops;

	private GettyEchoServer(TcpServer server, EventLoops eventLoops) {
		this.server = server;
		this.eventLoops = eventLoops;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 */
	public static GettyEchoServer start(ServerOptions options) {
		// getty-core picks epoll where it loads; asking for NIO is how users opt out.
		EventLoops eventLoops = EventLoops.create(1, options.epoll());
		// maxMsgLen counts the header, the benchmark's limit does not.
		int maxMsgLen = options.maxFrameLength() + 4;
		TcpServer server = TcpServer.builder()
			.name("bench-echo")
			.host(options.host())
			.port(options.port())
			.backlog(ServerOptions.BACKLOG)
			.eventLoops(eventLoops)
			.codec(LengthFieldCodec.int32BigEndian())
			.sessionOptions((session) -> session.withMaxMsgLen(maxMsgLen)
				.withCronPeriod(Duration.ofMillis(options.cronMillis())))
			.listener(new EchoListener())
			.build();
		server.start();
		return new GettyEchoServer(server, eventLoops);
	}

	@Override
	public int port() {
		return this.server.port();
	}

	@Override
	public Transport transport() {
		return this.eventLoops.isNative() ? Transport.EPOLL : Transport.NIO;
	}

	@Override
	public void close() {
		this.server.close(Duration.ofSeconds(5));
		this.eventLoops.close();
	}

	/**
	 * Writes every package back to its session.
	 */
	static final class EchoListener implements EventListener<byte[]> {

		@Override
		public void onMessage(Session session, byte[] pkg) {
			session.writePkg(pkg);
		}

	}

}
