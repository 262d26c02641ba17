package io.getty.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.getty.Session;
import io.getty.codec.JsonCodec;
import io.netty.buffer.ByteBuf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared JSON package type of the JSON fuzz targets, and the checks every decoded
 * JSON package must pass: it comes from valid UTF-8, it is exactly the declared type, the
 * field that asks for class-name based typing holds nothing but a JSON scalar, no class
 * named by the input was instantiated (the {@link Canary}), and it encodes and decodes
 * back to an equal package.
 *
 * <p>
 * Not checked yet: that a named class is not even loaded. Jackson loads and initializes
 * the class a type id names before the default mapper's validator refuses it (see
 * {@code docs/fuzzing.md}, findings); once that is fixed, {@link #checkNoCanary()} can
 * also require that {@link Canary}'s static initializer never ran.
 */
final class FuzzMessages {

	/** The codec of the JSON fuzz targets, shared as in an endpoint. */
	static final JsonCodec<Msg> CODEC = JsonCodec.of(Msg.class);

	private FuzzMessages() {
	}

	/**
	 * The declared package type: a small record with a nested record, a list, a map and a
	 * field of declared type {@link Object} that asks for class-name based typing, which
	 * the codec must refuse.
	 *
	 * @param act a string
	 * @param seq a number
	 * @param tags a list
	 * @param inner a nested record
	 * @param extra never set from a class name in the input: {@code null} or a JSON
	 * string, number or boolean, which Jackson accepts without a type id
	 */
	record Msg(String act, long seq, List<String> tags, Inner inner,
			@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object extra) {
	}

	/**
	 * The nested record.
	 *
	 * @param ok a boolean
	 * @param counts a map
	 */
	record Inner(boolean ok, Map<String, Integer> counts) {
	}

	/**
	 * Counts its instances: input that names it as a type id must not create one.
	 */
	public static final class Canary {

		static final AtomicInteger CREATED = new AtomicInteger();

		public String note;

		public Canary() {
			CREATED.incrementAndGet();
		}

	}

	/**
	 * Check a package the JSON codec returned from the document {@code json}, and that it
	 * survives write then read.
	 */
	static void checkDecoded(Session session, JsonCodec<Msg> codec, byte[] json, Object pkg) throws Exception {
		assertThat(Utf8Model.decode(json)).as("a package from malformed UTF-8: %s", HexFormat.of().formatHex(json))
			.isNotNull();
		assertThat(pkg).isExactlyInstanceOf(Msg.class);
		Msg msg = (Msg) pkg;
		if (msg.extra() != null) {
			// Jackson takes a JSON string, number or boolean as itself without a type id;
			// any other class would have come from a class name in the input.
			assertThat(msg.extra()).as("class-name typed field set from the input")
				.isInstanceOfAny(String.class, Boolean.class, Integer.class, Long.class, BigInteger.class, Double.class,
						BigDecimal.class);
		}
		checkNoCanary();
		ByteBuf out = DecoderDriver.scratchBuffer();
		try {
			codec.write(session, msg, out);
			assertThat(codec.read(FuzzSessions.withMaxMsgLen(0), out)).as("write then read of %s", msg).isEqualTo(msg);
			assertThat(out.isReadable()).isFalse();
		}
		finally {
			out.release();
		}
	}

	/** Check that no input made the codec create a {@link Canary}. */
	static void checkNoCanary() {
		assertThat(Canary.CREATED).as("Canary instances created from the input").hasValue(0);
	}

}
