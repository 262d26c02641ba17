package io.getty.sample;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.codec.LengthFieldCodec;
import io.getty.tcp.TcpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The getty sample application. For now it wires getty-core by hand: an {@code echo}
 * TCP server speaking 4-byte big-endian length framing. The YAML-declared endpoints
 * arrive with the starter's auto-configuration.
 *
 * @author getty team
 * @since 0.1.0
 */
@SpringBootApplication
public class GettySampleApplication {

	private static final Log logger = LogFactory.getLog(GettySampleApplication.class);

	/**
	 * Start the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(GettySampleApplication.class, args);
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	TcpServer echoServer(@Value("${sample.echo.port:7070}") int port) {
		return TcpServer.builder()
			.name("echo")
			.port(port)
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(new EchoListener())
			.build();
	}

	/**
	 * Sends every package back to its sender.
	 */
	static final class EchoListener implements EventListener<byte[]> {

		@Override
		public void onOpen(Session session) {
			logger.info("echo: session opened " + session.stat());
		}

		@Override
		public void onMessage(Session session, byte[] pkg) {
			session.writePkg(pkg);
		}

		@Override
		public void onClose(Session session) {
			logger.info("echo: session closed " + session.stat());
		}

	}

}
