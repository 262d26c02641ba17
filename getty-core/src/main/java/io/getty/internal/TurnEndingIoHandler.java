package io.getty.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.util.concurrent.ThreadAwareExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Netty's I/O handler of one event loop (NIO or epoll) that ends the loop's
 * {@link EventLoopTurn} as soon as the I/O of the turn is done, rather than from a task
 * queued for it.
 *
 * <p>
 * Why not a task: Netty's event loop takes the timers that are due only as it starts
 * running its tasks, so a timer that falls due while the tasks run, a session's cron tick
 * while the end-of-turn task writes the turn's replies for example, is found by the
 * loop's next check for work ({@code IoHandlerContext.canBlock()}) instead. That branch
 * is rare, and the JIT compiler leaves it out of the compiled event loop until the first
 * time it is taken, then compiles the loop again on the I/O thread: in the fixed-rate
 * benchmark, on the cron's beat, one to four times in the first minute of most getty
 * JVMs (docs/benchmarks.md, point 29). A hand-written Netty handler writes from within
 * the I/O, where a timer falling due is taken by the tasks that follow; run here, the
 * turn's held flushes do the same.
 *
 * <p>
 * A flush asked for outside the I/O, from a task or by a flush itself, still runs from a
 * task (see {@link EventLoopTurn}).
 *
 * @author getty team
 * @since 0.1.0
 */
public final class TurnEndingIoHandler extends ForwardingIoHandler {

	private final @Nullable EventLoop eventLoop;

	/** Taken on the event loop's thread, the only one that runs this handler. */
	private @Nullable EventLoopTurn turn;

	private TurnEndingIoHandler(IoHandler delegate, @Nullable EventLoop eventLoop) {
		super(delegate);
		this.eventLoop = eventLoop;
	}

	/**
	 * Wrap the handlers a factory makes.
	 * @param factory Netty's factory, for example {@code NioIoHandler.newFactory()}
	 * @return a factory of handlers that end each turn as its I/O is done
	 */
	public static IoHandlerFactory wrap(IoHandlerFactory factory) {
		// Not isChangingThreadSupported: a turn is confined to the thread of its event loop.
		return (executor) -> new TurnEndingIoHandler(factory.newHandler(executor), eventLoopOf(executor));
	}

	static TurnEndingIoHandler wrap(IoHandler delegate, EventLoop eventLoop) {
		return new TurnEndingIoHandler(delegate, eventLoop);
	}

	private static @Nullable EventLoop eventLoopOf(ThreadAwareExecutor executor) {
		// Netty's I/O event loops are both; anything else gets no turn, and its flushes
		// run from tasks as on any event loop.
		return (executor instanceof EventLoop loop) ? loop : null;
	}

	@Override
	public int run(IoHandlerContext context) {
		EventLoopTurn current = turn();
		if (current == null) {
			return this.delegate.run(context);
		}
		current.ioStarted();
		try {
			return this.delegate.run(context);
		}
		finally {
			current.ioDone();
		}
	}

	private @Nullable EventLoopTurn turn() {
		EventLoopTurn current = this.turn;
		if (current == null && this.eventLoop != null) {
			current = EventLoopTurn.of(this.eventLoop);
			this.turn = current;
		}
		return current;
	}

}
