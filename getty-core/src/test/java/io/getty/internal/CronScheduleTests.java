package io.getty.internal;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NettySession#firstCronDelay(long, long)}: a session's first cron tick
 * waits at least one period and lands on a grid shared by every session, so sessions
 * opened at different moments share event-loop wake-ups.
 */
class CronScheduleTests {

	private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

	@ParameterizedTest(name = "period {0} ms, grid {1} ms")
	@CsvSource({ "1000, 10", "60000, 10", "100, 10", "50, 5", "1, 0.1" })
	void firstTickWaitsAPeriodAndLandsOnTheGrid(long periodMillis, double gridMillis) {
		long period = periodMillis * MS;
		long grid = (long) (gridMillis * MS);
		for (long now : new long[] { 0, 1, 7 * MS + 3, 123_456_789_012L, -5 * MS - 1, Long.MAX_VALUE / 4 }) {
			long delay = NettySession.firstCronDelay(now, period);
			assertThat(delay).as("delay at %d", now).isGreaterThanOrEqualTo(period).isLessThan(period + grid);
			assertThat(Math.floorMod(now + delay, grid)).as("tick at %d", now + delay).isZero();
		}
	}

	@ParameterizedTest(name = "period {0} ns")
	@CsvSource({ "1", "9" })
	void periodsShorterThanTenNanosecondsAreNotRounded(long period) {
		assertThat(NettySession.firstCronDelay(12_345, period)).isEqualTo(period);
	}

}
