package io.getty.sample;

import io.getty.SessionStats;
import io.getty.boot.context.GettySessionClosedEvent;
import io.getty.boot.context.GettySessionOpenedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs every session's opening and closing from the Spring events the starter publishes.
 * The closed event carries the session's final statistics and why it closed.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
public class SessionEventLog {

	private static final Logger logger = LoggerFactory.getLogger(SessionEventLog.class);

	@EventListener
	void opened(GettySessionOpenedEvent event) {
		logger.debug("{} session {} opened: {}", event.getEndpointName(), event.getSession().id(),
				event.getSession().stat());
	}

	@EventListener
	void closed(GettySessionClosedEvent event) {
		SessionStats stats = event.getStats();
		logger.info("{} session {} closed ({}): read {} bytes in {} packages, wrote {} bytes in {} packages",
				event.getEndpointName(), stats.sessionId(), event.getReason(), stats.readBytes(),
				stats.readPackages(), stats.writtenBytes(), stats.writtenPackages());
	}

}
