package io.getty.bench.harness.scenario;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How quickly a getty client pool refilled after its server restarted.
 *
 * @param poolSize the client's {@code connectionNumber}
 * @param downtime how long the server stayed down
 * @param reconnectInterval the client's {@code reconnectInterval}
 * @param cycles one entry per restart
 * @param reconnects reconnects the client counted in total
 * @param failure why the run failed, {@code null} on success
 * @author getty team
 * @since 0.1.0
 */
public record ReconnectResult(int poolSize, Duration downtime, Duration reconnectInterval, List<Cycle> cycles,
		long reconnects, @Nullable String failure) {

	/**
	 * One restart.
	 *
	 * @param serverStartMillis from killing the server to the new one listening
	 * @param firstEchoMillis from the new server listening to the first verified echo
	 * @param fullPoolMillis from the new server listening to every pooled session open
	 * again
	 */
	public record Cycle(double serverStartMillis, double firstEchoMillis, double fullPoolMillis) {

		/**
		 * Return the time from the kill to a full pool.
		 * @return milliseconds
		 */
		public double outageMillis() {
			return this.serverStartMillis + this.fullPoolMillis;
		}

	}

}
