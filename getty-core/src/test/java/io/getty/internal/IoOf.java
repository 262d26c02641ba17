package io.getty.internal;

import java.util.function.ToIntFunction;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;

/**
 * An I/O handler with no channels whose I/O is the given step: what the channels of a
 * turn would do, for tests of getty's wrappers of Netty's handlers.
 */
final class IoOf implements IoHandler {

	private final ToIntFunction<IoHandlerContext> io;

	/**
	 * A handler whose every turn runs the step and reports one event handled.
	 * @param io the step
	 */
	IoOf(Runnable io) {
		this((context) -> {
			io.run();
			return 1;
		});
	}

	/**
	 * A handler whose every turn runs the step with the loop's context.
	 * @param io the step, returning how many events it handled
	 */
	IoOf(ToIntFunction<IoHandlerContext> io) {
		this.io = io;
	}

	@Override
	public int run(IoHandlerContext context) {
		return this.io.applyAsInt(context);
	}

	@Override
	public IoRegistration register(IoHandle handle) {
		throw new UnsupportedOperationException("no channels here");
	}

	@Override
	public void wakeup() {
	}

	@Override
	public boolean isCompatible(Class<? extends IoHandle> handleType) {
		return false;
	}

}
