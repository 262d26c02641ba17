package io.getty.bench.harness.load;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Gives a closed-loop load to one group of connections (one group per server) at a time,
 * in the turns of a {@link TurnOrder}: when a group's turn starts, each of its
 * connections puts {@code depth} messages in flight and keeps them there; when it ends,
 * they stop sending and the replies in flight arrive during the next turn, as the next
 * group's first messages do. Both ends of a turn cost every group alike.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ClosedLoopTurns implements Runnable {

	private final EventLoop loop;

	private final List<List<EchoConnection>> groups;

	private final LoadContext context;

	private final TurnOrder order;

	private int active = -1;

	ClosedLoopTurns(EventLoop loop, List<List<EchoConnection>> groups, LoadContext context, TurnOrder order) {
		this.loop = loop;
		this.groups = groups;
		this.context = context;
		this.order = order;
	}

	/** Start the first turn; runs on the load generator's event loop. */
	void start() {
		this.groups.forEach((connections) -> connections.forEach(EchoConnection::pause));
		this.order.start(System.nanoTime());
		run();
	}

	@Override
	public void run() {
		if (!this.context.sending()) {
			return;
		}
		long now = System.nanoTime();
		int group = this.order.groupAt(now);
		if (group != this.active) {
			if (this.active >= 0) {
				this.groups.get(this.active).forEach(EchoConnection::pause);
			}
			this.groups.get(group).forEach(EchoConnection::resume);
			this.active = group;
		}
		long end = this.order.turnEnd(now);
		if (end != Long.MAX_VALUE) {
			// A single group keeps the load for good: nothing to schedule.
			this.loop.schedule(this, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
	}

}
