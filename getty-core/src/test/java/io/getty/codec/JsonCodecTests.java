package io.getty.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.getty.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link JsonCodec}.
 */
class JsonCodecTests {

	record Msg(String Act, String Data) {
	}

	record Order(long id, List<String> items, Map<String, Integer> counts, boolean paid) {
	}

	/** A field of declared type Object that asks for class-name based typing. */
	static class ObjectHolder {

		@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
		public Object value;

	}

	/** The same with the type id as a wrapper array, so a plain list is valid input. */
	static class WrapperArrayHolder {

		@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.WRAPPER_ARRAY)
		public Object value;

	}

	/** An abstract base that asks for class-name based typing of its subtypes. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	abstract static class Animal {

		public String name;

	}

	static class Dog extends Animal {

	}

	static class Zoo {

		public Animal animal;

	}

	/** Same base with minimal class names, which are still class names from the input. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS)
	abstract static class Shape {

	}

	static class Circle extends Shape {

		public int radius;

	}

	static class Drawing {

		public Shape shape;

	}

	/** Counts its instances, to prove that input never instantiates it. */
	public static class Canary {

		static final AtomicInteger CREATED = new AtomicInteger();

		public String note;

		public Canary() {
			CREATED.incrementAndGet();
		}

	}

	/** A plain Object field without any type annotation. */
	static class Untyped {

		public Object value;

	}

	static class Exploding {

		public String getValue() {
			throw new IllegalStateException("boom");
		}

	}

	@BeforeEach
	void resetCanary() {
		Canary.CREATED.set(0);
	}

	// ---------------------------------------------------------------- basics

	@Test
	void ofKeepsTheDeclaredType() {
		JsonCodec<Msg> codec = JsonCodec.of(Msg.class);
		assertThat(codec.type()).isEqualTo(Msg.class);
		assertThat(codec).hasToString("JsonCodec{Msg}");
	}

	@Test
	void nullTypeOrMapperIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> JsonCodec.of(null)).withMessageContaining("type");
		assertThatNullPointerException().isThrownBy(() -> JsonCodec.of(Msg.class, null)).withMessageContaining("mapper");
	}

	@Test
	void recordRoundTrips() {
		JsonCodec<Order> codec = JsonCodec.of(Order.class);
		Order order = new Order(7, List.of("apple", "pear ✓"), Map.of("apple", 2), true);
		ByteBuf buf = Unpooled.buffer();
		try {
			codec.write(TestSessions.unlimited(), order, buf);
			assertThat(codec.read(TestSessions.unlimited(), buf)).isEqualTo(order);
			assertThat(buf.isReadable()).isFalse();
		}
		finally {
			buf.release();
		}
	}

	@Test
	void writeProducesCompactJsonWithRecordComponentNames() {
		ByteBuf out = Unpooled.buffer();
		try {
			JsonCodec.of(Msg.class).write(TestSessions.unlimited(), new Msg("hello", "x"), out);
			assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"Act\":\"hello\",\"Data\":\"x\"}");
		}
		finally {
			out.release();
		}
	}

	@Test
	void writeAppendsAfterExistingContent() {
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeCharSequence(">", StandardCharsets.US_ASCII);
			JsonCodec.of(Msg.class).write(TestSessions.unlimited(), new Msg("a", "é"), out);
			assertThat(ByteBufUtil.getBytes(out))
				.containsExactly(">{\"Act\":\"a\",\"Data\":\"é\"}".getBytes(StandardCharsets.UTF_8));
		}
		finally {
			out.release();
		}
	}

	@Test
	void readConsumesTheWholeBufferAndLeavesTheWriterIndex() {
		ByteBuf in = utf8("  {\"Data\":\"x\",\"Act\":\"hi\"}\n");
		try {
			int writerIndex = in.writerIndex();
			assertThat(JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in)).isEqualTo(new Msg("hi", "x"));
			assertThat(in.readerIndex()).isEqualTo(writerIndex);
			assertThat(in.writerIndex()).isEqualTo(writerIndex);
			assertThat(in.refCnt()).isEqualTo(1);
		}
		finally {
			in.release();
		}
	}

	@Test
	void emptyBufferReturnsNull() {
		ByteBuf in = Unpooled.buffer();
		try {
			assertThat(JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in)).isNull();
		}
		finally {
			in.release();
		}
	}

	@Test
	void unknownPropertiesAreIgnored() {
		ByteBuf in = utf8("{\"Act\":\"a\",\"Data\":\"b\",\"Extra\":1}");
		try {
			assertThat(JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in)).isEqualTo(new Msg("a", "b"));
		}
		finally {
			in.release();
		}
	}

	@Test
	void truncatedJsonFailsNamingTheTargetType() {
		ByteBuf in = utf8("{\"Act\":\"hel");
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in))
				.withMessageContaining(Msg.class.getName())
				.withMessageContaining("11 bytes")
				.withMessageContaining(TestSessions.ENDPOINT_NAME)
				.withMessageContaining("session " + TestSessions.SESSION_ID)
				.withCauseInstanceOf(tools.jackson.core.JacksonException.class);
			// the bad document is consumed, so the session does not parse it again
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@Test
	void malformedJsonFails() {
		for (String input : List.of("not json", "{\"Act\":}", "[1,2]", "   ", "\"just a string\"")) {
			ByteBuf in = utf8(input);
			try {
				assertThatExceptionOfType(CodecException.class)
					.as("input %s", input)
					.isThrownBy(() -> JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in))
					.withMessageContaining(Msg.class.getName());
			}
			finally {
				in.release();
			}
		}
	}

	@Test
	void trailingContentAfterTheDocumentFails() {
		ByteBuf in = utf8("{\"Act\":\"a\",\"Data\":\"b\"} {\"Act\":\"c\"}");
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in))
				.withMessageContaining(Msg.class.getName());
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	@Test
	void writeFailureIsACodecExceptionNamingTheClass() {
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> JsonCodec.of(Object.class).write(TestSessions.unlimited(), new Exploding(), out))
				.withMessageContaining(Exploding.class.getName())
				.withMessageContaining(TestSessions.ENDPOINT_NAME);
		}
		finally {
			out.release();
		}
	}

	@Test
	void customMapperIsUsed() {
		ObjectMapper mapper = JsonMapper.builder()
			.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
			.enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		ByteBuf in = utf8("{\"Act\":\"a\",\"Data\":\"b\",\"Extra\":1}");
		try {
			assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> JsonCodec.of(Msg.class, mapper).read(TestSessions.unlimited(), in))
				.withMessageContaining("Extra");
		}
		finally {
			in.release();
		}
	}

	// ---------------------------------------------------------------- polymorphic typing

	@Test
	void classNameOnAnObjectFieldDoesNotChooseTheClass() {
		String json = "{\"value\":{\"@class\":\"" + Canary.class.getName() + "\",\"note\":\"pwned\"}}";
		assertRefused(JsonCodec.of(ObjectHolder.class), json);
		assertThat(Canary.CREATED).hasValue(0);
	}

	@Test
	void processBuilderNamedOnAnObjectFieldIsNotInstantiated() {
		assertRefused(JsonCodec.of(ObjectHolder.class),
				"{\"value\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/pwned\"]}}");
		assertRefused(JsonCodec.of(WrapperArrayHolder.class),
				"{\"value\":[\"java.lang.ProcessBuilder\",{\"command\":[\"touch\",\"/tmp/pwned\"]}]}");
	}

	@Test
	void arrayListNamedOnAnObjectFieldIsNotInstantiated() {
		assertRefused(JsonCodec.of(WrapperArrayHolder.class), "{\"value\":[\"java.util.ArrayList\",[\"a\"]]}");
		assertRefused(JsonCodec.of(WrapperArrayHolder.class), "{\"value\":[\"java.util.LinkedList\",[\"a\"]]}");
	}

	@Test
	void classNameOnAnAbstractBaseDoesNotChooseTheClassEvenForARealSubtype() {
		// a legitimate subtype is refused too: the validator allows no class name at all
		assertRefused(JsonCodec.of(Zoo.class),
				"{\"animal\":{\"@class\":\"" + Dog.class.getName() + "\",\"name\":\"rex\"}}");
		assertRefused(JsonCodec.of(Animal.class), "{\"@class\":\"" + Dog.class.getName() + "\",\"name\":\"rex\"}");
	}

	@Test
	void classNameOutsideTheAbstractBaseIsNotInstantiated() {
		// Refused by the validator before the class is loaded, so not even its static
		// initializer runs.
		assertRefused(JsonCodec.of(Zoo.class),
				"{\"animal\":{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]}}",
				"PolymorphicTypeValidator");
		assertRefused(JsonCodec.of(Zoo.class), "{\"animal\":{\"@class\":\"" + Canary.class.getName() + "\"}}",
				"PolymorphicTypeValidator");
		assertThat(Canary.CREATED).hasValue(0);
	}

	@Test
	void minimalClassNameOnAnAbstractBaseIsRefusedToo() {
		assertRefused(JsonCodec.of(Drawing.class),
				"{\"shape\":{\"@c\":\"" + ".JsonCodecTests$Circle" + "\",\"radius\":1}}");
	}

	@Test
	void mapperThatAllowsTheClassWouldInstantiateIt() {
		// Control experiment: the refusals above come from the validator, not from the
		// input; a mapper whose validator allows the class creates what the input names.
		ObjectMapper allowing = JsonMapper.builder()
			.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().allowIfSubType(Canary.class).build())
			.build();
		ByteBuf in = utf8("{\"value\":{\"@class\":\"" + Canary.class.getName() + "\",\"note\":\"pwned\"}}");
		try {
			ObjectHolder holder = JsonCodec.of(ObjectHolder.class, allowing).read(TestSessions.unlimited(), in);
			assertThat(holder.value).isInstanceOf(Canary.class);
			assertThat(Canary.CREATED).hasValue(1);
		}
		finally {
			in.release();
		}
	}

	@Test
	void jacksonDefaultMapperWouldAcceptAClassNamedSubtypeThatTheCodecRefuses() {
		// Jackson's own default only limits over-generic bases such as Object; the codec's
		// mapper refuses class names for every base type.
		ByteBuf in = utf8("{\"animal\":{\"@class\":\"" + Dog.class.getName() + "\",\"name\":\"rex\"}}");
		try {
			Zoo zoo = JsonCodec.of(Zoo.class, JsonMapper.builder().build()).read(TestSessions.unlimited(), in);
			assertThat(zoo.animal).isInstanceOf(Dog.class);
		}
		finally {
			in.release();
		}
	}

	@Test
	void defaultMapperDoesNotEnableDefaultTyping() {
		ByteBuf in = utf8("{\"value\":[\"java.util.LinkedList\",[\"a\",\"b\"]]}");
		try {
			Untyped untyped = JsonCodec.of(Untyped.class).read(TestSessions.unlimited(), in);
			// an untyped list of the two JSON values, not a LinkedList chosen by the input
			assertThat(untyped.value).isNotInstanceOf(java.util.LinkedList.class)
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactly("java.util.LinkedList", List.of("a", "b"));
		}
		finally {
			in.release();
		}
	}

	@Test
	void defaultMapperKeepsAClassNameInUntypedInputAsPlainData() {
		ByteBuf in = utf8("{\"value\":[\"" + Canary.class.getName() + "\",{\"note\":\"pwned\"}]}");
		try {
			Untyped untyped = JsonCodec.of(Untyped.class).read(TestSessions.unlimited(), in);
			assertThat(untyped.value).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactly(Canary.class.getName(), Map.of("note", "pwned"));
			assertThat(Canary.CREATED).hasValue(0);
		}
		finally {
			in.release();
		}
	}

	@Test
	void objectTypedCodecReadsPlainJsonValues() {
		ByteBuf in = utf8("[\"java.util.ArrayList\",[]]");
		try {
			Object value = JsonCodec.of(Object.class).read(TestSessions.unlimited(), in);
			assertThat(value).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("java.util.ArrayList", List.of());
		}
		finally {
			in.release();
		}
	}

	@Test
	void defaultMapperReturnsANewMapperEachTime() {
		assertThat(JsonCodec.defaultMapper()).isNotSameAs(JsonCodec.defaultMapper());
	}

	// ---------------------------------------------------------------- helpers

	private static void assertRefused(JsonCodec<?> codec, String json) {
		assertRefused(codec, json, "PolymorphicTypeValidator");
	}

	private static void assertRefused(JsonCodec<?> codec, String json, String reason) {
		Session session = TestSessions.unlimited();
		ByteBuf in = utf8(json);
		try {
			assertThatExceptionOfType(CodecException.class).as("reading %s", json)
				.isThrownBy(() -> codec.read(session, in))
				.withMessageContaining(codec.type().getName())
				.withCauseInstanceOf(DatabindException.class)
				.withMessageContaining(reason);
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

	private static ByteBuf utf8(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void malformedUtf8IsRefusedEvenWhereJacksonWouldDecodeIt() {
		// 0xC0 0xAF is an overlong encoding of '/': not UTF-8, though lenient decoders accept it.
		byte[] overlong = { '{', '"', 'A', 'c', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
		io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(overlong);
		try {
			org.assertj.core.api.Assertions.assertThatExceptionOfType(CodecException.class)
				.isThrownBy(() -> JsonCodec.of(Msg.class).read(TestSessions.unlimited(), in))
				.withMessageContaining("not valid UTF-8");
			assertThat(in.isReadable()).isFalse();
		}
		finally {
			in.release();
		}
	}

}
