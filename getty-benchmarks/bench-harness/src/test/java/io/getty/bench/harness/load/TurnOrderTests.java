package io.getty.bench.harness.load;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order of turns: every round gives each group one turn, and a group's share of any
 * period is the time of its turns in it.
 */
class TurnOrderTests {

	private static final long SLICE = 10;

	@Test
	void everyRoundGivesEachGroupOneTurnInASeededOrder() {
		TurnOrder order = started(3, 7);
		TurnOrder same = started(3, 7);
		for (long round = 0; round < 20; round++) {
			Set<Integer> groups = new HashSet<>();
			for (long turn = 0; turn < 3; turn++) {
				long time = 1_000 + (round * 3 + turn) * SLICE;
				int group = order.groupAt(time);
				groups.add(group);
				assertThat(same.groupAt(time)).isEqualTo(group);
				assertThat(order.turnEnd(time)).isEqualTo(time + SLICE);
			}
			assertThat(groups).containsExactlyInAnyOrder(0, 1, 2);
		}
	}

	@Test
	void aGroupsShareOfAPeriodIsTheTimeOfItsTurnsInItEvenWhenThePeriodCutsTurns() {
		TurnOrder order = started(3, 42);
		// A period that starts and ends inside turns, counted nanosecond by nanosecond.
		long from = 1_000 + 3;
		long to = 1_000 + 47 * SLICE + 6;
		long total = 0;
		for (int group = 0; group < 3; group++) {
			long expected = 0;
			for (long time = from; time < to; time++) {
				if (order.groupAt(time) == group) {
					expected++;
				}
			}
			assertThat(order.activeNanos(group, from, to)).isEqualTo(expected);
			total += expected;
		}
		assertThat(total).isEqualTo(to - from);
	}

	@Test
	void aSingleGroupHasTheLoadAllTheTime() {
		TurnOrder single = TurnOrder.single();
		single.start(1_000);
		assertThat(single.groupAt(5_000_000)).isZero();
		assertThat(single.turnEnd(5_000_000)).isEqualTo(Long.MAX_VALUE);
		assertThat(single.activeNanos(0, 2_000, 9_000)).isEqualTo(7_000);
	}

	private static TurnOrder started(int groups, long seed) {
		TurnOrder order = new TurnOrder(groups, SLICE, seed);
		order.start(1_000);
		return order;
	}

}
