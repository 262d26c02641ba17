package io.getty.bench.server;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples the server's own JVM without an agent: bytes allocated by all threads
 * ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}), heap in use,
 * garbage collections, direct buffers, resident set size and CPU time. The harness takes
 * one sample at the start and one at the end of a measurement window and divides the
 * difference by the messages it counted.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ProcessSampler {

	private static final int MAX_GC_ROUNDS = 6;

	private final com.sun.management.ThreadMXBean threads;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final com.sun.management.OperatingSystemMXBean os;

	/**
	 * Create a sampler and switch on allocation accounting where the JVM has it off.
	 */
	public ProcessSampler() {
		this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		if (this.threads.isThreadAllocatedMemorySupported() && !this.threads.isThreadAllocatedMemoryEnabled()) {
			this.threads.setThreadAllocatedMemoryEnabled(true);
		}
		this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
	}

	/**
	 * Take a sample.
	 * @return names and values, in bytes, milliseconds and nanoseconds as named
	 */
	public Map<String, Object> sample() {
		Map<String, Object> sample = new LinkedHashMap<>();
		sample.put("allocatedBytes", this.threads.getTotalThreadAllocatedBytes());
		sample.put("heapUsed", this.memory.getHeapMemoryUsage().getUsed());
		long collections = 0;
		long collectionMillis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections += Math.max(0, collector.getCollectionCount());
			collectionMillis += Math.max(0, collector.getCollectionTime());
		}
		sample.put("gcCount", collections);
		sample.put("gcMillis", collectionMillis);
		sample.put("directUsed", directUsed());
		sample.put("rssBytes", residentSetSize());
		sample.put("threads", this.threads.getThreadCount());
		sample.put("cpuNanos", this.os.getProcessCpuTime());
		return sample;
	}

	/**
	 * Collect garbage until the heap in use stops shrinking, then take a sample: the heap
	 * figure is then what live objects hold, which is what "heap per idle session" means.
	 * @return the sample
	 */
	public Map<String, Object> sampleAfterGc() {
		long previous = Long.MAX_VALUE;
		for (int round = 0; round < MAX_GC_ROUNDS; round++) {
			System.gc();
			long used = this.memory.getHeapMemoryUsage().getUsed();
			// Reference processing can free a little more in a second round; stop once a round gains under 1%.
			if (previous != Long.MAX_VALUE && previous - used < previous / 100) {
				break;
			}
			previous = used;
		}
		return sample();
	}

	private static long directUsed() {
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(pool.getName())) {
				return pool.getMemoryUsed();
			}
		}
		return -1;
	}

	private static long residentSetSize() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not on Linux: the figure is reported as unknown.
		}
		return -1;
	}

}
