package io.getty.internal;

/**
 * Names of the handlers in a session channel's pipeline, in order:
 * <ol>
 * <li>{@value #SSL} (only with TLS)</li>
 * <li>{@value #FLUSH_CONSOLIDATION}: turns the flushes of one read batch or one
 * event-loop turn into a single system call</li>
 * <li>{@value #DECODER}: accumulates bytes, runs the session's reader, enforces
 * {@code maxMsgLen} and the read timeout, and hands packages to the session</li>
 * <li>{@value #SESSION}: the session's lifecycle: open, errors, close</li>
 * </ol>
 */
public final class GettyPipeline {

	/** The TLS handler. */
	public static final String SSL = "getty.ssl";

	/** The flush consolidation handler. */
	public static final String FLUSH_CONSOLIDATION = "getty.flush";

	/** The package decoder. */
	public static final String DECODER = "getty.decoder";

	/** The session lifecycle handler. */
	public static final String SESSION = "getty.session";

	private GettyPipeline() {
	}

}
