package io.getty.bench.server;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Samples the server's own JVM without an agent: bytes allocated by all threads
 * ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}), heap in use,
 * garbage collections, direct buffers, live threads and CPU time. The harness takes one
 * sample at the start and one at the end of a measurement window and divides the
 * difference by the messages it counted.
 *
 * <p>
 * What the harness can read from {@code /proc} itself, such as the resident set size, it
 * reads there: a sample runs in the server's JVM as its window opens, on the server's
 * one CPU, and the lines of {@code /proc/self/status} read there once pushed the JDK's
 * {@code BufferedReader.readLine} to its C2 compilation in that moment
 * (docs/benchmarks.md, point 28). The sample is written straight into its JSON text for
 * the same reason.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class ProcessSampler {

	private static final int MAX_GC_ROUNDS = 6;

	private final com.sun.management.ThreadMXBean threads;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final com.sun.management.OperatingSystemMXBean os;

	// Looked up once: a lookup goes through the platform's maps of MXBeans, code a sample
	// need not run.
	private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

	/** The JVM's pool of direct buffers, or {@code null} if it has none. */
	private final BufferPoolMXBean directPool = ManagementFactory
		.getPlatformMXBeans(BufferPoolMXBean.class)
		.stream()
		.filter((pool) -> "direct".equals(pool.getName()))
		.findFirst()
		.orElse(null);

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
	 * @param into the object to add the sample's fields to: names and values, in bytes,
	 * milliseconds and nanoseconds as named
	 * @return {@code into}
	 */
	public BenchJson.ObjectWriter sample(BenchJson.ObjectWriter into) {
		long collections = 0;
		long collectionMillis = 0;
		for (GarbageCollectorMXBean collector : this.collectors) {
			collections += Math.max(0, collector.getCollectionCount());
			collectionMillis += Math.max(0, collector.getCollectionTime());
		}
		return into.field("allocatedBytes", this.threads.getTotalThreadAllocatedBytes())
			.field("heapUsed", this.memory.getHeapMemoryUsage().getUsed())
			.field("gcCount", collections)
			.field("gcMillis", collectionMillis)
			.field("directUsed", directUsed())
			.field("threads", this.threads.getThreadCount())
			.field("cpuNanos", this.os.getProcessCpuTime());
	}

	/**
	 * Collect garbage until the heap in use stops shrinking, then take a sample: the heap
	 * figure is then what live objects hold, which is what "heap per idle session" means.
	 * @param into the object to add the sample's fields to
	 * @return {@code into}
	 */
	public BenchJson.ObjectWriter sampleAfterGc(BenchJson.ObjectWriter into) {
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
		return sample(into);
	}

	private long directUsed() {
		return (this.directPool != null) ? this.directPool.getMemoryUsed() : -1;
	}

}
