package io.getty.bench.harness.report;

import java.util.Locale;

/**
 * How the report writes numbers: thousands separators for rates, one decimal for small
 * latencies, ratios with a "×".
 *
 * @author getty team
 * @since 0.1.0
 */
final class Format {

	/** Shown where a value is missing, for example the ratio of a failed run. */
	static final String NONE = "—";

	private Format() {
	}

	static String count(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	static String micros(double value) {
		return (value < 100) ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
	}

	static String decimal(double value, int digits) {
		return String.format(Locale.ROOT, "%,." + digits + "f", value);
	}

	static String bytes(double value) {
		return (Math.abs(value) < 10) ? String.format(Locale.ROOT, "%.1f", value)
				: String.format(Locale.ROOT, "%,.0f", value);
	}

	static String ratio(double value, double baseline) {
		if (!(baseline > 0) || Double.isNaN(value)) {
			return NONE;
		}
		return String.format(Locale.ROOT, "%.2f×", value / baseline);
	}

	static String percent(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** CPU seconds as whole milliseconds; {@link #NONE} where unknown (negative). */
	static String millis(double seconds) {
		return (seconds < 0) ? NONE : String.format(Locale.ROOT, "%,.0f", 1000 * seconds);
	}

}
