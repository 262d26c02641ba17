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
 * The listener of the {@code hello} server: the server of the gtcp guide's full-duplex
 * example. It answers {@code hello} with "Nice to meet you!", logs heartbeats and
 * anything else as invalid, and {@code sample.hello.exit-delay} (10 s) after a session
 * opened it tells the client to leave with {@code doexit}.
 *
 * @author getty team
 * @since 0.1.0
 */
@Component
@GettyListener("hello")
public class HelloServer implements EventListener<Msg> {

	private static final Logger logger = LoggerFactory.getLogger(HelloServer.class);

	private final long exitDelayNanos;

	private final HelloConversation conversation;

	/**
	 * Create the listener.
	 * @param properties the sample's settings
	 * @param conversation the conversation of the session whose callback runs (a proxy)
	 */
	public HelloServer(SampleProperties properties, HelloConversation conversation) {
		this.exitDelayNanos = properties.hello().exitDelay().toNanos();
		this.conversation = conversation;
	}

	@Override
	public void onOpen(Session session) {
		// A timer on the session's own event loop, as gtimer.SetTimeout in the guide; no
		// thread waits for it. A session that closes first cancels it.
		ScheduledFuture<?> exit = session.channel()
			.eventLoop()
			.schedule(() -> sendExit(session), this.exitDelayNanos, TimeUnit.NANOSECONDS);
		session.addCloseCallback(this, "doexit", () -> exit.cancel(false));
	}

	private void sendExit(Session session) {
		logger.info("sending doexit to [{}]", Peers.of(session));
		session.writePkg(Msg.of(Msg.DOEXIT));
	}

	@Override
	public void onMessage(Session session, Msg msg) {
		String act = (msg.Act() != null) ? msg.Act() : "";
		switch (act) {
			case Msg.HELLO -> {
				logger.info("hello message from [{}]: {}", Peers.of(session), msg.Data());
				this.conversation.greeted(msg.Data());
				session.writePkg(new Msg(Msg.HELLO, "Nice to meet you!"));
			}
			case Msg.HEARTBEAT -> {
				logger.info("heartbeat from [{}]", Peers.of(session));
				this.conversation.heartbeat();
			}
			default -> logger.warn("invalid message: {}", msg);
		}
	}

	@Override
	public void onError(Session session, Throwable cause) {
		logger.warn("error on [{}]: {}", Peers.of(session), cause.getMessage());
	}

	@Override
	public void onClose(Session session) {
		if (session.closeReason() == CloseReason.PEER) {
			logger.info("client closed");
		}
		else {
			logger.info("session with [{}] closed: {}", Peers.of(session), session.closeReason());
		}
	}

}
