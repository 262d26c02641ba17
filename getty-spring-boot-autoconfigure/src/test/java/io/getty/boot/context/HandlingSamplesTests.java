package io.getty.boot.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlingSamples}.
 */
class HandlingSamplesTests {

	@Test
	void anIntervalOfOneTimesEveryMessage() {
		for (int i = 0; i < 1_000; i++) {
			assertThat(HandlingSamples.timeNext(1)).isTrue();
		}
	}

	@Test
	void timesOneMessageInTheIntervalOnAverageWithGapsUpToTwiceIt() throws Exception {
		List<Integer> gaps = onFreshThread(() -> {
			List<Integer> found = new ArrayList<>();
			// The first message on a thread is timed.
			assertThat(HandlingSamples.timeNext(16)).isTrue();
			int gap = 0;
			for (int i = 0; i < 160_000; i++) {
				gap++;
				if (HandlingSamples.timeNext(16)) {
					found.add(gap);
					gap = 0;
				}
			}
			return found;
		});
		// 10,000 expected; the bounds are over 20 standard deviations wide.
		assertThat(gaps).hasSizeBetween(9_000, 11_000);
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isBetween(1, 31));
		// Random gaps: many different ones, not a fixed period.
		assertThat(gaps.stream().distinct().count()).isEqualTo(31);
	}

	@Test
	void theLargestIntervalStillWorks() throws Exception {
		assertThat(onFreshThread(() -> List.of(HandlingSamples.timeNext(Integer.MAX_VALUE),
				HandlingSamples.timeNext(Integer.MAX_VALUE), HandlingSamples.timeNext(Integer.MAX_VALUE))))
			.containsExactly(true, false, false);
	}

	@Test
	void eachThreadCountsOnItsOwn() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(onFreshThread(() -> HandlingSamples.timeNext(1_000))).isTrue();
		}
	}

	private static <T> T onFreshThread(java.util.concurrent.Callable<T> task) throws Exception {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new FastThreadLocalThread(() -> {
			try {
				result.complete(task.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		thread.start();
		thread.join();
		return result.get();
	}

}
