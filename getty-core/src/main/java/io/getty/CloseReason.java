package io.getty;

/**
 * Why a session closed.
 *
 * @author getty team
 * @since 0.1.0
 */
public enum CloseReason {

	/** The application called {@link Session#close()}. */
	LOCAL,

	/** The peer closed the connection. */
	PEER,

	/** An error: bad input, a failing callback, or an I/O error. */
	ERROR,

	/** Nothing was received for the idle timeout, or a package did not complete in the read timeout. */
	TIMEOUT,

	/** The {@link SessionInitializer} or {@link EventListener#onOpen(Session)} rejected it. */
	REJECTED,

	/** Its endpoint closed. */
	ENDPOINT_CLOSED

}
