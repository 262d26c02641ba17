package io.getty.boot.autoconfigure;

/**
 * A getty configuration problem found at startup: the message names the endpoint and the
 * bean or property involved, and {@link #getAction()} says how to fix it.
 *
 * @author getty team
 * @since 0.1.0
 */
public class GettyConfigurationException extends IllegalStateException {

	private final String action;

	/**
	 * Create an exception.
	 * @param message what is wrong
	 * @param action how to fix it
	 */
	public GettyConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is wrong
	 * @param action how to fix it
	 * @param cause the cause
	 */
	public GettyConfigurationException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/**
	 * Return how to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
