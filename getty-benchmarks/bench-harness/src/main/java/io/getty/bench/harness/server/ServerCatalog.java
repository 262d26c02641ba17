package io.getty.bench.harness.server;

import java.util.List;
import java.util.Optional;

/**
 * Every server the harness knows, in report order. All use the same framing (4-byte
 * big-endian length excluding the header, payloads up to 1 MiB) and one I/O thread.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ServerCatalog {

	/**
	 * SO_SNDBUF for Spring Integration: it allocates a heap buffer of the send buffer's size
	 * per connection, and Linux autotunes that to about 2.5 MB on loopback, so 256
	 * connections exhaust a 512 MB heap. 16 KiB is Linux's initial size (tcp_wmem).
	 */
	public static final int SPRING_INTEGRATION_SEND_BUFFER = 16 * 1024;

	/** Raw Netty over NIO: the baseline of NIO rows. */
	public static final ServerSpec NETTY_NIO = new ServerSpec("netty-nio", "raw Netty", "bench-server-netty",
			"io.getty.bench.netty.NettyEchoMain", List.of("--transport=nio"), "nio",
			"LengthFieldBasedFrameDecoder + LengthFieldPrepender; payload copied to byte[] and written back "
					+ "(Unpooled.wrappedBuffer); flush once per read batch (channelReadComplete)");

	/** Raw Netty over epoll: the baseline of epoll rows. */
	public static final ServerSpec NETTY_EPOLL = new ServerSpec("netty-epoll", "raw Netty", "bench-server-netty",
			"io.getty.bench.netty.NettyEchoMain", List.of("--transport=epoll"), "epoll", NETTY_NIO.handling());

	/** getty-core over NIO. */
	public static final ServerSpec GETTY_NIO = new ServerSpec("getty-nio", "getty-core", "bench-server-getty",
			"io.getty.bench.getty.GettyEchoMain", List.of("--transport=nio", "--cron=1000"), "nio",
			"TcpServer + LengthFieldCodec.int32BigEndian(); EventListener<byte[]> on the I/O thread calls "
					+ "session.writePkg(pkg); the replies written before a flush share one buffer (getty's default "
					+ "on TCP); getty flushes once per read (small read batches at the end of the turn, unless the session is served alone); "
					+ "session cron period 1 s");

	/** getty-core over epoll, its default on Linux. */
	public static final ServerSpec GETTY_EPOLL = new ServerSpec("getty-epoll", "getty-core", "bench-server-getty",
			"io.getty.bench.getty.GettyEchoMain", List.of("--transport=epoll", "--cron=1000"), "epoll",
			GETTY_NIO.handling());

	/** getty through the Spring Boot starter, over NIO. */
	public static final ServerSpec GETTY_BOOT = new ServerSpec("getty-boot", "getty Spring Boot starter",
			"bench-server-getty-boot", "io.getty.bench.boot.BootEchoMain", List.of("--transport=nio", "--cron=1000"),
			"nio", "Boot 4.1 app, server declared in application.yml, @GettyListener(\"echo\") bean calls "
					+ "session.writePkg(pkg); the starter's defaults, so Micrometer (a SimpleMeterRegistry) times "
					+ "one message in 16 (on average) in getty.message.handling; cron-period 1s");

	/** Apache MINA. */
	public static final ServerSpec MINA = new ServerSpec("mina", "Apache MINA", "bench-server-mina",
			"io.getty.bench.mina.MinaEchoMain", List.of("--transport=nio"), "nio",
			"NioSocketAcceptor(1 processor) + CumulativeProtocolDecoder emitting byte[]; handler session.write(byte[]); "
					+ "encoder copies into a heap IoBuffer; one write request per message");

	/** Spring Integration IP in Net (thread per connection) mode, which keeps order. */
	public static final ServerSpec SPRING_INTEGRATION = new ServerSpec("spring-integration",
			"Spring Integration IP (Net)", "bench-server-spring-integration", "io.getty.bench.si.SpringIntegrationEchoMain",
			List.of("--transport=nio", "--mode=net", "--send-buffer=" + ServerCatalog.SPRING_INTEGRATION_SEND_BUFFER),
			"nio", "TcpNetServerConnectionFactory (blocking socket, one thread per connection) + "
					+ "TcpCodecs.lengthHeader4(1 MiB); TcpInboundGateway -> handler returns the byte[] payload; reply "
					+ "written and flushed per message; SO_SNDBUF set to 16 KiB (see notes)");

	/** Reactor Netty. */
	public static final ServerSpec REACTOR_NETTY = new ServerSpec("reactor-netty", "Reactor Netty",
			"bench-server-reactor-netty", "io.getty.bench.reactor.ReactorNettyEchoMain", List.of("--transport=nio"),
			"nio", "TcpServer on LoopResources(1 worker) + LengthFieldBasedFrameDecoder; receive().asByteArray() -> "
					+ "framed ByteBuf -> out.send(...), flushed when the reply stream has nothing more ready");

	/** Vert.x. */
	public static final ServerSpec VERTX = new ServerSpec("vertx", "Vert.x", "bench-server-vertx",
			"io.getty.bench.vertx.VertxEchoMain", List.of("--transport=nio"), "nio",
			"NetServer, eventLoopPoolSize=1; RecordParser alternating 4-byte header / payload records; "
					+ "payload getBytes() -> socket.write(Buffer); Vert.x flushes once per read batch");

	private static final List<ServerSpec> ALL = List.of(NETTY_NIO, NETTY_EPOLL, GETTY_NIO, GETTY_EPOLL, GETTY_BOOT,
			MINA, SPRING_INTEGRATION, REACTOR_NETTY, VERTX);

	private static final List<ServerSpec> PEERS = List.of(MINA, SPRING_INTEGRATION, REACTOR_NETTY, VERTX);

	private ServerCatalog() {
	}

	/**
	 * Return the Java alternatives getty is compared with (neither getty nor raw Netty).
	 * @return the peers, in report order
	 */
	public static List<ServerSpec> peers() {
		return PEERS;
	}

	/**
	 * Return every server, in report order.
	 * @return the servers
	 */
	public static List<ServerSpec> all() {
		return ALL;
	}

	/**
	 * Find a server by id.
	 * @param id the id
	 * @return the server, if known
	 */
	public static Optional<ServerSpec> byId(String id) {
		return ALL.stream().filter((spec) -> spec.id().equals(id)).findFirst();
	}

	/**
	 * Return the raw Netty server a row is compared with: the one on the same transport.
	 * @param spec the server of the row
	 * @return the baseline
	 */
	public static ServerSpec baselineFor(ServerSpec spec) {
		return "epoll".equals(spec.transport()) ? NETTY_EPOLL : NETTY_NIO;
	}

}
