package io.getty.bench.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads the flat JSON objects of the control protocol: string and number
 * values, no nesting. Enough for the protocol, and it keeps every server's class path
 * free of a JSON library.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class BenchJson {

	private BenchJson() {
	}

	/**
	 * Start a flat object that is written straight into its text, field by field, with no
	 * map in between.
	 * @return the writer
	 */
	public static ObjectWriter object() {
		return new ObjectWriter();
	}

	/**
	 * A flat object written field by field. The servers answer the harness's samples with
	 * it: a sample is taken as a measurement window opens, and the less code it runs, the
	 * less of the JVM's shared code (a {@code HashMap}, a {@code BufferedReader}) it pushes
	 * past the JIT compiler's thresholds there (docs/benchmarks.md, point 28).
	 */
	public static final class ObjectWriter {

		private final StringBuilder json = new StringBuilder(256).append('{');

		private ObjectWriter() {
		}

		/**
		 * Add a number.
		 * @param name the name
		 * @param value the value
		 * @return this writer
		 */
		public ObjectWriter field(String name, long value) {
			name(name).append(value);
			return this;
		}

		/**
		 * Add a string.
		 * @param name the name
		 * @param value the value, escaped as JSON needs
		 * @return this writer
		 */
		public ObjectWriter field(String name, String value) {
			quote(name(name), value);
			return this;
		}

		private StringBuilder name(String name) {
			if (this.json.length() > 1) {
				this.json.append(',');
			}
			return quote(this.json, name).append(':');
		}

		/**
		 * Return the object's text.
		 * @return the JSON text of the fields added so far
		 */
		public String text() {
			return new StringBuilder(this.json.length() + 1).append(this.json).append('}').toString();
		}

	}

	private static StringBuilder quote(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"');
	}

	/**
	 * Read a flat object written by an {@link ObjectWriter}; numbers (and booleans) come
	 * back as their text.
	 * @param json the JSON text
	 * @return names and values in order
	 * @throws IllegalArgumentException if the text is not a flat object
	 */
	public static Map<String, String> read(String json) {
		Map<String, String> values = new LinkedHashMap<>();
		Cursor cursor = new Cursor(json.trim());
		cursor.expect('{');
		if (cursor.peek() == '}') {
			return values;
		}
		do {
			String name = cursor.string();
			cursor.expect(':');
			values.put(name, (cursor.peek() == '"') ? cursor.string() : cursor.bare());
		}
		while (cursor.next() == ',');
		return values;
	}

	private static final class Cursor {

		private final String text;

		private int position;

		Cursor(String text) {
			this.text = text;
		}

		char peek() {
			skipSpaces();
			if (this.position >= this.text.length()) {
				throw new IllegalArgumentException("Unexpected end of JSON: " + this.text);
			}
			return this.text.charAt(this.position);
		}

		char next() {
			char c = peek();
			this.position++;
			return c;
		}

		void expect(char expected) {
			char c = next();
			if (c != expected) {
				throw new IllegalArgumentException(
						"Expected '" + expected + "' at " + (this.position - 1) + " of " + this.text);
			}
		}

		String string() {
			expect('"');
			StringBuilder value = new StringBuilder();
			while (true) {
				char c = this.text.charAt(this.position++);
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					char escaped = this.text.charAt(this.position++);
					if (escaped == 'u') {
						value.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
						this.position += 4;
					}
					else {
						value.append(escaped);
					}
				}
				else {
					value.append(c);
				}
			}
		}

		String bare() {
			skipSpaces();
			int start = this.position;
			while (this.position < this.text.length() && ",}".indexOf(this.text.charAt(this.position)) < 0) {
				this.position++;
			}
			return this.text.substring(start, this.position).trim();
		}

		private void skipSpaces() {
			while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

	}

}
