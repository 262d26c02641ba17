package io.getty.internal;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;

/**
 * An I/O handler that passes everything to the one it wraps; getty's wrappers of Netty's
 * NIO and epoll handlers override what they change, usually {@link #run}.
 *
 * @author getty team
 * @since 0.1.0
 */
abstract class ForwardingIoHandler implements IoHandler {

	/** The wrapped handler. */
	protected final IoHandler delegate;

	/**
	 * Wrap a handler.
	 * @param delegate the handler to pass everything to
	 */
	protected ForwardingIoHandler(IoHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public void initialize() {
		this.delegate.initialize();
	}

	@Override
	public int run(IoHandlerContext context) {
		return this.delegate.run(context);
	}

	@Override
	public void prepareToDestroy() {
		this.delegate.prepareToDestroy();
	}

	@Override
	public void destroy() {
		this.delegate.destroy();
	}

	@Override
	public IoRegistration register(IoHandle handle) throws Exception {
		return this.delegate.register(handle);
	}

	@Override
	public void wakeup() {
		this.delegate.wakeup();
	}

	@Override
	public boolean isCompatible(Class<? extends IoHandle> handleType) {
		return this.delegate.isCompatible(handleType);
	}

}
