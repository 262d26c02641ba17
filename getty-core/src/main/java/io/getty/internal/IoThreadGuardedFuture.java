package io.getty.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.getty.BlockingWaitException;
import io.netty.util.concurrent.EventExecutor;

/**
 * A future that refuses to be waited on from the I/O thread that has to complete it,
 * which would otherwise deadlock. Futures derived from it ({@code thenApply} and so on)
 * carry the same guard.
 *
 * @param <T> the result type
 */
public class IoThreadGuardedFuture<T> extends CompletableFuture<T> {

	private final EventExecutor ioThread;

	IoThreadGuardedFuture(EventExecutor ioThread) {
		this.ioThread = ioThread;
	}

	private void checkNotIoThread() {
		if (!isDone() && this.ioThread.inEventLoop()) {
			throw new BlockingWaitException("Waiting for a session's write or close on that session's own I/O thread ("
					+ Thread.currentThread().getName() + ") would deadlock: chain on the future with thenAccept/"
					+ "whenComplete instead, or run the listener on a TaskPool");
		}
	}

	@Override
	public T get() throws InterruptedException, ExecutionException {
		checkNotIoThread();
		return super.get();
	}

	@Override
	public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
		checkNotIoThread();
		return super.get(timeout, unit);
	}

	@Override
	public T join() {
		checkNotIoThread();
		return super.join();
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		return new IoThreadGuardedFuture<>(this.ioThread);
	}

}
