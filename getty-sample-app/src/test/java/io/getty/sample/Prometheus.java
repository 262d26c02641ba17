package io.getty.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition, parsed just enough for assertions.
 *
 * @param samples every sample line, in order
 */
record Prometheus(List<Sample> samples) {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	static Prometheus parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = SAMPLE.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("not a sample line: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(3) != null) {
				Matcher label = LABEL.matcher(matcher.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
		}
		return new Prometheus(samples);
	}

	/**
	 * Return the samples of one metric that carry the given labels.
	 * @param name the sample name, such as {@code getty_sessions_opened_total}
	 * @param labels label names and values, alternating
	 * @return the samples
	 */
	List<Sample> find(String name, String... labels) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).filter((sample) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/**
	 * Return the sum of the samples of one metric that carry the given labels.
	 * @param name the sample name
	 * @param labels label names and values, alternating
	 * @return the sum, 0 when there is none
	 */
	double sum(String name, String... labels) {
		return find(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {

	}

}
