package io.getty.bench.harness.load;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * Sends at a fixed total rate, round robin over the connections, each message stamped
 * with its intended send time: when the loop wakes late, the messages that were due are
 * sent at once and their latency includes the delay, so a server that stalls the client
 * cannot hide it (no coordinated omission).
 *
 * <p>
 * With several groups of connections (one group per server), the whole rate goes to one
 * group at a time, in the turns of a {@link TurnOrder}: a message goes to the group whose
 * turn holds its intended send time.
 *
 * @author getty team
 * @since 0.1.0
 */
final class Pacer implements Runnable {

	/** A server that falls this far behind can not sustain the rate; the run fails. */
	private static final long MAX_OUTSTANDING = 200_000;

	/** Bounds one wake-up's work, so the loop still reads replies when far behind. */
	private static final int MAX_BURST = 512;

	private final EventLoop loop;

	private final List<List<EchoConnection>> groups;

	private final LoadContext context;

	private final long intervalNanos;

	private final TurnOrder order;

	private final int[] turns;

	/** Messages sent to each group in the current wake-up, and the connection it started at. */
	private final int[] sent;

	private final int[] firstTurns;

	private long next;

	/**
	 * Pace one group of connections.
	 */
	Pacer(EventLoop loop, List<EchoConnection> connections, LoadContext context, int ratePerSecond) {
		this(loop, List.of(connections), context, ratePerSecond, TurnOrder.single());
	}

	/**
	 * Pace several groups, one turn at a time.
	 * @param order the order of turns, started here
	 */
	Pacer(EventLoop loop, List<List<EchoConnection>> groups, LoadContext context, int ratePerSecond,
			TurnOrder order) {
		this.loop = loop;
		this.groups = groups;
		this.context = context;
		this.intervalNanos = Math.max(1, TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
		this.order = order;
		this.turns = new int[groups.size()];
		this.sent = new int[groups.size()];
		this.firstTurns = new int[groups.size()];
	}

	void start() {
		this.next = System.nanoTime();
		this.order.start(this.next);
		this.loop.execute(this);
	}

	@Override
	public void run() {
		if (!this.context.sending()) {
			return;
		}
		long now = System.nanoTime();
		int burst = 0;
		while (this.next <= now && burst < MAX_BURST) {
			int group = this.order.groupAt(this.next);
			List<EchoConnection> connections = this.groups.get(group);
			int turn = this.turns[group];
			if (this.sent[group]++ == 0) {
				this.firstTurns[group] = turn;
			}
			connections.get(turn).send(this.next);
			this.turns[group] = (turn + 1 == connections.size()) ? 0 : turn + 1;
			this.next += this.intervalNanos;
			burst++;
		}
		for (int group = 0; group < this.groups.size(); group++) {
			if (this.sent[group] > 0) {
				List<EchoConnection> connections = this.groups.get(group);
				for (int i = 0; i < Math.min(this.sent[group], connections.size()); i++) {
					connections.get((this.firstTurns[group] + i) % connections.size()).flushIfNeeded();
				}
				this.sent[group] = 0;
			}
		}
		if (this.context.stats.outstanding() > MAX_OUTSTANDING) {
			this.context.fail("the server fell " + this.context.stats.outstanding()
					+ " replies behind the fixed rate; it can not sustain it");
			return;
		}
		long delay = this.next - System.nanoTime();
		if (delay <= 0) {
			this.loop.execute(this);
		}
		else {
			this.loop.schedule(this, delay, TimeUnit.NANOSECONDS);
		}
	}

}
