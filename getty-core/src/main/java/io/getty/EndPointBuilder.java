package io.getty;

import java.util.Objects;
import java.util.function.UnaryOperator;

import io.getty.codec.ReadWriter;
import org.jspecify.annotations.Nullable;

/**
 * The settings every endpoint builder shares: name, session options, initializer,
 * listener, codec, task pool and event loops.
 *
 * <p>
 * The listener and codec given here apply to every session; a {@link SessionInitializer}
 * may replace them per session. A session that ends up without either is refused with an
 * error that names the endpoint.
 *
 * @param <B> the concrete builder type
 * @author getty team
 * @since 0.1.0
 */
public abstract class EndPointBuilder<B extends EndPointBuilder<B>> {

	private @Nullable String name;

	private SessionOptions sessionOptions = SessionOptions.defaults();

	private @Nullable SessionInitializer initializer;

	private @Nullable EventListener<?> listener;

	private @Nullable ReadWriter<?> codec;

	private @Nullable TaskPool taskPool;

	private @Nullable EventLoops eventLoops;

	/**
	 * Create a builder.
	 */
	protected EndPointBuilder() {
	}

	@SuppressWarnings("unchecked")
	private B self() {
		return (B) this;
	}

	/**
	 * Set the endpoint name used in logs, errors and metrics.
	 * @param name the name
	 * @return this builder
	 */
	public B name(String name) {
		this.name = Objects.requireNonNull(name, "name");
		return self();
	}

	/**
	 * Set the options every session starts with.
	 * @param options the options
	 * @return this builder
	 */
	public B sessionOptions(SessionOptions options) {
		this.sessionOptions = Objects.requireNonNull(options, "options");
		return self();
	}

	/**
	 * Change the options every session starts with.
	 * @param change a function of the current options
	 * @return this builder
	 */
	public B sessionOptions(UnaryOperator<SessionOptions> change) {
		return sessionOptions(change.apply(this.sessionOptions));
	}

	/**
	 * Set the code that configures each new session (Getty's {@code NewSessionCallback}),
	 * replacing any set before.
	 * @param initializer the initializer
	 * @return this builder
	 */
	public B sessionInitializer(SessionInitializer initializer) {
		this.initializer = Objects.requireNonNull(initializer, "initializer");
		return self();
	}

	/**
	 * Add code that configures each new session, to run after the initializers already
	 * set.
	 * @param initializer the initializer
	 * @return this builder
	 */
	public B addSessionInitializer(SessionInitializer initializer) {
		Objects.requireNonNull(initializer, "initializer");
		this.initializer = (this.initializer != null) ? this.initializer.andThen(initializer) : initializer;
		return self();
	}

	/**
	 * Set the listener of every session.
	 * @param listener the listener
	 * @return this builder
	 */
	public B listener(EventListener<?> listener) {
		this.listener = Objects.requireNonNull(listener, "listener");
		return self();
	}

	/**
	 * Set the codec of every session.
	 * @param codec the codec
	 * @return this builder
	 */
	public B codec(ReadWriter<?> codec) {
		this.codec = Objects.requireNonNull(codec, "codec");
		return self();
	}

	/**
	 * Run listener callbacks on a task pool instead of the I/O threads.
	 * @param taskPool the pool, which the caller closes after the endpoint
	 * @return this builder
	 */
	public B taskPool(TaskPool taskPool) {
		this.taskPool = Objects.requireNonNull(taskPool, "taskPool");
		return self();
	}

	/**
	 * Use these event loops instead of {@link EventLoops#shared()}.
	 * @param eventLoops the event loops
	 * @return this builder
	 */
	public B eventLoops(EventLoops eventLoops) {
		this.eventLoops = Objects.requireNonNull(eventLoops, "eventLoops");
		return self();
	}

	/**
	 * Return the name set so far.
	 * @return the name, or {@code null}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Return the session options set so far.
	 * @return the options
	 */
	public SessionOptions sessionOptions() {
		return this.sessionOptions;
	}

	/**
	 * Return the initializer set so far.
	 * @return the initializer, or {@code null}
	 */
	public @Nullable SessionInitializer sessionInitializer() {
		return this.initializer;
	}

	/**
	 * Return the listener set so far.
	 * @return the listener, or {@code null}
	 */
	public @Nullable EventListener<?> listener() {
		return this.listener;
	}

	/**
	 * Return the codec set so far.
	 * @return the codec, or {@code null}
	 */
	public @Nullable ReadWriter<?> codec() {
		return this.codec;
	}

	/**
	 * Return the task pool set so far.
	 * @return the pool, or {@code null}
	 */
	public @Nullable TaskPool taskPool() {
		return this.taskPool;
	}

	/**
	 * Return the event loops set so far.
	 * @return the event loops, or {@code null} for the shared ones
	 */
	public @Nullable EventLoops eventLoops() {
		return this.eventLoops;
	}

}
