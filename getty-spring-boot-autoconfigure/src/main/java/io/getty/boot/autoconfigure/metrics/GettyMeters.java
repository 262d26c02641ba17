package io.getty.boot.autoconfigure.metrics;

import io.getty.EndPoint;
import io.getty.EndPointType;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.docs.MeterDocumentation;
import org.jspecify.annotations.Nullable;

/**
 * The meters of getty endpoints, with the names their Prometheus form is derived from
 * (for example {@code getty.data.read} in bytes becomes
 * {@code getty_data_read_bytes_total}). Every meter carries the {@link EndpointKeys}; none
 * carries a remote address, whose cardinality has no bound.
 *
 * @author getty team
 * @since 0.1.0
 */
public enum GettyMeters implements MeterDocumentation {

	/** Sessions open now. */
	SESSIONS_ACTIVE("getty.sessions.active", Meter.Type.GAUGE, null, "Sessions open now"),

	/** Sessions opened since the endpoint started. */
	SESSIONS_OPENED("getty.sessions.opened", Meter.Type.COUNTER, null, "Sessions opened"),

	/** Sessions closed since the endpoint started. */
	SESSIONS_CLOSED("getty.sessions.closed", Meter.Type.COUNTER, null, "Sessions closed"),

	/** Bytes received. */
	DATA_READ("getty.data.read", Meter.Type.COUNTER, BaseUnits.BYTES, "Bytes received"),

	/** Bytes written to the network. */
	DATA_WRITTEN("getty.data.written", Meter.Type.COUNTER, BaseUnits.BYTES, "Bytes written to the network"),

	/**
	 * Packages decoded. No base unit, so that the Prometheus name stays
	 * {@code getty_messages_read_total}.
	 */
	MESSAGES_READ("getty.messages.read", Meter.Type.COUNTER, null, "Packages decoded"),

	/** Packages written to the network. */
	MESSAGES_WRITTEN("getty.messages.written", Meter.Type.COUNTER, null, "Packages written to the network"),

	/**
	 * Errors that closed or disturbed a session, by {@link ErrorKeys#KIND kind}: one series
	 * per kind in {@link io.getty.EndPointStats#ERROR_KINDS}, present from the start.
	 */
	ERRORS("getty.errors", Meter.Type.COUNTER, null, "Session errors by kind") {
		@Override
		public KeyName[] getKeyNames() {
			return KeyName.merge(EndpointKeys.values(), ErrorKeys.values());
		}
	},

	/** Sessions a client opened to replace sessions that closed; clients only. */
	CLIENT_RECONNECTS("getty.client.reconnects", Meter.Type.COUNTER, null, "Sessions reopened by a client"),

	/**
	 * Connections a server refused because it already had {@code max-connections};
	 * servers only. {@code getty_connections_refused_total}.
	 */
	CONNECTIONS_REFUSED("getty.connections.refused", Meter.Type.COUNTER, null,
			"Connections refused at max-connections"),

	/**
	 * How long the application's {@code onMessage} took, by {@link HandlingKeys#OUTCOME
	 * outcome}.
	 */
	MESSAGE_HANDLING("getty.message.handling", Meter.Type.TIMER, null, "Time spent in onMessage") {
		@Override
		public KeyName[] getKeyNames() {
			return KeyName.merge(EndpointKeys.values(), HandlingKeys.values());
		}
	};

	private final String name;

	private final Meter.Type type;

	private final @Nullable String baseUnit;

	private final String description;

	GettyMeters(String name, Meter.Type type, @Nullable String baseUnit, String description) {
		this.name = name;
		this.type = type;
		this.baseUnit = baseUnit;
		this.description = description;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	public @Nullable String getBaseUnit() {
		return this.baseUnit;
	}

	@Override
	public KeyName[] getKeyNames() {
		return EndpointKeys.values();
	}

	/**
	 * Return the description registered with the meter.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return the tags every meter of an endpoint carries.
	 * @param endpoint the endpoint
	 * @return its {@code endpoint}, {@code type} and {@code role} tags
	 */
	static Tags endpointTags(EndPoint endpoint) {
		return Tags.of(EndpointKeys.ENDPOINT.asString(), endpoint.name(), EndpointKeys.TYPE.asString(),
				transport(endpoint.type()), EndpointKeys.ROLE.asString(), endpoint.type().role());
	}

	/**
	 * Return the transport of an endpoint type, as used in the {@code type} tag.
	 * @param type the endpoint type
	 * @return {@code tcp}, {@code udp}, {@code ws} or {@code wss}
	 */
	static String transport(EndPointType type) {
		return switch (type) {
			case TCP_SERVER, TCP_CLIENT -> "tcp";
			case UDP_ENDPOINT, UDP_CLIENT -> "udp";
			case WS_SERVER, WS_CLIENT -> "ws";
			case WSS_SERVER, WSS_CLIENT -> "wss";
		};
	}

	/**
	 * The tags of every getty meter; all have a small, fixed set of values.
	 */
	public enum EndpointKeys implements KeyName {

		/** The endpoint name, as declared under {@code getty.servers} or {@code getty.clients}. */
		ENDPOINT("endpoint"),

		/** The transport: {@code tcp}, {@code udp}, {@code ws} or {@code wss}. */
		TYPE("type"),

		/** {@code server} or {@code client}. */
		ROLE("role");

		private final String key;

		EndpointKeys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

	/**
	 * The extra tag of {@link GettyMeters#ERRORS}.
	 */
	public enum ErrorKeys implements KeyName {

		/**
		 * One of {@link io.getty.EndPointStats#ERROR_KINDS}: {@code codec}, {@code too_long},
		 * {@code listener}, {@code timeout}, {@code tls} or {@code io}.
		 */
		KIND;

		@Override
		public String asString() {
			return "kind";
		}

	}

	/**
	 * The extra tag of {@link GettyMeters#MESSAGE_HANDLING}.
	 */
	public enum HandlingKeys implements KeyName {

		/** {@code success}, or {@code error} when {@code onMessage} threw. */
		OUTCOME;

		@Override
		public String asString() {
			return "outcome";
		}

	}

}
