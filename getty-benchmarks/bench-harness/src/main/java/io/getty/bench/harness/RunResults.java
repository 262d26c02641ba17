package io.getty.bench.harness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.getty.bench.harness.report.Medians;
import io.getty.bench.harness.scenario.CellResult;
import io.getty.bench.harness.scenario.IdleResult;
import io.getty.bench.harness.scenario.ReconnectResult;
import io.getty.bench.harness.server.ServerCatalog;
import io.getty.bench.harness.server.ServerSpec;
import org.jspecify.annotations.Nullable;

/**
 * Everything one run measured, in the order it was measured.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class RunResults {

	private final Map<ThroughputCell, List<CellResult>> throughput = new LinkedHashMap<>();

	private final Map<ThroughputCell, List<CellResult>> repeats = new LinkedHashMap<>();

	private final Map<ThroughputCell, List<List<CellResult>>> peersInTurns = new LinkedHashMap<>();

	private final Map<ThroughputCell, List<List<CellResult>>> goalInTurns = new LinkedHashMap<>();

	private final List<CellResult> latency = new ArrayList<>();

	private final List<List<CellResult>> inTurns = new ArrayList<>();

	private final List<IdleResult> idle = new ArrayList<>();

	private final List<CellResult> churn = new ArrayList<>();

	private final List<CellResult> controls = new ArrayList<>();

	private @Nullable ReconnectResult reconnect;

	void addThroughput(ThroughputCell cell, CellResult result) {
		this.throughput.computeIfAbsent(cell, (key) -> new ArrayList<>()).add(result);
	}

	void addRepeat(ThroughputCell cell, CellResult result) {
		this.repeats.computeIfAbsent(cell, (key) -> new ArrayList<>()).add(result);
	}

	void addPeersInTurns(ThroughputCell cell, List<CellResult> run) {
		this.peersInTurns.computeIfAbsent(cell, (key) -> new ArrayList<>()).add(List.copyOf(run));
	}

	void addGoalInTurns(ThroughputCell cell, List<CellResult> run) {
		this.goalInTurns.computeIfAbsent(cell, (key) -> new ArrayList<>()).add(List.copyOf(run));
	}

	void addLatency(CellResult result) {
		this.latency.add(result);
	}

	void addInTurns(List<CellResult> run) {
		this.inTurns.add(List.copyOf(run));
	}

	void addIdle(IdleResult result) {
		this.idle.add(result);
	}

	void addChurn(CellResult result) {
		this.churn.add(result);
	}

	void addControl(CellResult result) {
		this.controls.add(result);
	}

	void setReconnect(ReconnectResult result) {
		this.reconnect = result;
	}

	/**
	 * Return the throughput results by cell.
	 * @return the results
	 */
	public Map<ThroughputCell, List<CellResult>> throughput() {
		return this.throughput;
	}

	/**
	 * Return every run of a cell: the matrix run and the repeats of headline cells.
	 * @param cell the cell
	 * @return the results
	 */
	public List<CellResult> allRuns(ThroughputCell cell) {
		List<CellResult> runs = new ArrayList<>(this.throughput.getOrDefault(cell, List.of()));
		runs.addAll(this.repeats.getOrDefault(cell, List.of()));
		return runs;
	}

	/**
	 * Return the peers whose matrix run of a cell reached {@link RunPlan#CLOSE_PEER} of
	 * getty-core's (NIO) throughput there, judged on the median of getty-core's runs so far
	 * (the matrix run and any headline repeats), the figure the comparison with a peer uses
	 * where no runs in turns decide it.
	 * @param cell the cell
	 * @return the close peers, in the matrix's order; empty if getty-core has no passed run
	 */
	List<ServerSpec> closePeers(ThroughputCell cell) {
		double getty = Medians.of(allRuns(cell), ServerCatalog.GETTY_NIO).perSecond();
		if (Double.isNaN(getty)) {
			return List.of();
		}
		return this.throughput.getOrDefault(cell, List.of())
			.stream()
			.filter((result) -> result.passed() && ServerCatalog.peers().contains(result.server()))
			.filter((result) -> result.perSecond() >= RunPlan.CLOSE_PEER * getty)
			.map(CellResult::server)
			.toList();
	}

	/**
	 * Return the runs of getty-core (NIO) in turns with its close peers, by cell: each run
	 * the results of the servers that took turns in one window.
	 * @return the runs by cell, in the order they ran
	 */
	public Map<ThroughputCell, List<List<CellResult>>> peersInTurns() {
		return this.peersInTurns;
	}

	/**
	 * Return the runs of the throughput goal's cells in which every getty server, raw
	 * Netty and a second raw Netty (NIO) JVM, the control, took turns, by cell. Each run
	 * lists the results in the order the JVMs started; of the two raw Netty (NIO) results,
	 * the first is the baseline and the second the control.
	 * @return the runs by cell, in the order they ran
	 */
	public Map<ThroughputCell, List<List<CellResult>>> goalInTurns() {
		return this.goalInTurns;
	}

	/**
	 * Return the repeated runs of the headline cells, without the matrix run.
	 * @return the repeats by cell
	 */
	public Map<ThroughputCell, List<CellResult>> repeats() {
		return this.repeats;
	}

	/**
	 * Return the fixed-rate latency results, one per server.
	 * @return the results
	 */
	public List<CellResult> latency() {
		return this.latency;
	}

	/**
	 * Return the fixed-rate runs of getty in turns with raw Netty: each a getty server's
	 * result and then raw Netty's, measured in the same window. The control's runs, raw
	 * Netty in turns with a second JVM of itself, are pairs of raw Netty's results.
	 * @return the runs, in the order they ran
	 */
	public List<List<CellResult>> inTurns() {
		return this.inTurns;
	}

	/**
	 * Return the idle-session results.
	 * @return the results
	 */
	public List<IdleResult> idle() {
		return this.idle;
	}

	/**
	 * Return the connection churn results.
	 * @return the results
	 */
	public List<CellResult> churn() {
		return this.churn;
	}

	/**
	 * Return the raw Netty control runs, at the start and the end.
	 * @return the results
	 */
	public List<CellResult> controls() {
		return this.controls;
	}

	/**
	 * Return the client-pool refill result.
	 * @return the result, or {@code null} if not run
	 */
	public @Nullable ReconnectResult reconnect() {
		return this.reconnect;
	}

	/**
	 * Return every failure, each naming the scenario and the server.
	 * @return the failures
	 */
	public List<String> failures() {
		List<String> failures = new ArrayList<>();
		this.throughput.forEach((cell, results) -> results.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add(cell.title() + " / " + result.server().id() + ": " + result.failure())));
		this.repeats.forEach((cell, results) -> results.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add(cell.title() + " (repeat) / " + result.server().id() + ": "
					+ result.failure())));
		this.peersInTurns.forEach((cell, runs) -> runs
			.forEach((run) -> addFailuresInTurns(failures, cell.title() + " (close peers in turns)", run)));
		this.goalInTurns.forEach((cell, runs) -> runs
			.forEach((run) -> addFailuresInTurns(failures, cell.title() + " (goal in turns)", run)));
		this.latency.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add("fixed rate / " + result.server().id() + ": " + result.failure()));
		this.inTurns.forEach((run) -> addFailuresInTurns(failures, "fixed rate in turns", run));
		this.idle.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add("idle / " + result.server().id() + ": " + result.failure()));
		this.churn.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add("churn / " + result.server().id() + ": " + result.failure()));
		this.controls.stream()
			.filter((result) -> !result.passed())
			.forEach((result) -> failures.add("control / " + result.server().id() + ": " + result.failure()));
		if (this.reconnect != null && this.reconnect.failure() != null) {
			failures.add("client pool refill: " + this.reconnect.failure());
		}
		return failures;
	}

	/**
	 * A run in turns that fails a gate fails each of its servers with the same message:
	 * list each message once, under the first server that has it.
	 */
	private static void addFailuresInTurns(List<String> failures, String what, List<CellResult> run) {
		Set<String> messages = new HashSet<>();
		run.stream()
			.filter((result) -> !result.passed() && messages.add(result.failure()))
			.forEach((result) -> failures.add(what + " / " + result.server().id() + ": " + result.failure()));
	}

}
