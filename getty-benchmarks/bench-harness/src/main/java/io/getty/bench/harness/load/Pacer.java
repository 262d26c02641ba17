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
 * @author getty team
 * @since 0.1.0
 */
final class Pacer implements Runnable {

	/** A server that falls this far behind can not sustain the rate; the run fails. */
	private static final long MAX_OUTSTANDING = 200_000;

	/** Bounds one wake-up's work, so the loop still reads replies when far behind. */
	private static final int MAX_BURST = 512;

	private final EventLoop loop;

	private final List<EchoConnection> connections;

	private final LoadContext context;

	private final long intervalNanos;

	private long next;

	private int turn;

	Pacer(EventLoop loop, List<EchoConnection> connections, LoadContext context, int ratePerSecond) {
		this.loop = loop;
		this.connections = connections;
		this.context = context;
		this.intervalNanos = Math.max(1, TimeUnit.SECONDS.toNanos(1) / ratePerSecond);
	}

	void start() {
		this.next = System.nanoTime();
		this.loop.execute(this);
	}

	@Override
	public void run() {
		if (!this.context.sending()) {
			return;
		}
		long now = System.nanoTime();
		int size = this.connections.size();
		int first = this.turn;
		int burst = 0;
		while (this.next <= now && burst < MAX_BURST) {
			this.connections.get(this.turn).send(this.next);
			this.turn = (this.turn + 1 == size) ? 0 : this.turn + 1;
			this.next += this.intervalNanos;
			burst++;
		}
		for (int i = 0; i < Math.min(burst, size); i++) {
			this.connections.get((first + i) % size).flushIfNeeded();
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
