package io.getty.bench.harness;

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
	void jsonLinesRoundTripNumbersAndEscapedTextInOrder() {
		String json = BenchJson.object()
			.field("event", "sample")
			.field("allocatedBytes", 123_456_789_012L)
			.field("directUsed", -1)
			.field("error", "quote \" backslash \\ newline \n")
			.text();
		assertThat(BenchJson.read(json)).containsExactly(Map.entry("event", "sample"),
				Map.entry("allocatedBytes", "123456789012"), Map.entry("directUsed", "-1"),
				Map.entry("error", "quote \" backslash \\ newline \n"));
		assertThat(BenchJson.read(BenchJson.object().text())).isEmpty();
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
