package io.getty.boot.context;

import io.getty.EndPoint;
import io.getty.EventListener;
import io.getty.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Wraps an application's listener to make each callback's session current (for the
 * session scope), publish the opened and closed events, and time {@code onMessage} (every
 * call, or the sample its recorder asks for).
 *
 * @param <T> the package type
 * @author getty team
 * @since 0.1.0
 */
public final class ObservingListener<T> implements EventListener<T> {

	private static final Log logger = LogFactory.getLog(ObservingListener.class);

	private static final Object CLOSE_EVENT_KEY = new Object();

	private final EventListener<T> delegate;

	private final ApplicationEventPublisher publisher;

	private final @Nullable MessageHandlingRecorder recorder;

	/** The recorder of the endpoint last seen; an endpoint's listener sees only that one. */
	private volatile @Nullable Bound bound;

	/**
	 * Wrap a listener.
	 * @param delegate the application's listener
	 * @param publisher where events go
	 * @param recorder where handling times go, or {@code null}
	 */
	public ObservingListener(EventListener<T> delegate, ApplicationEventPublisher publisher,
			@Nullable MessageHandlingRecorder recorder) {
		this.delegate = delegate;
		this.publisher = publisher;
		this.recorder = recorder;
	}

	/**
	 * Return the application's listener.
	 * @return the listener
	 */
	public EventListener<T> getDelegate() {
		return this.delegate;
	}

	@Override
	public void onOpen(Session session) throws Exception {
		Session previous = GettySessions.enter(session);
		try {
			// Registered before onOpen can create session-scoped beans, so the closed
			// event goes out before their destruction callbacks. A session that onOpen
			// rejects gets the closed event only.
			session.addCloseCallback(this, CLOSE_EVENT_KEY, () -> publishClosed(session));
			this.delegate.onOpen(session);
			this.publisher.publishEvent(new GettySessionOpenedEvent(session));
		}
		finally {
			GettySessions.restore(previous);
		}
	}

	private void publishClosed(Session session) {
		try {
			this.publisher.publishEvent(new GettySessionClosedEvent(session, session.stats(), session.closeReason()));
		}
		catch (RuntimeException ex) {
			logger.error("Publishing the closed event of " + session + " failed", ex);
		}
	}

	@Override
	public void onMessage(Session session, T pkg) throws Exception {
		Session previous = GettySessions.enter(session);
		MessageHandlingRecorder.EndpointRecorder timer = (this.recorder != null) ? recorderOf(session) : null;
		if (timer == MessageHandlingRecorder.EndpointRecorder.NONE
				|| (timer != null && !HandlingSamples.timeNext(timer.sampleInterval()))) {
			timer = null;
		}
		long start = (timer != null) ? System.nanoTime() : 0;
		boolean failed = true;
		try {
			this.delegate.onMessage(session, pkg);
			failed = false;
		}
		finally {
			if (timer != null) {
				timer.record(System.nanoTime() - start, failed);
			}
			GettySessions.restore(previous);
		}
	}

	private MessageHandlingRecorder.EndpointRecorder recorderOf(Session session) {
		EndPoint endpoint = session.endPoint();
		Bound current = this.bound;
		if (current == null || current.endpoint() != endpoint) {
			// The first message, or an endpoint created again after a restart.
			current = new Bound(endpoint, this.recorder.forEndpoint(endpoint));
			this.bound = current;
		}
		return current.recorder();
	}

	@Override
	public void onCron(Session session) throws Exception {
		Session previous = GettySessions.enter(session);
		try {
			this.delegate.onCron(session);
		}
		finally {
			GettySessions.restore(previous);
		}
	}

	@Override
	public void onError(Session session, Throwable cause) {
		Session previous = GettySessions.enter(session);
		try {
			this.delegate.onError(session, cause);
		}
		finally {
			GettySessions.restore(previous);
		}
	}

	@Override
	public void onClose(Session session) {
		Session previous = GettySessions.enter(session);
		try {
			this.delegate.onClose(session);
		}
		finally {
			GettySessions.restoreAfterLast(previous);
		}
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

	private record Bound(EndPoint endpoint, MessageHandlingRecorder.EndpointRecorder recorder) {

	}

}
