package io.getty.bench.si;

import java.util.concurrent.CountDownLatch;

import io.getty.bench.server.ServerOptions;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.TcpCodecs;

/**
 * The integration flow: a TCP inbound gateway whose connection factory frames with
 * {@link TcpCodecs#lengthHeader4(int)} (limit raised from the 2048-byte default to the
 * benchmark's 1 MiB), and a handler that returns the {@code byte[]} payload as the
 * reply. Net mode (thread per connection) keeps replies in order; NIO mode may reorder
 * and is used only where order is not checked. The harness sets a 16 KiB socket send
 * buffer (see {@link #serverConnectionFactory}).
 *
 * @author getty team
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
public class SpringIntegrationEchoConfiguration {

	/** Counted down when the server socket listens. */
	private final CountDownLatch listening = new CountDownLatch(1);

	@Bean
	AbstractServerConnectionFactory serverConnectionFactory(ServerOptions options) {
		AbstractServerConnectionFactory factory = "nio".equals(options.mode())
				? new TcpNioServerConnectionFactory(options.port()) : new TcpNetServerConnectionFactory(options.port());
		ByteArrayLengthHeaderSerializer codec = TcpCodecs.lengthHeader4(options.maxFrameLength());
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setLocalAddress(options.host());
		factory.setBacklog(ServerOptions.BACKLOG);
		factory.setSoTcpNoDelay(true);
		if (options.sendBuffer() > 0) {
			// Spring Integration sizes a heap buffer per connection from SO_SNDBUF, which
			// Linux autotunes to about 2.5 MB on loopback: 256 connections would not fit in
			// a 512 MB heap. Setting it is what a user holding many connections has to do.
			factory.setSoSendBufferSize(options.sendBuffer());
		}
		return factory;
	}

	@Bean
	IntegrationFlow echoFlow(AbstractServerConnectionFactory serverConnectionFactory) {
		return IntegrationFlow.from(Tcp.inboundGateway(serverConnectionFactory))
			.handle((payload, headers) -> payload)
			.get();
	}

	@Bean
	ApplicationListener<TcpConnectionServerListeningEvent> listeningListener() {
		return (event) -> this.listening.countDown();
	}

	CountDownLatch listening() {
		return this.listening;
	}

}
