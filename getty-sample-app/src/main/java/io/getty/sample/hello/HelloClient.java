package io.getty.sample.hello;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.getty.CloseReason;
import io.getty.EventListener;
import io.getty.Session;
import io.getty.boot.annotation.GettyListener;
import io.getty.sample.Peers;
import io.getty.sample.SampleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The listener of the {@code hello-client}: the client of the gtcp guide's full-duplex
 * example. It sends a heartbeat every cron period
 * ({@code getty.clients.hello-client.session.cron-period}, 1 s), says hello
 * {@code sample.hello-client.hello-delay} (3 s) after connecting, and closes its session
 * when the server sends {@code doexit}. The client then connects again, as every getty
 * client replaces the sessions it loses, so the conversation repeats.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("hello-client")
public class HelloClient implements EventListener<Msg> {

	private static final Logger logger = LoggerFactory.getLogger(HelloClient.class);

	private final long helloDelayNanos;

	private final String greeting;

	/**
	 * Create the listener.
	 * @param properties the sample's settings
	 */
	public HelloClient(SampleProperties properties) {
		this.helloDelayNanos = properties.helloClient().helloDelay().toNanos();
		this.greeting = properties.helloClient().greeting();
	}

	@Override
	public void onOpen(Session session) {
		logger.info("connected to [{}]", Peers.of(session));
		ScheduledFuture<?> hello = session.channel()
			.eventLoop()
			.schedule(() -> session.writePkg(new Msg(Msg.HELLO, this.greeting)), this.helloDelayNanos,
					TimeUnit.NANOSECONDS);
		session.addCloseCallback(this, "hello", () -> hello.cancel(false));
	}

	@Override
	public void onCron(Session session) {
		session.writePkg(Msg.of(Msg.HEARTBEAT));
	}

	@Override
	public void onMessage(Session session, Msg msg) {
		String act = (msg.Act() != null) ? msg.Act() : "";
		switch (act) {
			case Msg.HELLO -> logger.info("hello response message from [{}]: {}", Peers.of(session), msg.Data());
			case Msg.HEARTBEAT -> logger.info("heartbeat from [{}]", Peers.of(session));
			case Msg.DOEXIT -> {
				logger.info("exit command from [{}]", Peers.of(session));
				session.close();
			}
			default -> logger.warn("invalid message: {}", msg);
		}
	}

	@Override
	public void onClose(Session session) {
		if (session.closeReason() == CloseReason.PEER) {
			logger.info("server closed");
		}
	}

}
