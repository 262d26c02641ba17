package io.getty.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel's socket buffers can absorb, for tests that need writes to stay queued
 * behind a peer that does not read.
 */
public final class KernelBuffers {

	private KernelBuffers() {
	}

	/**
	 * Return the largest send buffer the kernel autotunes a TCP socket to
	 * ({@code net.ipv4.tcp_wmem}'s maximum), or 8 MiB where that is not exposed.
	 * @return the size in bytes
	 * @throws IOException if the setting cannot be read
	 */
	public static long sendBufferMax() throws IOException {
		Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
		if (!Files.exists(wmem)) {
			return 8L * 1024 * 1024;
		}
		// Files.readString trusts the size /proc reports (0), so read the stream instead.
		String[] values;
		try (BufferedReader reader = Files.newBufferedReader(wmem)) {
			values = reader.readLine().trim().split("\\s+");
		}
		return Long.parseLong(values[values.length - 1]);
	}

}
