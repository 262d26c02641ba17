package io.getty.internal;

import io.getty.GettyException;

/**
 * A TLS handshake failed: a plaintext peer on a TLS port, an untrusted or expired
 * certificate, a missing client certificate, or a handshake timeout.
 */
public class TlsHandshakeException extends GettyException {

	TlsHandshakeException(Throwable cause) {
		super("TLS handshake failed: " + cause.getMessage(), cause);
	}

}
