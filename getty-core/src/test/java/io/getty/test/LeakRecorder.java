package io.getty.test;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Records every leak Netty's detector reports, so that tests can fail on them instead of
 * merely logging them. Installed before any Netty buffer class initializes by
 * {@link LeakCheckLauncherListener}.
 */
public final class LeakRecorder {

	private static final List<String> leaks = new ArrayList<>();

	private static volatile boolean installed;

	private LeakRecorder() {
	}

	static synchronized void install() {
		if (installed) {
			return;
		}
		installed = true;
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
	}

	/**
	 * Return whether the recording detector is in place.
	 * @return {@code true} if installed
	 */
	public static boolean isInstalled() {
		return installed;
	}

	/**
	 * Collect garbage and allocate, which makes Netty report leaked buffers that became
	 * unreachable, then return and clear what was reported.
	 * @return the leak reports
	 */
	public static List<String> collect() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			System.runFinalization();
			// Detection runs when a tracked object is allocated.
			for (int j = 0; j < 64; j++) {
				ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(1);
				buf.release();
				buf = ByteBufAllocator.DEFAULT.heapBuffer(1);
				buf.release();
			}
		}
		synchronized (leaks) {
			List<String> copy = List.copyOf(leaks);
			leaks.clear();
			return copy;
		}
	}

	private static void record(String report) {
		synchronized (leaks) {
			leaks.add(report);
		}
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		@SuppressWarnings("deprecation")
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new ResourceLeakDetector<>(resource, samplingInterval) {

				@Override
				protected void reportTracedLeak(String resourceType, String records) {
					record("LEAK: " + resourceType + records);
					super.reportTracedLeak(resourceType, records);
				}

				@Override
				protected void reportUntracedLeak(String resourceType) {
					record("LEAK: " + resourceType + " (untraced)");
					super.reportUntracedLeak(resourceType);
				}

			};
		}

	}

}
