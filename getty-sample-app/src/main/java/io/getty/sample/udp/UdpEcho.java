package io.getty.sample.udp;

import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.sample.Peers;
import io.getty.udp.UdpPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The listener of the {@code udp-echo} endpoint. One session serves every peer, so each
 * datagram arrives as a {@link UdpPackage} with the address it came from, and the reply
 * is addressed the same way.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("udp-echo")
public class UdpEcho implements EventListener<UdpPackage<byte[]>> {

	private static final Logger logger = LoggerFactory.getLogger(UdpEcho.class);

	@Override
	public void onMessage(Session session, UdpPackage<byte[]> datagram) {
		logger.debug("datagram of {} bytes from [{}]", datagram.pkg().length, Peers.format(datagram.peer()));
		session.writePkg(new UdpPackage<>(datagram.pkg(), datagram.peer()));
	}

}
