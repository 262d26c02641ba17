package io.getty.bench.harness.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MachineStalls}.
 */
class MachineStallsTests {

	@Test
	void theProbeReportsWhatTheReportReads() {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			MachineStalls.main(new String[] { "50" });
		}
		finally {
			System.setOut(original);
		}
		String line = captured.toString(StandardCharsets.UTF_8).trim();
		assertThat(line).matches("gaps100us=\\d+ gaps1ms=\\d+ longestUs=\\d+ stalledUs=\\d+ spunUs=50000");
		assertThat(MachineStalls.describe(line)).contains("in 0.1 s").contains("% of the time lost");
	}

	@Test
	void describesTheGapsOfOneCpu() {
		assertThat(MachineStalls.describe("gaps100us=11 gaps1ms=4 longestUs=1900 stalledUs=9200 spunUs=4000000"))
			.isEqualTo("4 gaps ≥ 1 ms and 11 ≥ 100 µs in 4.0 s, longest 1.9 ms, 0.23 % of the time lost");
	}

	@Test
	void findsTheAnswerAmongWhatTheJvmPrintedAroundIt() {
		assertThat(MachineStalls.describe("Picked up JAVA_TOOL_OPTIONS: -Xlog:gc*\n"
				+ "gaps100us=11 gaps1ms=4 longestUs=1900 stalledUs=9200 spunUs=4000000\n"
				+ "[4.1s][info][gc,heap,exit] Heap\n"))
			.isEqualTo("4 gaps ≥ 1 ms and 11 ≥ 100 µs in 4.0 s, longest 1.9 ms, 0.23 % of the time lost");
	}

	@Test
	void keepsAnUnexpectedAnswerOnOneLine() {
		assertThat(MachineStalls.describe("Error: could not find java\nsee the log\n"))
			.isEqualTo("unknown (Error: could not find java / see the log)");
	}

	@Test
	void saysSoWhenTheProbeSaidSomethingElse() {
		assertThat(MachineStalls.describe("Error: could not find java")).startsWith("unknown (");
		assertThat(MachineStalls.describe("gaps100us=1")).isEqualTo("unknown (gaps100us=1)");
	}

}
