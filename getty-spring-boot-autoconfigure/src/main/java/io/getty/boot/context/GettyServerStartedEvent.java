package io.getty.boot.context;

import io.getty.EndPoint;

import org.springframework.context.ApplicationEvent;

/**
 * A getty server is bound and accepting; {@link #getPort()} is the real port, also when
 * port 0 was configured.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyServerStartedEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param server the server
	 */
	public GettyServerStartedEvent(EndPoint server) {
		super(server);
	}

	/**
	 * Return the server.
	 * @return the server
	 */
	public EndPoint getServer() {
		return (EndPoint) getSource();
	}

	/**
	 * Return the bound port.
	 * @return the port
	 */
	public int getPort() {
		return (getServer().address() != null) ? getServer().address().getPort() : -1;
	}

}
