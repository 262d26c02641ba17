package io.getty.boot.autoconfigure;

import java.nio.ByteOrder;
import java.util.List;

import io.getty.boot.autoconfigure.GettyProperties.Endpoint;
import io.getty.codec.BytesCodec;
import io.getty.codec.JsonCodec;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.LineCodec;
import io.getty.codec.ReadWriter;
import io.getty.codec.StringCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The codecs an endpoint can name by id in its {@code codec} property.
 */
final class BuiltInCodecs {

	/** The default codec id. */
	static final String LENGTH_FIELD = "length-field";

	/** Every built-in id. */
	static final List<String> IDS = List.of(LENGTH_FIELD, "line", "string", "bytes", "json");

	private static final boolean JACKSON_PRESENT = ClassUtils.isPresent("tools.jackson.databind.ObjectMapper",
			BuiltInCodecs.class.getClassLoader());

	private BuiltInCodecs() {
	}

	/**
	 * Create a built-in codec.
	 * @return the codec, or {@code null} if {@code id} is not a built-in id
	 */
	static @Nullable ReadWriter<?> create(String endpointName, String prefix, String id, Endpoint properties) {
		return switch (id) {
			case LENGTH_FIELD -> lengthField(endpointName, prefix, properties);
			case "line" -> LineCodec.instance();
			case "string" -> StringCodec.instance();
			case "bytes" -> BytesCodec.instance();
			case "json" -> {
				if (properties.getType() == GettyProperties.Type.TCP) {
					throw new GettyConfigurationException("Endpoint '" + endpointName
							+ "' uses codec 'json' on TCP, where a JSON document has no boundary",
							"Frame it: set " + prefix + ".codec=length-field and " + prefix + ".payload=json");
				}
				yield json(endpointName, prefix, properties);
			}
			default -> null;
		};
	}

	private static ReadWriter<?> lengthField(String endpointName, String prefix, Endpoint properties) {
		GettyProperties.LengthField options = properties.getLengthField();
		int header = options.getHeaderLength();
		if (header != 1 && header != 2 && header != 4) {
			throw new GettyConfigurationException(
					prefix + ".length-field.header-length is " + header + " on endpoint '" + endpointName + "'",
					"Set it to 1, 2 or 4");
		}
		ByteOrder order = (options.getByteOrder() == GettyProperties.ByteOrder.BIG_ENDIAN) ? ByteOrder.BIG_ENDIAN
				: ByteOrder.LITTLE_ENDIAN;
		ReadWriter<?> payload = switch (properties.getPayload()) {
			case BYTES -> BytesCodec.instance();
			case STRING -> StringCodec.instance();
			case JSON -> json(endpointName, prefix, properties);
		};
		return LengthFieldCodec.builder().headerLength(header).byteOrder(order).payload(payload).build();
	}

	private static ReadWriter<?> json(String endpointName, String prefix, Endpoint properties) {
		Class<?> type = properties.getJson().getType();
		if (type == null) {
			throw new GettyConfigurationException("Endpoint '" + endpointName + "' reads JSON but " + prefix
					+ ".json.type is not set", "Set " + prefix
							+ ".json.type to the fully qualified class every JSON package is read as");
		}
		if (!JACKSON_PRESENT) {
			throw new GettyConfigurationException("Endpoint '" + endpointName + "' reads JSON but Jackson 3 is not "
					+ "on the classpath", "Add tools.jackson.core:jackson-databind to the application");
		}
		return JsonCodec.of(type);
	}

}
