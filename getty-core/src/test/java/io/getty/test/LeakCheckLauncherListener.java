package io.getty.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the {@link LeakRecorder} when the test run starts, before any test class can
 * touch a Netty buffer.
 */
public class LeakCheckLauncherListener implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		LeakRecorder.install();
	}

}
