package io.getty.bench.harness.load;

/**
 * A benchmark run failed a correctness gate: a wrong byte, a reply out of order, a
 * missing reply or a connection the server closed. Such a run has no valid timings.
 *
 * @author getty team
 * @since 0.1.0
 */
public class LoadFailure extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a failure.
	 * @param message what went wrong, with the connection and the values involved
	 */
	public LoadFailure(String message) {
		super(message);
	}

	/**
	 * Create a failure with a cause.
	 * @param message what went wrong
	 * @param cause the cause
	 */
	public LoadFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
