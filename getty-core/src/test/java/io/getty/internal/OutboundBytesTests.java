package io.getty.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundBytes}: the max-outbound-bytes limit holds whichever thread
 * writes, and every reservation is given back exactly once.
 */
class OutboundBytesTests {

	private final OutboundBytes outbound = new OutboundBytes(100);

	@Test
	void ioThreadWritesAreCountedAndRefusedPastTheLimit() {
		assertThat(this.outbound.tryReserve(60, true)).isTrue();
		assertThat(this.outbound.tryReserve(40, true)).isTrue();
		assertThat(this.outbound.pending()).isEqualTo(100);
		assertThat(this.outbound.tryReserve(1, true)).isFalse();
		assertThat(this.outbound.pending()).isEqualTo(100);
		this.outbound.release(60);
		assertThat(this.outbound.tryReserve(60, true)).isTrue();
		assertThat(this.outbound.pending()).isEqualTo(100);
	}

	@Test
	void writesFromOtherThreadsCountUntilHandedOverAndAfter() {
		assertThat(this.outbound.tryReserve(70, false)).isTrue();
		// The I/O thread sees what other threads reserved.
		assertThat(this.outbound.tryReserve(31, true)).isFalse();
		assertThat(this.outbound.tryReserve(30, true)).isTrue();
		this.outbound.handOver(70);
		assertThat(this.outbound.pending()).isEqualTo(100);
		// And other threads see what the I/O thread holds.
		assertThat(this.outbound.tryReserve(1, false)).isFalse();
		this.outbound.release(70);
		this.outbound.release(30);
		assertThat(this.outbound.pending()).isZero();
	}

	@Test
	void abandonedReservationsAreGivenBack() {
		assertThat(this.outbound.tryReserve(100, false)).isTrue();
		assertThat(this.outbound.tryReserve(1, false)).isFalse();
		this.outbound.abandon(100);
		assertThat(this.outbound.pending()).isZero();
		assertThat(this.outbound.tryReserve(100, false)).isTrue();
	}

	@Test
	void aRefusedReservationLeavesNothingBehind() {
		assertThat(this.outbound.tryReserve(101, false)).isFalse();
		assertThat(this.outbound.tryReserve(101, true)).isFalse();
		assertThat(this.outbound.pending()).isZero();
		assertThat(this.outbound.limit()).isEqualTo(100);
	}

}
