package io.getty.bench.harness.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which group of connections (one group per server) has the load at a given time when
 * the groups take turns: time is cut into slices from the start, every round of slices
 * visits each group once, and the order within a round is drawn from a seeded random
 * generator, so that no group always follows another and a periodic stall of the
 * machine does not keep landing on the same group. A single group has every slice.
 *
 * <p>
 * Confined to the load generator's event loop. The rounds drawn so far are kept, so that
 * the share of a measurement window each group had can be computed after the fact.
 *
 * @author getty team
 * @since 0.1.0
 */
final class TurnOrder {

	private final int groups;

	private final long sliceNanos;

	private final Random random;

	/** The order of groups in each round drawn so far. */
	private final List<int[]> rounds = new ArrayList<>();

	private long start;

	/**
	 * Create the order of turns.
	 * @param groups how many groups take turns
	 * @param sliceNanos how long each turn lasts
	 * @param seed the seed of the order within each round
	 */
	TurnOrder(int groups, long sliceNanos, long seed) {
		if (groups < 1 || sliceNanos < 1) {
			throw new IllegalArgumentException("Turns need at least one group and a positive slice, not " + groups
					+ " groups of " + sliceNanos + " ns");
		}
		this.groups = groups;
		this.sliceNanos = sliceNanos;
		this.random = new Random(seed);
	}

	/**
	 * Return the order of a single group, which has the load all the time.
	 * @return the order
	 */
	static TurnOrder single() {
		return new TurnOrder(1, Long.MAX_VALUE, 0);
	}

	/**
	 * Start the first slice now.
	 * @param now the start, in {@link System#nanoTime()} terms
	 */
	void start(long now) {
		this.start = now;
	}

	/**
	 * Return the group whose turn holds the given time.
	 * @param time a time at or after the start
	 * @return the group's index
	 */
	int groupAt(long time) {
		if (this.groups == 1) {
			return 0;
		}
		long slice = slice(time);
		return round(slice / this.groups)[(int) (slice % this.groups)];
	}

	/**
	 * Return when the turn that holds the given time ends.
	 * @param time a time at or after the start
	 * @return the end of its slice
	 */
	long turnEnd(long time) {
		return (this.groups == 1) ? Long.MAX_VALUE : this.start + (slice(time) + 1) * this.sliceNanos;
	}

	/**
	 * Return how long a group had the load between two times.
	 * @param group the group's index
	 * @param from the start of the period, at or after the start of the turns
	 * @param to the end of the period
	 * @return the group's share of the period in nanoseconds
	 */
	long activeNanos(int group, long from, long to) {
		if (this.groups == 1) {
			return to - from;
		}
		long active = 0;
		long time = from;
		while (time < to) {
			long end = Math.min(turnEnd(time), to);
			if (groupAt(time) == group) {
				active += end - time;
			}
			time = end;
		}
		return active;
	}

	private long slice(long time) {
		return Math.max(0, time - this.start) / this.sliceNanos;
	}

	private int[] round(long index) {
		while (this.rounds.size() <= index) {
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < this.groups; i++) {
				order.add(i);
			}
			Collections.shuffle(order, this.random);
			this.rounds.add(order.stream().mapToInt(Integer::intValue).toArray());
		}
		return this.rounds.get((int) index);
	}

}
