package io.getty.bench.harness.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One closed-loop connection taking turns: a resumed connection keeps {@code depth}
 * messages in flight, counting those still in flight from its last turn, and a paused
 * one sends nothing when replies arrive.
 */
class EchoConnectionTests {

	private static final int PAYLOAD = 32;

	private static final int FRAME = Frames.HEADER + PAYLOAD;

	private static final int DEPTH = 4;

	private final LoadContext context = new LoadContext(PAYLOAD, DEPTH, false, Long.MAX_VALUE, (connection) -> {
	});

	private final EchoConnection connection = new EchoConnection(this.context, 0, false);

	private final EmbeddedChannel channel = new EmbeddedChannel(this.connection);

	private final CompositeByteBuf sent = Unpooled.compositeBuffer();

	@AfterEach
	void close() {
		this.sent.release();
		this.channel.finishAndReleaseAll();
	}

	@Test
	void resumingTopsUpToTheDepthCountingTheMessagesStillInFlight() {
		this.context.startSending();
		this.connection.resume();
		assertThat(framesSent()).isEqualTo(DEPTH);

		this.connection.pause();
		echo(1);
		assertThat(framesSent()).isZero();
		// Three of the first turn's messages are still in flight: one more tops it up.
		this.connection.resume();
		assertThat(framesSent()).isEqualTo(1);
		assertThat(this.context.stats.outstanding()).isEqualTo(DEPTH);
	}

	@Test
	void aResumedConnectionSendsOneMessagePerReply() {
		this.context.startSending();
		this.connection.resume();
		assertThat(framesSent()).isEqualTo(DEPTH);

		echo(2);

		assertThat(framesSent()).isEqualTo(2);
		assertThat(this.context.stats.replies()).isEqualTo(2);
	}

	/** Collect what the connection wrote since the last call and return how many frames it was. */
	private int framesSent() {
		int before = this.sent.readableBytes();
		ByteBuf out;
		while ((out = this.channel.readOutbound()) != null) {
			this.sent.addComponent(true, out);
		}
		int bytes = this.sent.readableBytes() - before;
		assertThat(bytes % FRAME).isZero();
		return bytes / FRAME;
	}

	/** Echo the oldest unanswered frames back, as a correct server does, in one read. */
	private void echo(int frames) {
		this.channel.writeInbound(this.sent.readRetainedSlice(frames * FRAME));
	}

}
