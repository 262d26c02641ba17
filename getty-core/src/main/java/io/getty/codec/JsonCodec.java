package io.getty.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * JSON packages bound to one declared type, with Jackson 3 (an optional dependency: add
 * {@code tools.jackson.core:jackson-databind} to use it).
 *
 * <p>
 * A read takes every received byte as one JSON document, so on TCP put it inside a
 * framing codec: {@code LengthFieldCodec.builder().payload(JsonCodec.of(Msg.class))}. On
 * UDP and WebSocket each datagram or message is one document.
 *
 * <p>
 * Only the declared type is ever created. Class-name based polymorphic typing is refused
 * even when the target type asks for it, so input from the network can never choose a
 * class to instantiate.
 *
 * @param <T> the package type
 * @author getty team
 * @since 0.1.0
 */
public final class JsonCodec<T> implements ReadWriter<T> {

	private final Class<T> type;

	private final ObjectMapper mapper;

	private JsonCodec(Class<T> type, ObjectMapper mapper) {
		this.type = Objects.requireNonNull(type, "type");
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Return a codec for {@code type} with a safe default mapper.
	 * @param <T> the package type
	 * @param type the declared type of every package
	 * @return the codec
	 */
	public static <T> JsonCodec<T> of(Class<T> type) {
		return new JsonCodec<>(type, defaultMapper());
	}

	/**
	 * Return a codec for {@code type} using a mapper the caller configured.
	 * @param <T> the package type
	 * @param type the declared type of every package
	 * @param mapper the mapper; keep default typing off
	 * @return the codec
	 */
	public static <T> JsonCodec<T> of(Class<T> type, ObjectMapper mapper) {
		return new JsonCodec<>(type, mapper);
	}

	/**
	 * Return the mapper used by {@link #of(Class)}: no default typing, and a type
	 * validator that allows no class-name based subtype at all.
	 * @return a new mapper
	 */
	public static ObjectMapper defaultMapper() {
		return JsonMapper.builder().polymorphicTypeValidator(new NoClassNameTypeIds()).build();
	}

	/**
	 * Return the declared package type.
	 * @return the type
	 */
	public Class<T> type() {
		return this.type;
	}

	@Override
	public T read(Session session, ByteBuf in) {
		if (!in.isReadable()) {
			return null;
		}
		int length = in.readableBytes();
		if (!isUtf8(in, length)) {
			// JSON on the wire is UTF-8 (RFC 8259); malformed bytes, such as overlong
			// encodings that Jackson would decode, are an error as in the other text codecs.
			in.readerIndex(in.writerIndex());
			throw new CodecException("JsonCodec received " + length + " bytes that are not valid UTF-8 on endpoint '"
					+ session.endPoint().name() + "' (session " + session.id() + ")");
		}
		try (ByteBufInputStream input = new ByteBufInputStream(in)) {
			T pkg = this.mapper.readValue((java.io.InputStream) input, this.type);
			if (pkg == null) {
				// The document is whole: null here would wrongly mean "need more bytes".
				throw new CodecException("JsonCodec read the JSON null literal, not a " + this.type.getName()
						+ ", on endpoint '" + session.endPoint().name() + "' (session " + session.id() + ")");
			}
			return pkg;
		}
		catch (JacksonException | java.io.IOException ex) {
			throw new CodecException("JsonCodec could not read " + length + " bytes as " + this.type.getName()
					+ " on endpoint '" + session.endPoint().name() + "' (session " + session.id() + "): "
					+ ex.getMessage(), ex);
		}
		finally {
			in.readerIndex(in.writerIndex());
		}
	}

	private static boolean isUtf8(ByteBuf in, int length) {
		// One pass of the JDK's strict decoder over an NIO view. ByteBufUtil.isText reads
		// byte by byte: about 20 times slower, and on a leak-tracked buffer (paranoid or
		// advanced leak detection) it records a stack trace per byte, 12 MB for 16 KB.
		try {
			StandardCharsets.UTF_8.newDecoder().decode(in.nioBuffer(in.readerIndex(), length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	@Override
	public void write(Session session, Object pkg, ByteBuf out) {
		try (ByteBufOutputStream output = new ByteBufOutputStream(out)) {
			this.mapper.writeValue((java.io.OutputStream) output, pkg);
		}
		catch (JacksonException | java.io.IOException ex) {
			throw new CodecException("JsonCodec could not write a " + pkg.getClass().getName() + " on endpoint '"
					+ session.endPoint().name() + "': " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "JsonCodec{" + this.type.getSimpleName() + "}";
	}

	/**
	 * Denies every class-name type id before the class is even loaded: a validator that
	 * answers "indeterminate" lets Jackson load (and statically initialize) the class
	 * named by the input first, which a peer must never be able to cause (found by
	 * fuzzing).
	 */
	private static final class NoClassNameTypeIds extends PolymorphicTypeValidator.Base {

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return Validity.DENIED;
		}

	}

}
