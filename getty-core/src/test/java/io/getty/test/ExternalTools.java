package io.getty.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test, with a message that says how to get the tool, when an external program
 * it needs is not installed. {@code .ci/run} installs all of them.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	public static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, program)));
	}

	public static void assumeOnPath(String program, String message) {
		assume(onPath(program), message);
	}

	public static void assume(boolean condition, String message) {
		if (!condition) {
			System.err.println("SKIPPED: " + message);
		}
		Assumptions.assumeTrue(condition, message);
	}

}
