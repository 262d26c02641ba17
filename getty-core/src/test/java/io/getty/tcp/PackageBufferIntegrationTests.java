package io.getty.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;

import io.getty.OutboundBufferFullException;
import io.getty.Session;
import io.getty.SessionOptions;
import io.getty.WriteResult;
import io.getty.codec.CodecException;
import io.getty.codec.LengthFieldCodec;
import io.getty.codec.ReadWriter;
import io.getty.internal.GettyPipeline;
import io.getty.test.Futures;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small packages a TCP session writes on its I/O thread after the first since the last
 * flush share one buffer and reach Netty as one write: what Netty sees is recorded just
 * below the session's flush handler, and what the peer reads is checked from the outside.
 * Every package keeps its place in the stream, its own future and its own accounting.
 */
class PackageBufferIntegrationTests {

	/** A package's encoded size is its payload plus the 4-byte length header. */
	private static final int HEADER = 4;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final Replies replies = new Replies();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void smallPackagesAfterTheFirstReachNettyAsOneWrite() throws Exception {
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o);
		List<byte[]> payloads = payloads(10, 100);
		try (RawClient client = new RawClient(server.port())) {
			warmUp(client);
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client,
					(session) -> writeAll(session, payloads));

			assertThat(readFrames(client, payloads.size())).containsExactlyElementsOf(texts(payloads));
			for (CompletableFuture<WriteResult> write : writes) {
				assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(100 + HEADER, 1));
			}
			// The first package on its own, the other nine in one buffer, one flush.
			assertThat(this.replies.netty).containsExactly("write " + (100 + HEADER), "write " + 9 * (100 + HEADER),
					"flush");
			// Counted per package, after the warm-up's eight of 1 KiB.
			Session session = this.replies.session;
			assertThat(session.stats().writtenPackages()).isEqualTo(8 + 10);
			assertThat(session.stats().writtenBytes()).isEqualTo(8 * 1024 + 10 * (100 + HEADER));
		}
	}

	@Test
	void aSessionAnsweringOnePackageAtATimeWritesItOnItsOwn() throws Exception {
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o);
		try (RawClient client = new RawClient(server.port())) {
			warmUp(client);
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client,
					(session) -> List.of(session.writePkg(bytes("only"))));

			assertThat(client.readFrame()).isEqualTo("only");
			assertThat(writes.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(4 + HEADER, 1));
			assertThat(this.replies.netty).containsExactly("write " + (4 + HEADER), "flush");
			// In a buffer of its own size, not in a shared one (at least 256 bytes).
			assertThat(this.replies.capacities).containsExactly(4 + HEADER);
		}
	}

	@Test
	void writesThatDoNotShareABufferKeepTheirPlaceInTheStream() throws Exception {
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o);
		byte[] large = "L".repeat(3000).getBytes(StandardCharsets.UTF_8);
		try (RawClient client = new RawClient(server.port())) {
			warmUp(client);
			this.replies.next(client,
					(session) -> List.of(session.writePkg(bytes("a")), session.writePkg(bytes("b")),
							session.writePkg(bytes("c")), session.writePkg(large), session.writePkg(bytes("d")),
							session.writePkg(bytes("e")), session.writeBytes(RawClient.frame("raw")),
							session.writePkg(bytes("f")), session.writePkg(bytes("g"))));

			assertThat(readFrames(client, 9)).containsExactly("a", "b", "c", "L".repeat(3000), "d", "e", "raw", "f",
					"g");
			// The first package alone, two sharing, the large one alone, two sharing, the
			// raw bytes, two sharing: all flushed together at the end of the turn.
			int small = 1 + HEADER;
			assertThat(this.replies.netty).containsExactly("write " + small, "write " + 2 * small,
					"write " + (3000 + HEADER), "write " + 2 * small, "write " + (3 + HEADER), "write " + 2 * small,
					"flush");
		}
	}

	@Test
	void aFlushSharesOneBufferGrownToHoldItsSmallPackages() throws Exception {
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o);
		// 1,024 bytes encoded each.
		List<byte[]> twenty = payloads(20, 1024 - HEADER);
		List<byte[]> thirteen = payloads(13, 1024 - HEADER);
		try (RawClient client = new RawClient(server.port())) {
			// The session's first flush: after the first package, one buffer that starts
			// with room for one package and grows (to the next power of two) until it
			// holds the other 19, rather than a second buffer in the same flush.
			this.replies.next(client, (session) -> writeAll(session, twenty));
			assertThat(readFrames(client, twenty.size())).containsExactlyElementsOf(texts(twenty));
			assertThat(this.replies.netty).containsExactly("write 1024", "write " + 19 * 1024, "flush");
			assertThat(this.replies.capacities).containsExactly(1024, 32 * 1024);

			// The next flush's buffer starts as large as what the last one shared, but
			// with at most 16 KiB: 12 packages fit in it without growing.
			this.replies.next(client, (session) -> writeAll(session, thirteen));
			assertThat(readFrames(client, thirteen.size())).containsExactlyElementsOf(texts(thirteen));
			assertThat(this.replies.netty).containsExactly("write 1024", "write " + 12 * 1024, "flush");
			assertThat(this.replies.capacities).containsExactly(1024, 16 * 1024);

			// And then as large as those 12.
			this.replies.next(client, (session) -> writeAll(session, thirteen));
			assertThat(readFrames(client, thirteen.size())).containsExactlyElementsOf(texts(thirteen));
			assertThat(this.replies.capacities).containsExactly(1024, 12 * 1024);

			// After a flush that shared nothing the guess starts small again: 30 packages
			// of 14 bytes, the first alone, then 256 bytes for 18 of them, grown to 512 for
			// the other 11.
			this.replies.next(client, (session) -> writeAll(session, payloads(1, 10)));
			List<byte[]> small = payloads(30, 10);
			this.replies.next(client, (session) -> writeAll(session, small));
			assertThat(client.readFrame()).isEqualTo("0.........");
			assertThat(readFrames(client, small.size())).containsExactlyElementsOf(texts(small));
			assertThat(this.replies.netty).containsExactly("write 14", "write " + 29 * 14, "flush");
			assertThat(this.replies.capacities).containsExactly(14, 512);
		}
	}

	@Test
	void aSharedBufferGoesOutWithItsBatchsEarlyFlush() throws Exception {
		// A limit of 128 KiB puts the early flush at 64 KiB (half of it, and the high-water
		// mark): the bound of what one flush, and so one shared buffer, holds.
		TcpServer server = start(LengthFieldCodec.int32BigEndian(),
				(o) -> o.withOutboundLimits(32 * 1024, 64 * 1024, 128 * 1024));
		List<byte[]> payloads = payloads(100, 1024 - HEADER);
		try (RawClient client = new RawClient(server.port())) {
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client,
					(session) -> writeAll(session, payloads));

			assertThat(readFrames(client, payloads.size())).containsExactlyElementsOf(texts(payloads));
			for (CompletableFuture<WriteResult> write : writes) {
				assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(1024, 1));
			}
			// The first package and 63 sharing reach 64 KiB and are flushed at once; the
			// next package after that flush is again the first, and 35 share after it.
			assertThat(this.replies.netty).containsExactly("write 1024", "write " + 63 * 1024, "flush", "write 1024",
					"write " + 35 * 1024, "flush");
		}
	}

	@Test
	void aPackageWhoseWriterFailsHalfwayLeavesNoBytesBehind() throws Exception {
		TcpServer server = start(new FailingOnBad(), (o) -> o);
		try (RawClient client = new RawClient(server.port())) {
			warmUp(client);
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client,
					(session) -> List.of(session.writePkg(bytes("first")), session.writePkg(bytes("second")),
							session.writePkg(bytes("bad")), session.writePkg(bytes("last"))));

			assertThat(readFrames(client, 3)).containsExactly("first", "second", "last");
			assertThat(Futures.failureOf(writes.get(2), Duration.ofSeconds(5))).isInstanceOf(CodecException.class)
				.hasMessageContaining("half a package");
			assertThat(writes.get(3).get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(4 + HEADER, 1));
			// "second" and "last" shared a buffer; nothing of "bad" is left between them.
			assertThat(this.replies.netty).containsExactly("write " + (5 + HEADER), "write " + (6 + HEADER + 4 + HEADER),
					"flush");
		}
	}

	@Test
	void aPackageRefusedByTheOutboundLimitLeavesNoBytesBehind() throws Exception {
		// The high-water mark at the limit: the flush handler flushes early no sooner than
		// that, so all of the callback's packages stay pending until it returns.
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o.withOutboundLimits(512, 1000, 1000));
		List<byte[]> payloads = payloads(20, 100);
		try (RawClient client = new RawClient(server.port())) {
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client, (session) -> {
				List<CompletableFuture<WriteResult>> accepted = new ArrayList<>();
				for (byte[] payload : payloads) {
					CompletableFuture<WriteResult> write = session.writePkg(payload);
					accepted.add(write);
					if (write.isCompletedExceptionally()) {
						break;
					}
				}
				return accepted;
			});
			// Nine packages of 104 bytes fit in 1,000; the tenth is refused.
			assertThat(writes).hasSize(10);
			assertThat(Futures.failureOf(writes.get(9), Duration.ofSeconds(5)))
				.isInstanceOf(OutboundBufferFullException.class)
				.hasMessageContaining("already has 936 bytes waiting");
			assertThat(readFrames(client, 9)).containsExactlyElementsOf(texts(payloads.subList(0, 9)));

			// Nothing of the refused package followed them.
			this.replies.next(client, (session) -> List.of(session.writePkg(bytes("next"))));
			assertThat(client.readFrame()).isEqualTo("next");
		}
	}

	@Test
	void closingRightAfterSmallWritesSendsThemFirst() throws Exception {
		TcpServer server = start(LengthFieldCodec.int32BigEndian(), (o) -> o);
		try (RawClient client = new RawClient(server.port())) {
			List<CompletableFuture<WriteResult>> writes = this.replies.next(client, (session) -> {
				List<CompletableFuture<WriteResult>> written = writeAll(session, List.of(bytes("x"), bytes("y")));
				session.close();
				return written;
			});

			assertThat(readFrames(client, 2)).containsExactly("x", "y");
			assertThat(client.awaitClosedByPeer()).isTrue();
			for (CompletableFuture<WriteResult> write : writes) {
				assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(1 + HEADER, 1));
			}
		}
	}

	@Test
	void streamCompressionWritesEveryPackageOnItsOwn() throws Exception {
		// The deflater below the flush handler ends each package with a sync flush, as
		// Getty does: packages do not share buffers under it.
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.compression(Deflater.DEFAULT_COMPRESSION)
			.listener(this.replies)
			.build();
		this.resources.add(server);
		server.start();
		try (RawClient client = new RawClient(server.port())) {
			List<CompletableFuture<WriteResult>> writes = this.replies.nextAfterOpen(client,
					(session) -> writeAll(session, payloads(3, 10)));
			for (CompletableFuture<WriteResult> write : writes) {
				assertThat(write.get(5, TimeUnit.SECONDS)).isEqualTo(new WriteResult(10 + HEADER, 1));
			}
			assertThat(this.replies.netty).containsExactly("write 14", "write 14", "write 14", "flush");
		}
	}

	private TcpServer start(ReadWriter<byte[]> codec, UnaryOperator<SessionOptions> options) {
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(codec)
			.sessionOptions(options)
			.listener(this.replies)
			.build();
		this.resources.add(server);
		server.start();
		return server;
	}

	/**
	 * Have the session share 7 KiB in a flush, so that its next flush starts with a buffer
	 * that large (see {@link #aFlushSharesOneBufferGrownToHoldItsSmallPackages}).
	 */
	private void warmUp(RawClient client) throws Exception {
		List<byte[]> payloads = payloads(8, 1024 - HEADER);
		this.replies.next(client, (session) -> writeAll(session, payloads));
		assertThat(readFrames(client, payloads.size())).containsExactlyElementsOf(texts(payloads));
	}

	private static List<CompletableFuture<WriteResult>> writeAll(Session session, List<byte[]> payloads) {
		List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
		for (byte[] payload : payloads) {
			writes.add(session.writePkg(payload));
		}
		return writes;
	}

	/** Distinct payloads of the given length: the index, padded with dots. */
	private static List<byte[]> payloads(int count, int length) {
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] payload = new byte[length];
			Arrays.fill(payload, (byte) '.');
			byte[] index = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
			System.arraycopy(index, 0, payload, 0, index.length);
			payloads.add(payload);
		}
		return payloads;
	}

	private static List<String> texts(List<byte[]> payloads) {
		return payloads.stream().map((payload) -> new String(payload, StandardCharsets.UTF_8)).toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> readFrames(RawClient client, int count) throws Exception {
		List<String> frames = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			frames.add(client.readFrame());
		}
		return frames;
	}

	/**
	 * On each package received, runs the writes the test gave for it on the I/O thread,
	 * inside the read, as a listener answering a request does; records what the session's
	 * flush handler hands to Netty.
	 */
	static final class Replies extends RecordingListener<byte[]> {

		/** Netty's writes (by size) and flushes below the flush handler, in order. */
		final List<String> netty = new CopyOnWriteArrayList<>();

		/** The capacity of each buffer written, in order. */
		final List<Integer> capacities = new CopyOnWriteArrayList<>();

		volatile Session session;

		private final BlockingQueue<Function<Session, List<CompletableFuture<WriteResult>>>> actions = new LinkedBlockingQueue<>();

		private final BlockingQueue<List<CompletableFuture<WriteResult>>> results = new LinkedBlockingQueue<>();

		Replies() {
			super(false);
		}

		@Override
		protected void opening(Session session) {
			this.session = session;
			session.channel().pipeline().addBefore(GettyPipeline.FLUSH_CONSOLIDATION, "test.recorder", new Recorder());
		}

		/**
		 * Send a package and return the writes the action made when it arrived.
		 */
		List<CompletableFuture<WriteResult>> next(RawClient client,
				Function<Session, List<CompletableFuture<WriteResult>>> action) throws Exception {
			this.actions.add(action);
			client.sendFrame("go");
			return awaitWrites();
		}

		/**
		 * Run the action on the I/O thread once the session is open, outside a read.
		 */
		List<CompletableFuture<WriteResult>> nextAfterOpen(RawClient client,
				Function<Session, List<CompletableFuture<WriteResult>>> action) throws Exception {
			Session open = this.opened.poll(5, TimeUnit.SECONDS);
			assertThat(open).as("an open session").isNotNull();
			open.channel().eventLoop().execute(() -> this.results.add(action.apply(open)));
			return awaitWrites();
		}

		private List<CompletableFuture<WriteResult>> awaitWrites() throws InterruptedException {
			List<CompletableFuture<WriteResult>> writes = this.results.poll(5, TimeUnit.SECONDS);
			assertThat(writes).as("the writes of the action").isNotNull();
			return writes;
		}

		@Override
		protected void handle(Session session, byte[] pkg) {
			this.netty.clear();
			this.capacities.clear();
			Function<Session, List<CompletableFuture<WriteResult>>> action = this.actions.poll();
			assertThat(action).as("an action for the package received").isNotNull();
			this.results.add(action.apply(session));
		}

		/** Records what reaches it from the flush handler: writes, and flushes of writes. */
		private final class Recorder extends ChannelOutboundHandlerAdapter {

			private int unflushed;

			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				this.unflushed++;
				Replies.this.netty.add("write " + ((ByteBuf) msg).readableBytes());
				Replies.this.capacities.add(((ByteBuf) msg).capacity());
				ctx.write(msg, promise);
			}

			@Override
			public void flush(ChannelHandlerContext ctx) {
				if (this.unflushed > 0) {
					this.unflushed = 0;
					Replies.this.netty.add("flush");
				}
				ctx.flush();
			}

		}

	}

	/**
	 * Length-prefixed byte arrays; writing the payload {@code "bad"} writes half a package
	 * and then fails.
	 */
	static final class FailingOnBad implements ReadWriter<byte[]> {

		private final LengthFieldCodec<byte[]> codec = LengthFieldCodec.int32BigEndian();

		@Override
		public byte[] read(Session session, ByteBuf in) throws Exception {
			return this.codec.read(session, in);
		}

		@Override
		public void write(Session session, Object pkg, ByteBuf out) throws Exception {
			if (Arrays.equals((byte[]) pkg, bytes("bad"))) {
				out.writeInt(3).writeByte('b');
				throw new IllegalStateException("wrote half a package");
			}
			this.codec.write(session, pkg, out);
		}

		@Override
		public int sizeHint(Object pkg) {
			return this.codec.sizeHint(pkg);
		}

	}

}
