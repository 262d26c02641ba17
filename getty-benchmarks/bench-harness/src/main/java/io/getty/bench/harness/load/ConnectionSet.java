package io.getty.bench.harness.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * The open connections of one run; closing it closes them all and marks the closes as
 * the harness's own, so they are not reported as the server dropping connections.
 *
 * @author getty team
 * @since 0.1.0
 */
final class ConnectionSet implements AutoCloseable {

	private static final long CLOSE_TIMEOUT_SECONDS = 30;

	private final EventLoop loop;

	private final LoadContext context;

	private final List<Channel> channels;

	private final List<EchoConnection> connections = new ArrayList<>();

	ConnectionSet(EventLoop loop, LoadContext context, List<Channel> channels) {
		this.loop = loop;
		this.context = context;
		this.channels = channels;
		for (Channel channel : channels) {
			this.connections.add(channel.pipeline().get(EchoConnection.class));
		}
	}

	List<EchoConnection> connections() {
		return this.connections;
	}

	int size() {
		return this.channels.size();
	}

	@Override
	public void close() {
		this.loop.submit(this.context::closing).syncUninterruptibly();
		for (Channel channel : this.channels) {
			channel.close();
		}
		for (Channel channel : this.channels) {
			channel.closeFuture().awaitUninterruptibly(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
	}

}
