package io.getty.sample.hello;

/**
 * The message of the {@code hello} protocol, with the field names of the gtcp guide's
 * {@code types.Msg}, so that the JSON is {@code {"Act":"hello","Data":"My name's John!"}}.
 * On the wire each message follows a 2-byte big-endian length: gtcp's simple package
 * protocol.
 *
 * @param Act the operation: {@code hello}, {@code heartbeat} or {@code doexit}
 * @param Data the data, empty when the operation needs none
 * @author getty team
 * @since 0.1.0
 */
public record Msg(String Act, String Data) {

	/** Act of the greeting, and of its answer. */
	public static final String HELLO = "hello";

	/** Act of the client's heartbeat. */
	public static final String HEARTBEAT = "heartbeat";

	/** Act of the server's request that the client leave. */
	public static final String DOEXIT = "doexit";

	/**
	 * Create a message without data, as gtcp's {@code SendPkg(conn, act)} does.
	 * @param act the operation
	 * @return the message
	 */
	public static Msg of(String act) {
		return new Msg(act, "");
	}

}
