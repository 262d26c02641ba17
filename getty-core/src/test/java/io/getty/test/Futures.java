package io.getty.test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for futures in tests.
 */
public final class Futures {

	private Futures() {
	}

	/**
	 * Return why a future failed, waiting at most {@code timeout}.
	 * @param future the future
	 * @param timeout how long to wait
	 * @return the cause it failed with, {@code null} if it succeeded, or the waiting's own
	 * exception (a {@link java.util.concurrent.TimeoutException} if it did not complete)
	 */
	public static Throwable failureOf(CompletableFuture<?> future, Duration timeout) {
		try {
			future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			return ex;
		}
	}

}
