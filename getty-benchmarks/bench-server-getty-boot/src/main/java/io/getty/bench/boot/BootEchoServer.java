package io.getty.bench.boot;

import io.getty.EventLoops;
import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link BootEchoApplication} with the benchmark's options as properties and
 * reads the bound port from {@code local.getty.servers.echo.port}.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BootEchoServer implements EchoServer {

	private final ConfigurableApplicationContext context;

	private BootEchoServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the application.
	 * @param options the options
	 * @return the running server
	 */
	public static BootEchoServer start(ServerOptions options) {
		ConfigurableApplicationContext context = SpringApplication.run(BootEchoApplication.class,
				"--bench.port=" + options.port(), "--bench.transport=" + options.transport().id(),
				"--bench.cron-millis=" + options.cronMillis(),
				"--bench.max-msg-len=" + (options.maxFrameLength() + 4),
				"--getty.servers.echo.host=" + options.host());
		return new BootEchoServer(context);
	}

	@Override
	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.getty.servers.echo.port", Integer.class);
	}

	@Override
	public Transport transport() {
		return this.context.getBean(EventLoops.class).isNative() ? Transport.EPOLL : Transport.NIO;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
