package io.getty.bench.harness.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reading a JVM's CPU time and its JIT compiler's share of it from {@code /proc}, on this
 * test's own JVM, and a process's resident set size, on an idle child process.
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
	void theResidentSetIsTheKernelsCountOfResidentPagesInBytes() throws Exception {
		assumeTrue(ProcStat.cpuSeconds(ProcessHandle.current().pid()) >= 0, "/proc is not available on this machine");
		// A process that does nothing, so that two reads of it see the same pages (this
		// JVM's own resident set moves as its collector commits and gives back heap).
		Process idle = new ProcessBuilder("sleep", "60").start();
		try {
			// Asleep ('S') in sleep's own image, past the start-up that still faults pages in.
			Path stat = Path.of("/proc", String.valueOf(idle.pid()), "stat");
			await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(stat).contains("(sleep) S "));
			long pageSize = Long.parseLong(output("getconf", "PAGESIZE"));
			String[] statm = Files.readString(Path.of("/proc", String.valueOf(idle.pid()), "statm")).trim().split(" ");
			long residentPages = Long.parseLong(statm[1]);
			assertThat(ProcStat.residentSetBytes(idle.pid())).as("VmRSS of an idle process, in bytes")
				.isPositive()
				.isEqualTo(residentPages * pageSize);
		}
		finally {
			idle.destroy();
		}
	}

	@Test
	void aProcessThatIsGoneHasNoResidentSet() {
		assertThat(ProcStat.residentSetBytes(Long.MAX_VALUE)).isEqualTo(-1);
	}

	private static String output(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes()).trim();
		assertThat(process.waitFor()).as("exit status of %s", String.join(" ", command)).isZero();
		return output;
	}

}
