package io.getty.bench.boot;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;

import org.springframework.stereotype.Component;

/**
 * Writes every package back to its session, for the YAML-declared {@code echo} server.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("echo")
public class EchoListener implements EventListener<byte[]> {

	@Override
	public void onMessage(Session session, byte[] pkg) {
		session.writePkg(pkg);
	}

}
