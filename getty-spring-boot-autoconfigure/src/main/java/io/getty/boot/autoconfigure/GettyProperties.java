package io.getty.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.getty.SessionOptions;
import io.getty.TaskPool;
import io.getty.internal.Tls;
import io.getty.ClientBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for getty: the servers and clients of the application, one
 * bean each.
 *
 * <pre>
 * getty:
 *   servers:
 *     echo:
 *       port: 7070
 *   clients:
 *     echo-client:
 *       server-address: 127.0.0.1:7070
 * </pre>
 *
 * Defaults equal getty-core's own ({@link SessionOptions}, {@link ClientBuilder}).
 *
 * @author getty team
 * @since 0.1.0
 */
@ConfigurationProperties("getty")
public class GettyProperties {

	/**
	 * Servers by name. Each becomes a bean of that name, injectable by type and by
	 * '@Qualifier("name")'.
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	/**
	 * Clients by name. Each becomes a bean of that name, injectable by type and by
	 * '@Qualifier("name")'.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	private final Metrics metrics = new Metrics();

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * Settings of getty's Micrometer meters.
	 */
	public static class Metrics {

		private final MessageHandling messageHandling = new MessageHandling();

		public MessageHandling getMessageHandling() {
			return this.messageHandling;
		}

	}

	/**
	 * Settings of the message-handling timer.
	 */
	public static class MessageHandling {

		/**
		 * Time one message in this many, on average (chosen at random per I/O thread), in
		 * the getty.message.handling timer; 1 times every message. Timing costs two clock
		 * reads and a Timer.record, which shows with small messages.
		 */
		private int sampleInterval = 16;

		public int getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(int sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

	}

	/**
	 * Transport of an endpoint.
	 */
	public enum Type {

		/** Plain TCP, optionally with TLS. */
		TCP,

		/** UDP. */
		UDP,

		/** WebSocket. */
		WS,

		/** WebSocket over TLS. */
		WSS

	}

	/**
	 * Byte order of a length header.
	 */
	public enum ByteOrder {

		/** Most significant byte first (network order). */
		BIG_ENDIAN,

		/** Least significant byte first. */
		LITTLE_ENDIAN

	}

	/**
	 * What each frame of a framing codec carries.
	 */
	public enum Payload {

		/** Raw bytes, delivered as byte[]. */
		BYTES,

		/** UTF-8 text, delivered as String. */
		STRING,

		/** JSON bound to 'json.type'. */
		JSON

	}

	/**
	 * Compression of an endpoint's traffic.
	 */
	public enum Compression {

		/** No compression. */
		NONE(null),

		/** DEFLATE at its default level. */
		DEFAULT(-1),

		/** DEFLATE, fastest. */
		BEST_SPEED(1),

		/** DEFLATE, smallest. */
		BEST_COMPRESSION(9);

		private final @Nullable Integer level;

		Compression(@Nullable Integer level) {
			this.level = level;
		}

		/**
		 * Return the {@link java.util.zip.Deflater} level.
		 * @return the level, or {@code null} for none
		 */
		public @Nullable Integer level() {
			return this.level;
		}

	}

	/**
	 * How listener callbacks are run.
	 */
	public enum TaskPoolType {

		/** On the session's I/O thread (Getty's default). */
		NONE,

		/** On a fixed pool of threads, in order per session. */
		FIXED,

		/** On virtual threads (Java 21 or later), in order per session. */
		VIRTUAL

	}

	/**
	 * Whether a TLS server asks for client certificates.
	 */
	public enum ClientAuth {

		/** Client certificates are not requested. */
		NONE,

		/** Client certificates are requested but optional. */
		WANT,

		/** Client certificates are required and verified. */
		NEED

	}

	/**
	 * Settings shared by servers and clients.
	 */
	public abstract static class Endpoint {

		/**
		 * Transport: tcp, udp, ws or wss. wss needs 'ssl.bundle'; tcp uses TLS when it is
		 * set.
		 */
		private Type type = Type.TCP;

		/**
		 * Codec: a built-in id (length-field, line, string, bytes, json) or the bean name
		 * of a ReadWriter. When unset, a '@GettyCodec' bean naming this endpoint is used,
		 * or else length-field.
		 */
		private @Nullable String codec;

		/**
		 * What each frame of the length-field codec carries: bytes, string or json.
		 */
		private Payload payload = Payload.BYTES;

		/**
		 * WebSocket path (ws and wss only).
		 */
		private String path = "/";

		/**
		 * Compression: raw DEFLATE stream compression on tcp (both peers must use it),
		 * permessage-deflate on ws and wss. When unset: none on tcp, permessage-deflate
		 * offered on ws and wss.
		 */
		private @Nullable Compression compression;

		private final LengthField lengthField = new LengthField();

		private final Json json = new Json();

		private final Session session = new Session();

		private final TaskPoolSettings taskPool = new TaskPoolSettings();

		private final WriteBuffer writeBuffer = new WriteBuffer();

		private final Ssl ssl = new Ssl();

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public @Nullable String getCodec() {
			return this.codec;
		}

		public void setCodec(@Nullable String codec) {
			this.codec = codec;
		}

		public Payload getPayload() {
			return this.payload;
		}

		public void setPayload(Payload payload) {
			this.payload = payload;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public @Nullable Compression getCompression() {
			return this.compression;
		}

		public void setCompression(@Nullable Compression compression) {
			this.compression = compression;
		}

		public LengthField getLengthField() {
			return this.lengthField;
		}

		public Json getJson() {
			return this.json;
		}

		public Session getSession() {
			return this.session;
		}

		public TaskPoolSettings getTaskPool() {
			return this.taskPool;
		}

		public WriteBuffer getWriteBuffer() {
			return this.writeBuffer;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

	}

	/**
	 * A server.
	 */
	public static class Server extends Endpoint {

		/**
		 * Address to listen on; 0.0.0.0 for every interface.
		 */
		private String host = "0.0.0.0";

		/**
		 * Port to listen on; 0 picks a free port, published as
		 * 'local.getty.servers.<name>.port'.
		 */
		private int port;

		/**
		 * Connections the kernel queues before they are accepted.
		 */
		private int backlog = 1024;

		/**
		 * Most connections held at once (tcp, ws, wss); more are refused, counted and
		 * logged. 0 means no limit.
		 */
		private int maxConnections;

		/**
		 * Origins a browser page may connect from (ws and wss); empty allows all, others
		 * get 403.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public int getBacklog() {
			return this.backlog;
		}

		public void setBacklog(int backlog) {
			this.backlog = backlog;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

	}

	/**
	 * A client that keeps a pool of sessions to one server.
	 */
	public static class Client extends Endpoint {

		/**
		 * Server to connect to, as host:port.
		 */
		private @Nullable String serverAddress;

		/**
		 * Sessions to keep open to the server.
		 */
		private int connectionNumber = 1;

		/**
		 * Pause before a reconnect attempt, multiplied by the attempt number.
		 */
		private Duration reconnectInterval = ClientBuilder.DEFAULT_RECONNECT_INTERVAL;

		/**
		 * Failed attempts in a row after which the client stops reconnecting until another
		 * of its sessions closes.
		 */
		private int reconnectAttempts = ClientBuilder.DEFAULT_RECONNECT_ATTEMPTS;

		/**
		 * Cap of the attempt multiplier of the reconnect interval.
		 */
		private int maxBackoffMultiplier = ClientBuilder.DEFAULT_MAX_BACKOFF_MULTIPLIER;

		/**
		 * Longest a connection attempt may take.
		 */
		private Duration connectTimeout = ClientBuilder.DEFAULT_CONNECT_TIMEOUT;

		public @Nullable String getServerAddress() {
			return this.serverAddress;
		}

		public void setServerAddress(@Nullable String serverAddress) {
			this.serverAddress = serverAddress;
		}

		public int getConnectionNumber() {
			return this.connectionNumber;
		}

		public void setConnectionNumber(int connectionNumber) {
			this.connectionNumber = connectionNumber;
		}

		public Duration getReconnectInterval() {
			return this.reconnectInterval;
		}

		public void setReconnectInterval(Duration reconnectInterval) {
			this.reconnectInterval = reconnectInterval;
		}

		public int getReconnectAttempts() {
			return this.reconnectAttempts;
		}

		public void setReconnectAttempts(int reconnectAttempts) {
			this.reconnectAttempts = reconnectAttempts;
		}

		public int getMaxBackoffMultiplier() {
			return this.maxBackoffMultiplier;
		}

		public void setMaxBackoffMultiplier(int maxBackoffMultiplier) {
			this.maxBackoffMultiplier = maxBackoffMultiplier;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

	}

	/**
	 * Options of the length-field codec.
	 */
	public static class LengthField {

		/**
		 * Length of the header: 1, 2 or 4 bytes.
		 */
		private int headerLength = 4;

		/**
		 * Byte order of the header.
		 */
		private ByteOrder byteOrder = ByteOrder.BIG_ENDIAN;

		public int getHeaderLength() {
			return this.headerLength;
		}

		public void setHeaderLength(int headerLength) {
			this.headerLength = headerLength;
		}

		public ByteOrder getByteOrder() {
			return this.byteOrder;
		}

		public void setByteOrder(ByteOrder byteOrder) {
			this.byteOrder = byteOrder;
		}

	}

	/**
	 * Options of the JSON codec and JSON payloads.
	 */
	public static class Json {

		/**
		 * Fully qualified class every JSON package is read as. Only this type is ever
		 * created from network input.
		 */
		private @Nullable Class<?> type;

		public @Nullable Class<?> getType() {
			return this.type;
		}

		public void setType(@Nullable Class<?> type) {
			this.type = type;
		}

	}

	/**
	 * Settings every session of the endpoint starts with.
	 */
	public static class Session {

		/**
		 * Session name shown in stat() lines; defaults to tcp-session, udp-session,
		 * ws-session or wss-session.
		 */
		private @Nullable String name;

		/**
		 * Largest package accepted, header included; 0 for no limit.
		 */
		private DataSize maxMsgLen = DataSize.ofBytes(SessionOptions.DEFAULT_MAX_MSG_LEN);

		/**
		 * Longest a partly received package may take to complete; a timeout is reported
		 * up to 10 ms late.
		 */
		private Duration readTimeout = SessionOptions.DEFAULT_READ_TIMEOUT;

		/**
		 * Default timeout of a write.
		 */
		private Duration writeTimeout = SessionOptions.DEFAULT_WRITE_TIMEOUT;

		/**
		 * Period of onCron (and of the WebSocket ping).
		 */
		private Duration cronPeriod = SessionOptions.DEFAULT_CRON_PERIOD;

		/**
		 * How long closing a session lets queued writes drain and, on TCP and WebSocket,
		 * the peer finish sending before the connection is closed.
		 */
		private Duration waitTime = SessionOptions.DEFAULT_WAIT_TIME;

		/**
		 * Close a session that received nothing for this long; 0 disables it.
		 */
		private Duration idleTimeout = SessionOptions.DEFAULT_IDLE_TIMEOUT;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public DataSize getMaxMsgLen() {
			return this.maxMsgLen;
		}

		public void setMaxMsgLen(DataSize maxMsgLen) {
			this.maxMsgLen = maxMsgLen;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		public Duration getCronPeriod() {
			return this.cronPeriod;
		}

		public void setCronPeriod(Duration cronPeriod) {
			this.cronPeriod = cronPeriod;
		}

		public Duration getWaitTime() {
			return this.waitTime;
		}

		public void setWaitTime(Duration waitTime) {
			this.waitTime = waitTime;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

	}

	/**
	 * Where listener callbacks run.
	 */
	public static class TaskPoolSettings {

		/**
		 * Where callbacks run: none (the I/O thread), fixed or virtual.
		 */
		private TaskPoolType type = TaskPoolType.NONE;

		/**
		 * Threads of a fixed pool; defaults to the number of processors.
		 */
		private @Nullable Integer threads;

		/**
		 * Callbacks a session may have waiting before reading from it pauses.
		 */
		private int maxPendingPerSession = TaskPool.DEFAULT_MAX_PENDING_PER_SESSION;

		public TaskPoolType getType() {
			return this.type;
		}

		public void setType(TaskPoolType type) {
			this.type = type;
		}

		public @Nullable Integer getThreads() {
			return this.threads;
		}

		public void setThreads(@Nullable Integer threads) {
			this.threads = threads;
		}

		public int getMaxPendingPerSession() {
			return this.maxPendingPerSession;
		}

		public void setMaxPendingPerSession(int maxPendingPerSession) {
			this.maxPendingPerSession = maxPendingPerSession;
		}

	}

	/**
	 * Outbound memory limits of each session.
	 */
	public static class WriteBuffer {

		/**
		 * Unsent bytes below which a session becomes writable again.
		 */
		private DataSize lowWaterMark = DataSize.ofBytes(SessionOptions.DEFAULT_WRITE_BUFFER_LOW_WATER_MARK);

		/**
		 * Unsent bytes above which a session reports itself not writable.
		 */
		private DataSize highWaterMark = DataSize.ofBytes(SessionOptions.DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);

		/**
		 * Unsent bytes beyond which writes fail with OutboundBufferFullException.
		 */
		private DataSize maxOutbound = DataSize.ofBytes(SessionOptions.DEFAULT_MAX_OUTBOUND_BYTES);

		public DataSize getLowWaterMark() {
			return this.lowWaterMark;
		}

		public void setLowWaterMark(DataSize lowWaterMark) {
			this.lowWaterMark = lowWaterMark;
		}

		public DataSize getHighWaterMark() {
			return this.highWaterMark;
		}

		public void setHighWaterMark(DataSize highWaterMark) {
			this.highWaterMark = highWaterMark;
		}

		public DataSize getMaxOutbound() {
			return this.maxOutbound;
		}

		public void setMaxOutbound(DataSize maxOutbound) {
			this.maxOutbound = maxOutbound;
		}

	}

	/**
	 * TLS settings.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring Boot SSL bundle ('spring.ssl.bundle.*') to use: its key
		 * material identifies a server (or a client, for mutual TLS) and its trust
		 * material verifies the peer. Unset means no TLS on tcp.
		 */
		private @Nullable String bundle;

		/**
		 * Whether a server asks for client certificates: none, want or need.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * Longest a TLS handshake (and a WebSocket upgrade) may take.
		 */
		private Duration handshakeTimeout = Tls.DEFAULT_HANDSHAKE_TIMEOUT;

		/**
		 * Whether a client checks that the server certificate names the host it
		 * connects to.
		 */
		private boolean verifyHostname = true;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

	}

}
