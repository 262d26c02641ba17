package io.getty.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import org.jspecify.annotations.Nullable;

/**
 * The channel promise of one write, which tells its {@link WriteOutcome} directly when
 * Netty completes it.
 *
 * <p>
 * Netty's {@link DefaultChannelPromise} makes a write pay for uses a session's writes
 * never have: it is made uncancellable with a compare-and-set, completed with another,
 * takes its monitor to wake waiters, and registering and notifying a listener takes the
 * monitor again and a thread-local lookup. In the echo benchmark's profile that was about
 * a quarter of the server's Java time (docs/benchmarks.md). Nobody but Netty sees this
 * promise, and Netty completes it on the channel's I/O thread, so its state is one field
 * written there. It cannot be cancelled. Should a handler add a listener (TLS and
 * WebSocket encoders may), the promise also completes through Netty's implementation,
 * which notifies it.
 */
final class WritePromise extends DefaultChannelPromise {

	private static final Object SUCCESS = new Object();

	private static final VarHandle RESULT;

	static {
		try {
			RESULT = MethodHandles.lookup().findVarHandle(WritePromise.class, "result", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final WriteOutcome outcome;

	/** {@code null} while pending, then {@link #SUCCESS} or the cause of the failure. */
	private @Nullable Object result;

	/** Whether a listener was added: Netty's implementation must then notify it. */
	private boolean listened;

	WritePromise(Channel channel, WriteOutcome outcome) {
		super(channel);
		this.outcome = outcome;
	}

	@Override
	public boolean trySuccess(Void ignored) {
		return complete(SUCCESS);
	}

	@Override
	public ChannelPromise setSuccess(Void ignored) {
		if (!complete(SUCCESS)) {
			throw new IllegalStateException("complete already: " + this);
		}
		return this;
	}

	@Override
	public boolean tryFailure(Throwable cause) {
		return complete(cause);
	}

	@Override
	public ChannelPromise setFailure(Throwable cause) {
		if (!complete(cause)) {
			throw new IllegalStateException("complete already: " + this, cause);
		}
		return this;
	}

	private boolean complete(Object outcome) {
		if (this.result != null) {
			return false;
		}
		RESULT.setRelease(this, outcome);
		if (outcome == SUCCESS) {
			this.outcome.succeeded();
			if (this.listened) {
				super.trySuccess(null);
			}
		}
		else {
			Throwable cause = (Throwable) outcome;
			this.outcome.failed(cause);
			if (this.listened) {
				super.tryFailure(cause);
			}
		}
		return true;
	}

	@Override
	public ChannelPromise addListener(GenericFutureListener<? extends Future<? super Void>> listener) {
		this.listened = true;
		return super.addListener(listener);
	}

	@Override
	@SafeVarargs
	@SuppressWarnings("varargs")
	public final ChannelPromise addListeners(GenericFutureListener<? extends Future<? super Void>>... listeners) {
		this.listened = true;
		return super.addListeners(listeners);
	}

	@Override
	public boolean setUncancellable() {
		return true;
	}

	@Override
	public boolean isCancellable() {
		return false;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		return false;
	}

	@Override
	public boolean isCancelled() {
		return false;
	}

	@Override
	public boolean isDone() {
		return RESULT.getAcquire(this) != null;
	}

	@Override
	public boolean isSuccess() {
		return RESULT.getAcquire(this) == SUCCESS;
	}

	@Override
	public @Nullable Throwable cause() {
		return (RESULT.getAcquire(this) instanceof Throwable cause) ? cause : null;
	}

	@Override
	public @Nullable Void getNow() {
		return null;
	}

}
