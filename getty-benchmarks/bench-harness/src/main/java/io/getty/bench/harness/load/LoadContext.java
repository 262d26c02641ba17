package io.getty.bench.harness.load;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the connections of one run share: the plan (payload size, depth, messages per
 * connection), the run state, the statistics and the first failure. Confined to the load
 * generator's event loop, except {@link #failure()} and {@link #drained()}, which the
 * orchestrating thread waits on.
 *
 * @author getty team
 * @since 0.1.0
 */
final class LoadContext {

	final int payloadSize;

	final int depth;

	final boolean openLoop;

	final long messagesPerConnection;

	final LoadStats stats = new LoadStats();

	private final CompletableFuture<Void> failure = new CompletableFuture<>();

	private final CompletableFuture<Void> drained = new CompletableFuture<>();

	private final Consumer<EchoConnection> onFinished;

	private boolean sending;

	private boolean stopping;

	private boolean closing;

	LoadContext(int payloadSize, int depth, boolean openLoop, long messagesPerConnection,
			Consumer<EchoConnection> onFinished) {
		this.payloadSize = Frames.checkPayloadSize(payloadSize);
		this.depth = depth;
		this.openLoop = openLoop;
		this.messagesPerConnection = messagesPerConnection;
		this.onFinished = onFinished;
	}

	void startSending() {
		this.sending = true;
	}

	boolean sending() {
		return this.sending;
	}

	/**
	 * Send nothing more; {@link #drained()} completes once every reply arrived.
	 */
	void stopSending() {
		this.sending = false;
		this.stopping = true;
		checkDrained();
	}

	void checkDrained() {
		if (this.stopping && this.stats.outstanding() == 0) {
			this.drained.complete(null);
		}
	}

	/**
	 * Closing connections from now on is the harness's doing, not the server's.
	 */
	void closing() {
		this.closing = true;
	}

	boolean isClosing() {
		return this.closing;
	}

	void finished(EchoConnection connection) {
		this.onFinished.accept(connection);
	}

	void fail(String message) {
		LoadFailure failure = new LoadFailure(message);
		this.failure.completeExceptionally(failure);
		this.drained.completeExceptionally(failure);
	}

	CompletableFuture<Void> failure() {
		return this.failure;
	}

	CompletableFuture<Void> drained() {
		return this.drained;
	}

}
