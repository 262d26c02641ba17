package io.getty.bench.mina;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.getty.bench.server.EchoServer;
import io.getty.bench.server.ServerOptions;
import io.getty.bench.server.Transport;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * An Apache MINA echo server: a {@link NioSocketAcceptor} with one I/O processor, a
 * {@link ProtocolCodecFilter} with {@link LengthPrefixedCodec} (payloads as
 * {@code byte[]}), and a handler that writes every message back. MINA writes each
 * message as its own buffer; the processor flushes after handling the read.
 *
 * @author getty team
 * @since 0.1.0
 */
public final class MinaEchoServer implements EchoServer {

	private final NioSocketAcceptor acceptor;

	private MinaEchoServer(NioSocketAcceptor acceptor) {
		this.acceptor = acceptor;
	}

	/**
	 * Start a server.
	 * @param options the options
	 * @return the running server
	 * @throws IOException if it cannot bind
	 */
	public static MinaEchoServer start(ServerOptions options) throws IOException {
		NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
		acceptor.setReuseAddress(true);
		acceptor.setBacklog(ServerOptions.BACKLOG);
		acceptor.getSessionConfig().setTcpNoDelay(true);
		acceptor.getFilterChain()
			.addLast("codec", new ProtocolCodecFilter(new LengthPrefixedCodec(options.maxFrameLength())));
		acceptor.setHandler(new EchoHandler());
		acceptor.bind(new InetSocketAddress(options.host(), options.port()));
		return new MinaEchoServer(acceptor);
	}

	@Override
	public int port() {
		return this.acceptor.getLocalAddress().getPort();
	}

	@Override
	public Transport transport() {
		return Transport.NIO;
	}

	@Override
	public void close() {
		this.acceptor.unbind();
		this.acceptor.dispose(true);
	}

	/**
	 * Writes every message back.
	 */
	static final class EchoHandler extends IoHandlerAdapter {

		@Override
		public void messageReceived(IoSession session, Object message) {
			session.write(message);
		}

		@Override
		public void exceptionCaught(IoSession session, Throwable cause) {
			// A reset or an oversized frame loses that connection only.
			session.closeNow();
		}

	}

}
