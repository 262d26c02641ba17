package io.getty.boot.autoconfigure;

import javax.net.ssl.SSLException;

import io.getty.boot.autoconfigure.GettyProperties.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns a Spring Boot {@link SslBundle} into a Netty {@link SslContext}.
 */
final class NettySslContexts {

	private NettySslContexts() {
	}

	static SslContext server(SslBundle bundle, ClientAuth clientAuth) throws SSLException {
		SslManagerBundle managers = bundle.getManagers();
		SslContextBuilder builder = SslContextBuilder.forServer(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory())
			.clientAuth(switch (clientAuth) {
				case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
				case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
				case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
			});
		return options(builder, bundle).build();
	}

	static SslContext client(SslBundle bundle) throws SSLException {
		SslManagerBundle managers = bundle.getManagers();
		SslContextBuilder builder = SslContextBuilder.forClient().trustManager(managers.getTrustManagerFactory());
		if (bundle.getStores().getKeyStore() != null) {
			// Presented only when a server asks: mutual TLS.
			builder.keyManager(managers.getKeyManagerFactory());
		}
		return options(builder, bundle).build();
	}

	private static SslContextBuilder options(SslContextBuilder builder, SslBundle bundle) {
		SslOptions options = bundle.getOptions();
		if (options.getEnabledProtocols() != null) {
			builder.protocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			builder.ciphers(java.util.List.of(options.getCiphers()));
		}
		return builder;
	}

}
