package io.getty.boot.context;

import io.getty.Session;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the events about one getty session.
 *
 * @author getty team
 * @since 0.1.0
 */
public abstract class GettySessionEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param session the session
	 */
	protected GettySessionEvent(Session session) {
		super(session);
	}

	/**
	 * Return the session.
	 * @return the session
	 */
	public Session getSession() {
		return (Session) getSource();
	}

	/**
	 * Return the name of the session's endpoint.
	 * @return the endpoint name
	 */
	public String getEndpointName() {
		return getSession().endPoint().name();
	}

}
