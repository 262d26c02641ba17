package io.getty.internal;

import java.util.concurrent.CancellationException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;

/**
 * The channel promise of one write, which reports Netty's outcome to its
 * {@link WriteOperation} itself instead of through a listener. Adding and notifying a
 * listener takes the promise's monitor three times and a thread-local lookup per write;
 * profiling the echo benchmark showed that path at about a quarter of the server's Java
 * time (docs/benchmarks.md). Every way Netty completes a promise ends in one of the
 * methods overridden here, and each still completes the promise itself, so Netty sees an
 * ordinary promise.
 */
final class WritePromise extends DefaultChannelPromise {

	private final WriteOperation operation;

	WritePromise(Channel channel, WriteOperation operation) {
		super(channel);
		this.operation = operation;
	}

	@Override
	public boolean trySuccess(Void result) {
		if (super.trySuccess(result)) {
			this.operation.succeeded();
			return true;
		}
		return false;
	}

	@Override
	public ChannelPromise setSuccess(Void result) {
		super.setSuccess(result);
		this.operation.succeeded();
		return this;
	}

	@Override
	public boolean tryFailure(Throwable cause) {
		if (super.tryFailure(cause)) {
			this.operation.failed(cause);
			return true;
		}
		return false;
	}

	@Override
	public ChannelPromise setFailure(Throwable cause) {
		super.setFailure(cause);
		this.operation.failed(cause);
		return this;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		if (super.cancel(mayInterruptIfRunning)) {
			this.operation.failed(new CancellationException("the write was cancelled before it reached the network"));
			return true;
		}
		return false;
	}

}
