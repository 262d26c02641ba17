package io.getty.bench.harness.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Pools the runs in turns of several batches, from the histogram logs each batch left in
 * its results directory ({@link HistogramFiles}): one batch is limited by the hour it ran
 * in, and runs of the same build from several batches narrow the interval as more runs of
 * one batch would. For every getty server, and for the control, it gives the pooled p99s,
 * their ratio and its 95 % interval ({@link BootstrapInterval}), as the report does for
 * one batch. Only batches of the same build should be pooled; the tool cannot tell.
 *
 * <pre>
 * getty-benchmarks/pool.sh getty-benchmarks/target/bench-results/1796646380218 /tmp/other-batch
 * </pre>
 *
 * @author getty team
 * @since 0.1.0
 */
public final class PooledInTurns {

	private static final Pattern RUN_FILE = Pattern.compile("in-turns-(\\d+)-(.+)\\.hlog");

	private PooledInTurns() {
	}

	/**
	 * Print the pooled comparison of the batches whose results directories are given.
	 * @param args the results directories
	 * @throws IOException if a histogram log cannot be read
	 */
	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: getty-benchmarks/pool.sh RESULTS_DIRECTORY...  (the directories of "
					+ "getty-benchmarks/run.sh runs with runs in turns, of one build)");
			System.exit(2);
		}
		try {
			summarize(Stream.of(args).map(Path::of).toList()).forEach(System.out::println);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
		}
	}

	/**
	 * Return one line per getty server, then one for the control.
	 * @param directories the batches' results directories
	 * @return the lines
	 * @throws IOException if a histogram log cannot be read
	 */
	public static List<String> summarize(List<Path> directories) throws IOException {
		// Per getty server id (the control under raw Netty's own id), its runs' histograms
		// and raw Netty's of the same runs.
		Map<String, List<Histogram>> gettyRuns = new TreeMap<>();
		Map<String, List<Histogram>> nettyRuns = new TreeMap<>();
		Map<String, String> baselines = new TreeMap<>();
		for (Path directory : directories) {
			Map<Integer, Map<String, Path>> runs = runFiles(directory);
			for (Map<String, Path> run : runs.values()) {
				Path first = run.get(ServerCatalog.NETTY_NIO.id() + "-1");
				Path second = run.get(ServerCatalog.NETTY_NIO.id() + "-2");
				String key;
				if (first != null && second != null) {
					key = ServerCatalog.NETTY_NIO.id();
					baselines.put(key, key);
				}
				else {
					key = run.keySet().stream().filter((id) -> !isBaseline(id)).findFirst().orElse(null);
					String baseline = run.keySet().stream().filter(PooledInTurns::isBaseline).findFirst().orElse(null);
					if (key == null || baseline == null || run.size() != 2) {
						throw new IllegalArgumentException("A run in turns in " + directory + " has the histogram logs "
								+ run.keySet() + "; expected a getty server's and raw Netty's, or the control's "
								+ ServerCatalog.NETTY_NIO.id() + "-1 and -2");
					}
					first = run.get(key);
					second = run.get(baseline);
					baselines.put(key, baseline);
				}
				gettyRuns.computeIfAbsent(key, (k) -> new ArrayList<>()).add(read(first));
				nettyRuns.computeIfAbsent(key, (k) -> new ArrayList<>()).add(read(second));
			}
		}
		List<String> lines = new ArrayList<>();
		// The getty servers first, the control last.
		gettyRuns.keySet().stream().sorted((a, b) -> Boolean.compare(isBaseline(a), isBaseline(b))).forEach((key) -> {
			List<Histogram> getty = gettyRuns.get(key);
			List<Histogram> netty = nettyRuns.get(key);
			Histogram gettyPooled = InTurns.pooled(getty);
			Histogram nettyPooled = InTurns.pooled(netty);
			double gettyP99 = gettyPooled.getValueAtPercentile(99) / 1000.0;
			double nettyP99 = nettyPooled.getValueAtPercentile(99) / 1000.0;
			String title = isBaseline(key) ? key + " against itself (control)" : key + " against " + baselines.get(key);
			lines.add(String.format("%s: %d runs from %d directories; p99 %s vs %s µs, %.2f× (95 %% interval %s); "
					+ "replies ≥ 1 ms %.2f %% vs %.2f %%", title, getty.size(), directories.size(),
					Format.micros(gettyP99), Format.micros(nettyP99), gettyP99 / nettyP99,
					BootstrapInterval.ofP99Ratio(getty, netty), InTurns.slowPercent(gettyPooled),
					InTurns.slowPercent(nettyPooled)));
		});
		return lines;
	}

	private static Map<Integer, Map<String, Path>> runFiles(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new IllegalArgumentException("No results directory " + directory
					+ "; give the directory a getty-benchmarks/run.sh run printed (\"results in ...\")");
		}
		Map<Integer, Map<String, Path>> runs = new TreeMap<>();
		Path histograms = Files.isDirectory(directory.resolve("histograms")) ? directory.resolve("histograms")
				: directory;
		try (Stream<Path> files = Files.list(histograms)) {
			for (Path file : files.toList()) {
				Matcher matcher = RUN_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					runs.computeIfAbsent(Integer.valueOf(matcher.group(1)), (run) -> new TreeMap<>())
						.put(matcher.group(2), file);
				}
			}
		}
		if (runs.isEmpty()) {
			throw new IllegalArgumentException("No histogram logs of runs in turns (in-turns-N-SERVER.hlog) in "
					+ histograms + "; give the results directory of a getty-benchmarks/run.sh run with the latency "
					+ "scenario (runs before the logs were added have only .hgrm files, which cannot be pooled exactly)");
		}
		return runs;
	}

	private static boolean isBaseline(String id) {
		String server = id.replaceFirst("-[12]$", "");
		return ServerCatalog.byId(server).map(ServerSpec::isBaseline).orElse(false);
	}

	private static Histogram read(Path file) throws IOException {
		try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
			Histogram histogram = (Histogram) reader.nextIntervalHistogram();
			if (histogram == null) {
				throw new IllegalArgumentException("The histogram log " + file + " holds no histogram");
			}
			return histogram;
		}
	}

}
