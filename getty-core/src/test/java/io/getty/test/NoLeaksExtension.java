package io.getty.test;

import java.util.List;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when Netty's leak detector reported a leaked buffer while it ran.
 * Registered for every test class through JUnit's extension auto-detection.
 */
public class NoLeaksExtension implements AfterAllCallback {

	@Override
	public void afterAll(ExtensionContext context) {
		assertThat(ResourceLeakDetector.getLevel()).as("Netty leak detection level in tests")
			.isEqualTo(ResourceLeakDetector.Level.PARANOID);
		assertThat(LeakRecorder.isInstalled()).as("leak recorder installed").isTrue();
		List<String> leaks = LeakRecorder.collect();
		assertThat(leaks).as("Netty leak reports during %s", context.getDisplayName()).isEmpty();
	}

}
