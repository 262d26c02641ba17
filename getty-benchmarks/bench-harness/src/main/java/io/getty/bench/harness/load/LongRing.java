package io.getty.bench.harness.load;

import java.util.NoSuchElementException;

/**
 * A first-in first-out queue of {@code long}s that grows as needed: the send stamps of
 * one connection's messages in flight, without boxing.
 *
 * @author getty team
 * @since 0.1.0
 */
final class LongRing {

	private long[] values;

	private int head;

	private int size;

	LongRing(int initialCapacity) {
		this.values = new long[Math.max(2, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1)];
	}

	void add(long value) {
		if (this.size == this.values.length) {
			grow();
		}
		this.values[(this.head + this.size) & (this.values.length - 1)] = value;
		this.size++;
	}

	long poll() {
		if (this.size == 0) {
			throw new NoSuchElementException("nothing in flight");
		}
		long value = this.values[this.head];
		this.head = (this.head + 1) & (this.values.length - 1);
		this.size--;
		return value;
	}

	int size() {
		return this.size;
	}

	private void grow() {
		long[] grown = new long[this.values.length * 2];
		for (int i = 0; i < this.size; i++) {
			grown[i] = this.values[(this.head + i) & (this.values.length - 1)];
		}
		this.values = grown;
		this.head = 0;
	}

}
