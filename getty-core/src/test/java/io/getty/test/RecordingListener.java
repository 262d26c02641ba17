package io.getty.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.getty.EventListener;
import io.getty.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records every event in order, checks that one session's callbacks never overlap, and
 * optionally echoes messages back.
 *
 * @param <T> the package type
 */
public class RecordingListener<T> implements EventListener<T> {

	/** Events in arrival order, as {@code "open:<id>"}, {@code "message:<id>"} and so on. */
	public final List<String> events = new CopyOnWriteArrayList<>();

	public final BlockingQueue<T> messages = new LinkedBlockingQueue<>();

	public final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();

	public final BlockingQueue<Session> closed = new LinkedBlockingQueue<>();

	public final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

	public final List<String> callbackThreads = new CopyOnWriteArrayList<>();

	public final AtomicInteger crons = new AtomicInteger();

	private final java.util.Map<Long, AtomicInteger> inCallback = new java.util.concurrent.ConcurrentHashMap<>();

	private final AtomicInteger overlaps = new AtomicInteger();

	private final boolean echo;

	public RecordingListener(boolean echo) {
		this.echo = echo;
	}

	public static <T> RecordingListener<T> echo() {
		return new RecordingListener<>(true);
	}

	public static <T> RecordingListener<T> recording() {
		return new RecordingListener<>(false);
	}

	private void enter(String event, Session session) {
		if (this.inCallback.computeIfAbsent(session.id(), (id) -> new AtomicInteger()).incrementAndGet() > 1) {
			this.overlaps.incrementAndGet();
		}
		this.events.add(event + ":" + session.id());
		this.callbackThreads.add(Thread.currentThread().getName());
	}

	private void exit(Session session) {
		this.inCallback.get(session.id()).decrementAndGet();
	}

	@Override
	public void onOpen(Session session) throws Exception {
		enter("open", session);
		try {
			this.opened.add(session);
			opening(session);
		}
		finally {
			exit(session);
		}
	}

	/**
	 * Hook for tests: runs inside onOpen.
	 * @param session the session
	 * @throws Exception to reject
	 */
	protected void opening(Session session) throws Exception {
	}

	@Override
	public void onMessage(Session session, T pkg) throws Exception {
		enter("message", session);
		try {
			this.messages.add(pkg);
			if (this.echo) {
				session.writePkg(pkg);
			}
			handle(session, pkg);
		}
		finally {
			exit(session);
		}
	}

	/**
	 * Hook for tests: runs inside onMessage.
	 * @param session the session
	 * @param pkg the package
	 * @throws Exception to fail the session
	 */
	protected void handle(Session session, T pkg) throws Exception {
	}

	@Override
	public void onCron(Session session) {
		enter("cron", session);
		this.crons.incrementAndGet();
		exit(session);
	}

	@Override
	public void onError(Session session, Throwable cause) {
		enter("error", session);
		this.errors.add(cause);
		exit(session);
	}

	@Override
	public void onClose(Session session) {
		enter("close", session);
		this.closed.add(session);
		exit(session);
	}

	public Session awaitOpen() throws InterruptedException {
		Session session = this.opened.poll(10, TimeUnit.SECONDS);
		assertThat(session).as("a session opened within 10 s").isNotNull();
		return session;
	}

	public Session awaitClose() throws InterruptedException {
		Session session = this.closed.poll(10, TimeUnit.SECONDS);
		assertThat(session).as("a session closed within 10 s").isNotNull();
		return session;
	}

	public Throwable awaitError() throws InterruptedException {
		Throwable error = this.errors.poll(10, TimeUnit.SECONDS);
		assertThat(error).as("an error within 10 s").isNotNull();
		return error;
	}

	public T awaitMessage() throws InterruptedException {
		return awaitMessage(Duration.ofSeconds(10));
	}

	public T awaitMessage(Duration timeout) throws InterruptedException {
		T message = this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message within %s", timeout).isNotNull();
		return message;
	}

	public List<String> eventsOf(Session session) {
		String suffix = ":" + session.id();
		return this.events.stream().filter((event) -> event.endsWith(suffix)).map((event) -> event.substring(0, event.indexOf(':'))).toList();
	}

	/**
	 * Return how often a callback started while another callback of the same session
	 * was still running.
	 * @return the count
	 */
	public int overlaps() {
		return this.overlaps.get();
	}

}
