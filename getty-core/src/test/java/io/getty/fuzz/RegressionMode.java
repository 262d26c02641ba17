package io.getty.fuzz;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the regression run of the fuzz tests (every build, without {@code JAZZER_FUZZ})
 * cheap: unless {@code jazzer.hooks} is set, it is set to {@code false} before the first
 * fuzz test, so Jazzer does not attach its agent to the test JVM only to install sanitizer
 * hooks into {@code io.getty} classes, none of which calls an API its sanitizers watch.
 * That saves about 7 seconds per build and leaves the other tests in the JVM
 * uninstrumented. Fuzzing ({@code JAZZER_FUZZ=1}) is left alone: hooks and coverage
 * instrumentation stay on.
 */
public class RegressionMode implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!isFuzzing() && System.getProperty("jazzer.hooks") == null) {
			System.setProperty("jazzer.hooks", "false");
		}
	}

	/**
	 * Return whether this JVM fuzzes ({@code JAZZER_FUZZ} set, as Jazzer decides it) rather
	 * than replays the inputs.
	 */
	static boolean isFuzzing() {
		return isSet(System.getenv("JAZZER_FUZZ")) || isSet(System.getProperty("JAZZER_FUZZ"));
	}

	private static boolean isSet(String value) {
		return value != null && !value.isEmpty();
	}

}
