package io.getty.bench.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a server is started with, parsed from {@code --name=value} arguments.
 *
 * <p>
 * Every server honours {@code host}, {@code port}, {@code transport} and
 * {@code max-frame}; {@code cron}, {@code mode} and {@code send-buffer} only matter to the
 * servers that have such a setting (getty's session cron period; Spring Integration's Net
 * or NIO connection factory and its socket send buffer).
 *
 * @param host the address to listen on
 * @param port the port, 0 for a free one
 * @param transport the transport to use
 * @param maxFrameLength the largest payload accepted, in bytes, excluding the header
 * @param cronMillis the period of per-session heartbeats, where the server has them
 * @param mode a server-specific variant, empty for the default
 * @param sendBuffer the socket send buffer (SO_SNDBUF) to set, 0 for the operating
 * system's default
 * @author getty team
 * @since 0.1.0
 */
public record ServerOptions(String host, int port, Transport transport, int maxFrameLength, long cronMillis,
		String mode, int sendBuffer) {

	/** Largest payload every server accepts: 1 MiB, as the harness design prescribes. */
	public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;

	/** Listen backlog every server is given, so that connection bursts meet the same queue. */
	public static final int BACKLOG = 1024;

	/**
	 * Parse {@code --name=value} arguments; unknown names are an error, so a typo in the
	 * harness can not silently benchmark the wrong thing.
	 * @param args the arguments
	 * @return the options
	 */
	public static ServerOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("host", "127.0.0.1");
		values.put("port", "0");
		values.put("transport", "nio");
		values.put("max-frame", String.valueOf(DEFAULT_MAX_FRAME_LENGTH));
		values.put("cron", "1000");
		values.put("mode", "");
		values.put("send-buffer", "0");
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			String name = arg.substring(2, equals);
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("Unknown option '" + name + "'; known: " + values.keySet());
			}
			values.put(name, arg.substring(equals + 1));
		}
		return new ServerOptions(values.get("host"), Integer.parseInt(values.get("port")),
				Transport.of(values.get("transport")), Integer.parseInt(values.get("max-frame")),
				Long.parseLong(values.get("cron")), values.get("mode"), Integer.parseInt(values.get("send-buffer")));
	}

	/**
	 * Return whether the native epoll transport was asked for.
	 * @return {@code true} for epoll
	 */
	public boolean epoll() {
		return this.transport == Transport.EPOLL;
	}

}
