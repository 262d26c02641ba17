package io.getty.internal;

import io.netty.channel.IoHandlerContext;

/**
 * A context that nothing asks: it stands in where an I/O handler's context is not known
 * yet, before the event loop's first turn hands over its own.
 *
 * @author getty team
 * @since 0.1.0
 */
enum NoIoHandlerContext implements IoHandlerContext {

	/** The one instance. */
	INSTANCE;

	@Override
	public boolean canBlock() {
		return false;
	}

	@Override
	public long delayNanos(long currentTimeNanos) {
		return 0;
	}

	@Override
	public long deadlineNanos() {
		return -1;
	}

}
