package io.getty.sample.echo;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.sample.Peers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The listener of the {@code echo} server: sends every package back to its sender.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("echo")
public class EchoListener implements EventListener<byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(EchoListener.class);

	@Override
	public void onOpen(Session session) {
		logger.info("New connection: {}", Peers.of(session));
	}

	@Override
	public void onMessage(Session session, byte[] pkg) {
		// The write completes (or fails) later; the server never retries it.
		session.writePkg(pkg);
	}

	@Override
	public void onError(Session session, Throwable cause) {
		logger.warn("Connection error: {}, error: {}", Peers.of(session), cause.getMessage());
	}

	@Override
	public void onClose(Session session) {
		logger.info("Connection closed: {}", Peers.of(session));
	}

}
