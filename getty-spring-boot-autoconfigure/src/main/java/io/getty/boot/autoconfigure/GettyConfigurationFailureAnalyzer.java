package io.getty.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link GettyConfigurationException} as Spring Boot's "APPLICATION FAILED TO
 * START" report, with its action.
 *
 * @author getty team
 * @since 0.1.0
 */
class GettyConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<GettyConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, GettyConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
