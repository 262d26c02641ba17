package io.getty;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs listener callbacks off the I/O threads while keeping each session's callbacks in
 * order (Getty's task pool loses that order).
 *
 * <p>
 * Each session queues at most {@link #maxPendingPerSession()} callbacks; when it has that
 * many waiting, the endpoint stops reading from that session until the pool has worked
 * the queue down to half. That is backpressure on the one busy peer, never loss.
 *
 * <p>
 * As in Getty, the pool belongs to whoever created it: endpoints never close it. Close
 * it after the endpoints that use it.
 *
 * <pre class="code">
 * TaskPool pool = TaskPool.fixed(8);
 * TcpServer server = TcpServer.builder().taskPool(pool)...build();
 * </pre>
 *
 * @author getty team
 * @since 0.1.0
 */
public final class TaskPool implements AutoCloseable {

	/** Default number of callbacks a session may have waiting before reading pauses. */
	public static final int DEFAULT_MAX_PENDING_PER_SESSION = 1024;

	private final String description;

	private final Executor executor;

	private final @Nullable ExecutorService owned;

	private final int maxPendingPerSession;

	private TaskPool(String description, Executor executor, @Nullable ExecutorService owned,
			int maxPendingPerSession) {
		if (maxPendingPerSession < 2) {
			throw new IllegalArgumentException(
					"maxPendingPerSession must be at least 2, but was " + maxPendingPerSession);
		}
		this.description = description;
		this.executor = executor;
		this.owned = owned;
		this.maxPendingPerSession = maxPendingPerSession;
	}

	/**
	 * Create a pool of a fixed number of daemon threads.
	 * @param threads the number of threads
	 * @return the pool
	 */
	public static TaskPool fixed(int threads) {
		return fixed(threads, DEFAULT_MAX_PENDING_PER_SESSION);
	}

	/**
	 * Create a pool of a fixed number of daemon threads.
	 * @param threads the number of threads
	 * @param maxPendingPerSession callbacks a session may have waiting before reading
	 * from it pauses
	 * @return the pool
	 */
	public static TaskPool fixed(int threads, int maxPendingPerSession) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
		}
		// The queue holds at most one drain task per session, so it is bounded by the
		// number of sessions; per-session limits do the real bounding.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new DefaultThreadFactory("getty-task", true));
		return new TaskPool("fixed(" + threads + ")", executor, executor, maxPendingPerSession);
	}

	/**
	 * Return whether this JVM has virtual threads (Java 21 or later).
	 * @return {@code true} if {@link #virtualThreads()} works
	 */
	public static boolean virtualThreadsAvailable() {
		return virtualThreadFactoryMethod() != null;
	}

	/**
	 * Create a pool that runs each session's callbacks on virtual threads.
	 * @return the pool
	 * @throws UnsupportedOperationException on a JVM older than Java 21
	 */
	public static TaskPool virtualThreads() {
		return virtualThreads(DEFAULT_MAX_PENDING_PER_SESSION);
	}

	/**
	 * Create a pool that runs each session's callbacks on virtual threads.
	 * @param maxPendingPerSession callbacks a session may have waiting before reading
	 * from it pauses
	 * @return the pool
	 * @throws UnsupportedOperationException on a JVM older than Java 21
	 */
	public static TaskPool virtualThreads(int maxPendingPerSession) {
		Method method = virtualThreadFactoryMethod();
		if (method == null) {
			throw new UnsupportedOperationException("Virtual threads need Java 21 or later, but this JVM is Java "
					+ Runtime.version().feature() + "; use TaskPool.fixed(threads) instead");
		}
		try {
			ExecutorService executor = (ExecutorService) method.invoke(null);
			return new TaskPool("virtual-threads", executor, executor, maxPendingPerSession);
		}
		catch (ReflectiveOperationException ex) {
			throw new UnsupportedOperationException("Could not create a virtual-thread executor", ex);
		}
	}

	/**
	 * Wrap an executor the caller manages.
	 * @param executor the executor; it must not run tasks on the calling thread
	 * @param maxPendingPerSession callbacks a session may have waiting before reading
	 * from it pauses
	 * @return the pool
	 */
	public static TaskPool of(Executor executor, int maxPendingPerSession) {
		Objects.requireNonNull(executor, "executor");
		return new TaskPool(executor.toString(), executor, null, maxPendingPerSession);
	}

	private static @Nullable Method virtualThreadFactoryMethod() {
		try {
			return java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	/**
	 * Return the executor that runs the callbacks.
	 * @return the executor
	 */
	public Executor executor() {
		return this.executor;
	}

	/**
	 * Return how many callbacks a session may have waiting before reading from it pauses.
	 * @return the limit
	 */
	public int maxPendingPerSession() {
		return this.maxPendingPerSession;
	}

	/**
	 * Shut down the threads this pool created; an executor passed to
	 * {@link #of(Executor, int)} is left alone. Callbacks already queued still run.
	 */
	@Override
	public void close() {
		if (this.owned != null) {
			this.owned.shutdown();
		}
	}

	@Override
	public String toString() {
		return "TaskPool{" + this.description + ", maxPendingPerSession=" + this.maxPendingPerSession + "}";
	}

}
