package io.getty.boot.context;

import io.getty.Session;

/**
 * A session opened: its listener's {@code onOpen} accepted it. Published on the thread
 * that runs the session's callbacks, so {@code @EventListener} methods should not block
 * unless the endpoint has a task pool.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettySessionOpenedEvent extends GettySessionEvent {

	/**
	 * Create an event.
	 * @param session the session
	 */
	public GettySessionOpenedEvent(Session session) {
		super(session);
	}

}
