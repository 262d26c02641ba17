package io.getty.bench.harness.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads artifact versions from jar file names on a class path, so the report states the
 * exact versions each server ran with rather than what a pom asked for.
 *
 * @author getty team
 * @since 0.1.0
 */
final class Versions {

	/** The artifacts worth naming; the rest of a class path is their dependencies. */
	private static final List<String> NOTABLE = List.of("getty-core", "getty-spring-boot-autoconfigure",
			"spring-boot", "netty-transport", "netty-transport-native-epoll", "mina-core", "spring-integration-ip",
			"spring-core", "reactor-netty-core", "reactor-core", "vertx-core", "HdrHistogram");

	private static final Pattern JAR = Pattern.compile("^(.+?)-(\\d.*?)(-linux-x86_64)?\\.jar$");

	private Versions() {
	}

	/**
	 * Return the notable artifacts among jar file names.
	 * @param jarNames jar file names
	 * @return artifact ids and versions
	 */
	static Map<String, String> notable(List<String> jarNames) {
		Map<String, String> versions = new LinkedHashMap<>();
		for (String notable : NOTABLE) {
			for (String jar : jarNames) {
				Matcher matcher = JAR.matcher(jar);
				if (matcher.matches() && matcher.group(1).equals(notable)) {
					versions.putIfAbsent(notable, matcher.group(2));
				}
			}
		}
		return versions;
	}

}
