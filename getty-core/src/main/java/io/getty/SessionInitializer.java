package io.getty;

/**
 * Configures each new session before {@link EventListener#onOpen(Session)}: Getty's
 * {@code NewSessionCallback}. It may set the name, limits, timeouts, cron period, codec
 * and listener, and may reject the connection by throwing.
 *
 * <p>
 * It runs on the session's I/O thread and must not block.
 *
 * @author getty team
 * @since 0.1.0
 */
@FunctionalInterface
public interface SessionInitializer {

	/**
	 * Configure a new session.
	 * @param session the session, not yet open
	 * @throws Exception to reject the connection; it is closed without {@code onOpen}
	 */
	void initialize(Session session) throws Exception;

	/**
	 * Return an initializer that runs this one, then {@code next}.
	 * @param next the initializer to run second
	 * @return the composed initializer
	 */
	default SessionInitializer andThen(SessionInitializer next) {
		return (session) -> {
			initialize(session);
			next.initialize(session);
		};
	}

}
