package io.getty.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses print as Go prints them, so {@code stat()} lines read like Getty's.
 */
class AddressesTests {

	@Test
	void formatsLikeGo() throws Exception {
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 7070)))
			.isEqualTo("127.0.0.1:7070");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 7070))).isEqualTo("[::1]:7070");
		assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("::"), 80))).isEqualTo("[::]:80");
		assertThat(Addresses.format(InetSocketAddress.createUnresolved("example.org", 443)))
			.isEqualTo("example.org:443");
		assertThat(Addresses.format(null)).isEmpty();
	}

}
