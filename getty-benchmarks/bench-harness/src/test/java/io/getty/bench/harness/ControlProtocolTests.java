package io.getty.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;

import io.getty.bench.server.BenchJson;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The pieces of the control protocol every server shares: its JSON lines and its
 * options.
 */
class ControlProtocolTests {

	@Test
	void jsonLinesRoundTripNumbersAndEscapedText() {
		Map<String, Object> sample = new LinkedHashMap<>();
		sample.put("event", "sample");
		sample.put("allocatedBytes", 123_456_789_012L);
		sample.put("error", "quote \" backslash \\ tab \t");
		assertThat(BenchJson.read(BenchJson.write(sample))).containsExactly(Map.entry("event", "sample"),
				Map.entry("allocatedBytes", "123456789012"), Map.entry("error", "quote \" backslash \\ tab \t"));
	}

	@Test
	void optionsHaveTheBenchmarkDefaultsAndRejectTypos() {
		ServerOptions options = ServerOptions.parse("--transport=epoll", "--port=7070");
		assertThat(options.transport()).isEqualTo(Transport.EPOLL);
		assertThat(options.port()).isEqualTo(7070);
		assertThat(options.host()).isEqualTo("127.0.0.1");
		assertThat(options.maxFrameLength()).isEqualTo(1024 * 1024);
		assertThatIllegalArgumentException().isThrownBy(() -> ServerOptions.parse("--trasnport=nio"))
			.withMessageContaining("Unknown option 'trasnport'");
	}

}
