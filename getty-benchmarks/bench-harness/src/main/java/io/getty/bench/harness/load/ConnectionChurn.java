package io.getty.bench.harness.load;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;

/**
 * Keeps {@code concurrency} short connections going: each connects, echoes one verified
 * message, closes, and is replaced, until stopped. Confined to the load generator's
 * event loop.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ConnectionChurn {

	private final EventLoop loop;

	private final Bootstrap bootstrap;

	private final InetSocketAddress server;

	private final int concurrency;

	private final LoadContext context;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private final AtomicInteger ids = new AtomicInteger();

	private boolean running;

	private int active;

	ConnectionChurn(EventLoop loop, Bootstrap bootstrap, InetSocketAddress server, int concurrency, int payloadSize) {
		this.loop = loop;
		this.server = server;
		this.concurrency = concurrency;
		// One message per connection; a verified reply closes it, which starts the next.
		this.context = new LoadContext(payloadSize, 1, false, 1, EchoConnection::close);
		this.bootstrap = bootstrap.handler(new ChannelInitializer<Channel>() {
			@Override
			protected void initChannel(Channel channel) {
				channel.pipeline()
					.addLast(new EchoConnection(ConnectionChurn.this.context, ConnectionChurn.this.ids.getAndIncrement(),
							true));
			}
		});
	}

	LoadContext context() {
		return this.context;
	}

	CompletableFuture<Void> done() {
		return this.done;
	}

	void start() {
		this.running = true;
		this.context.startSending();
		for (int i = 0; i < this.concurrency; i++) {
			this.active++;
			connectNext();
		}
	}

	void stop() {
		this.running = false;
		if (this.active == 0) {
			this.done.complete(null);
		}
	}

	private void connectNext() {
		if (!this.running || this.context.failure().isDone()) {
			if (--this.active == 0) {
				this.done.complete(null);
			}
			return;
		}
		ChannelFuture connect = this.bootstrap.connect(this.server);
		connect.addListener((ChannelFuture future) -> {
			if (!future.isSuccess()) {
				this.context.fail("connect to " + this.server + " failed: " + future.cause());
				this.loop.execute(this::connectNext);
				return;
			}
			future.channel().closeFuture().addListener((closed) -> connectNext());
		});
	}

}
