package io.getty.bench.harness.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reading a JVM's CPU time and its JIT compiler's share of it from {@code /proc}, on this
 * test's own JVM.
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

}
