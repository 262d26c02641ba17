package io.getty.bench.harness.scenario;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.getty.EventListener;
import io.getty.Session;

/**
 * The listener of the client pool under test: counts open sessions and, once armed,
 * sends a probe on the first session that opens and records when its echo came back
 * intact.
 *
 * @author getty team
 * @since 0.1.0
 */
final class PoolProbe implements EventListener<byte[]> {

	private static final byte[] PROBE = "getty pool refill probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicLong firstEchoNanos = new AtomicLong();

	private final AtomicReference<String> failure = new AtomicReference<>();

	private volatile boolean armed;

	void arm() {
		this.firstEchoNanos.set(0);
		this.armed = true;
	}

	int openSessions() {
		return this.open.get();
	}

	long firstEchoNanos() {
		return this.firstEchoNanos.get();
	}

	String failure() {
		return this.failure.get();
	}

	@Override
	public void onOpen(Session session) {
		this.open.incrementAndGet();
		if (this.armed) {
			this.armed = false;
			session.writePkg(PROBE.clone());
		}
	}

	@Override
	public void onMessage(Session session, byte[] pkg) {
		if (!Arrays.equals(pkg, PROBE)) {
			this.failure.compareAndSet(null, "the probe came back as " + pkg.length + " different bytes");
			return;
		}
		this.firstEchoNanos.compareAndSet(0, System.nanoTime());
	}

	@Override
	public void onClose(Session session) {
		this.open.decrementAndGet();
	}

}
