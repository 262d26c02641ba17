package io.getty.sample.chat;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.sample.Peers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The listener of the {@code chat} WebSocket server: every text message goes to every
 * open chat session, the sender's included. With the {@code string} codec a package is a
 * {@link String}, and a {@code String} written goes out as a text message.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("chat")
public class ChatRoom implements EventListener<String> {

	private static final Logger logger = LoggerFactory.getLogger(ChatRoom.class);

	@Override
	public void onOpen(Session session) {
		logger.info("[{}] joined the chat", Peers.of(session));
	}

	@Override
	public void onMessage(Session session, String text) {
		logger.info("chat message from [{}]: {}", Peers.of(session), text);
		for (Session member : session.endPoint().sessions()) {
			// A member that reads too slowly, or just left, misses the message; the
			// others still get it.
			member.writePkg(text)
				.exceptionally((failure) -> {
					logger.debug("[{}] missed a message: {}", Peers.of(member), failure.getMessage());
					return null;
				});
		}
	}

	@Override
	public void onClose(Session session) {
		logger.info("[{}] left the chat", Peers.of(session));
	}

}
