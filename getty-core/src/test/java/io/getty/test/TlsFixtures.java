package io.getty.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The committed test certificates ({@code src/test/resources/tls}, made by its
 * {@code generate.sh}): a CA, a server and a client certificate it signed for
 * {@code localhost} and {@code 127.0.0.1}, a server certificate from another CA, and an
 * expired one.
 */
public final class TlsFixtures {

	private TlsFixtures() {
	}

	public static InputStream open(String name) {
		InputStream in = TlsFixtures.class.getResourceAsStream("/tls/" + name);
		if (in == null) {
			throw new IllegalStateException("Missing test resource tls/" + name);
		}
		return in;
	}

	/**
	 * Copy a fixture to a file, for external tools such as openssl.
	 * @param name the fixture
	 * @param directory where to put it
	 * @return the file
	 */
	public static Path copy(String name, Path directory) {
		try (InputStream in = open(name)) {
			Path target = directory.resolve(name);
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static SslContext server(String certificate, ClientAuth clientAuth) throws SSLException {
		SslContextBuilder builder = SslContextBuilder.forServer(open(certificate + ".crt"), open(certificate + ".key"));
		if (clientAuth != ClientAuth.NONE) {
			builder.trustManager(open("ca.crt")).clientAuth(clientAuth);
		}
		return builder.build();
	}

	public static SslContext server() throws SSLException {
		return server("server", ClientAuth.NONE);
	}

	public static SslContext client(String trustedCa, boolean withCertificate) throws SSLException {
		SslContextBuilder builder = SslContextBuilder.forClient().trustManager(open(trustedCa + ".crt"));
		if (withCertificate) {
			builder.keyManager(open("client.crt"), open("client.key"));
		}
		return builder.build();
	}

	public static SslContext client() throws SSLException {
		return client("ca", false);
	}

	/**
	 * A JDK client context that trusts the test CA, for a blocking {@code SSLSocket} that
	 * a test drives byte by byte.
	 * @return the context
	 */
	public static SSLContext jdkClientContext() throws SSLException {
		return ((JdkSslContext) SslContextBuilder.forClient()
			.sslProvider(SslProvider.JDK)
			.trustManager(open("ca.crt"))
			.build()).context();
	}

}
