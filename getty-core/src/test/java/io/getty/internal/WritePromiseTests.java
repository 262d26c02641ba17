package io.getty.internal;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WritePromise}: whichever way Netty completes a write, its outcome is
 * told exactly once, and the promise reads like any completed promise.
 */
class WritePromiseTests {

	private final RecordingOutcome outcome = new RecordingOutcome();

	private EmbeddedChannel channel = new EmbeddedChannel();

	@AfterEach
	void finish() {
		this.channel.finishAndReleaseAll();
	}

	@Test
	void aWrittenMessageSucceedsOnce() {
		WritePromise promise = new WritePromise(this.channel, this.outcome);
		assertThat(promise.isDone()).isFalse();

		this.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }), promise);

		assertThat(this.outcome.events).containsExactly("succeeded");
		assertThat(promise.isDone()).isTrue();
		assertThat(promise.isSuccess()).isTrue();
		assertThat(promise.cause()).isNull();
		assertThat(promise.trySuccess()).isFalse();
		assertThat(promise.tryFailure(new IllegalStateException("late"))).isFalse();
		assertThatIllegalStateException().isThrownBy(promise::setSuccess);
		assertThat(this.outcome.events).containsExactly("succeeded");
		ByteBuf written = this.channel.readOutbound();
		assertThat(written.readableBytes()).isEqualTo(3);
		written.release();
	}

	@Test
	void aWriteOnAClosedChannelFailsOnceWithNettysCause() {
		this.channel.close();
		WritePromise promise = new WritePromise(this.channel, this.outcome);

		this.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1 }), promise);

		assertThat(this.outcome.events).singleElement().asString().startsWith("failed: ");
		assertThat(this.outcome.causes).singleElement().isInstanceOf(ClosedChannelException.class);
		assertThat(promise.isDone()).isTrue();
		assertThat(promise.isSuccess()).isFalse();
		assertThat(promise.cause()).isSameAs(this.outcome.causes.get(0));
		assertThatIllegalStateException().isThrownBy(() -> promise.setFailure(new IllegalStateException("again")));
		assertThat(this.outcome.events).hasSize(1);
	}

	@Test
	void aWriteThatAHandlerRefusesFails() {
		this.channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				// What an encoder that cannot encode a message does.
				ReferenceCountUtil.release(msg);
				promise.setFailure(new IllegalArgumentException("cannot encode"));
			}
		});
		WritePromise promise = new WritePromise(this.channel, this.outcome);

		this.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1 }), promise);

		assertThat(this.outcome.events).containsExactly("failed: cannot encode");
	}

	@Test
	void listenersAddedByHandlersHearTheOutcomeToo() {
		List<String> heard = new ArrayList<>();
		this.channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				// As TLS and WebSocket encoders may do.
				promise.addListener((ChannelFutureListener) (future) -> heard.add("before: " + future.isSuccess()));
				ctx.write(msg, promise);
			}
		});
		WritePromise promise = new WritePromise(this.channel, this.outcome);

		this.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1 }), promise);
		promise.addListener((ChannelFutureListener) (future) -> heard.add("after: " + future.isSuccess()));

		assertThat(this.outcome.events).containsExactly("succeeded");
		assertThat(heard).containsExactly("before: true", "after: true");
	}

	@Test
	void itCannotBeCancelled() {
		WritePromise promise = new WritePromise(this.channel, this.outcome);
		assertThat(promise.isCancellable()).isFalse();
		assertThat(promise.cancel(true)).isFalse();
		assertThat(promise.isCancelled()).isFalse();
		assertThat(promise.setUncancellable()).isTrue();
		assertThat(promise.isDone()).isFalse();
		assertThat(this.outcome.events).isEmpty();
	}

	static final class RecordingOutcome implements WriteOutcome {

		final List<String> events = new ArrayList<>();

		final List<Throwable> causes = new ArrayList<>();

		@Override
		public void succeeded() {
			this.events.add("succeeded");
		}

		@Override
		public void failed(Throwable cause) {
			this.events.add("failed: " + cause.getMessage());
			this.causes.add(cause);
		}

	}

}
