package io.getty.bench.si;

import java.util.concurrent.TimeUnit;

import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Starts {@link SpringIntegrationEchoConfiguration} in a plain Spring 6.2 application
 * context and waits until its server socket listens.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class SpringIntegrationEchoServer implements EchoServer {

	private final AnnotationConfigApplicationContext context;

	private SpringIntegrationEchoServer(AnnotationConfigApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 * @throws InterruptedException if interrupted while waiting for the socket
	 */
	public static SpringIntegrationEchoServer start(ServerOptions options) throws InterruptedException {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ServerOptions.class, () -> options);
		context.register(SpringIntegrationEchoConfiguration.class);
		context.refresh();
		// The connection factory binds on its own executor after the context started.
		if (!context.getBean(SpringIntegrationEchoConfiguration.class).listening().await(30, TimeUnit.SECONDS)) {
			context.close();
			throw new IllegalStateException("Spring Integration server did not listen within 30 s");
		}
		return new SpringIntegrationEchoServer(context);
	}

	@Override
	public int port() {
		return this.context.getBean(AbstractServerConnectionFactory.class).getPort();
	}

	@Override
	public Transport transport() {
		return Transport.NIO;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
