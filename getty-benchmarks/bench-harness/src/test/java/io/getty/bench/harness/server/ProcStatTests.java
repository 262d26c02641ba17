package io.getty.bench.harness.server;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reading a JVM's CPU time, its JIT compiler's share of it and its resident set size from
 * {@code /proc}, on this test's own JVM.
 */
class ProcStatTests {

	@Test
	void theCompilerThreadsOfARunningJvmHaveUsedSomeOfItsCpuTime() {
		long pid = ProcessHandle.current().pid();
		assumeTrue(ProcStat.cpuSeconds(pid) >= 0, "/proc is not available on this machine");
		double jit = ProcStat.jitCpuSeconds(pid);
		// Starting JUnit alone compiles hundreds of methods.
		assertThat(jit).isPositive().isLessThanOrEqualTo(ProcStat.cpuSeconds(pid) + 0.01);
	}

	@Test
	void aProcessThatIsGoneHasNoCompilerTime() {
		assertThat(ProcStat.jitCpuSeconds(Long.MAX_VALUE)).isEqualTo(-1);
	}

	@Test
	void theResidentSetGrowsByTheMemoryAProcessTouches() {
		long pid = ProcessHandle.current().pid();
		long before = ProcStat.residentSetBytes(pid);
		assumeTrue(before >= 0, "/proc is not available on this machine");
		// A direct buffer is zeroed as it is allocated, so all of its pages become resident.
		ByteBuffer touched = ByteBuffer.allocateDirect(64 * 1024 * 1024);
		long after = ProcStat.residentSetBytes(pid);
		assertThat(after - before).as("resident set growth for %d bytes touched", touched.capacity())
			.isGreaterThanOrEqualTo(48L * 1024 * 1024);
	}

	@Test
	void aProcessThatIsGoneHasNoResidentSet() {
		assertThat(ProcStat.residentSetBytes(Long.MAX_VALUE)).isEqualTo(-1);
	}

}
