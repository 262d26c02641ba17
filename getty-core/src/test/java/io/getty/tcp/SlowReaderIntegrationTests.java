package io.getty.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.getty.OutboundBufferFullException;
import io.getty.Session;
import io.getty.WriteResult;
import io.getty.WriteTimeoutException;
import io.getty.codec.LengthFieldCodec;
import io.getty.test.Futures;
import io.getty.test.KernelBuffers;
import io.getty.test.RawClient;
import io.getty.test.RecordingListener;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that never reads: writes fail with the documented exceptions, server memory
 * stays within the per-session cap, and other sessions carry on.
 */
class SlowReaderIntegrationTests {

	private static final long MAX_OUTBOUND = 1024 * 1024;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void writesToAPeerThatNeverReadsFailOnceTheOutboundCapIsReached() throws Exception {
		RecordingListener<byte[]> listener = RecordingListener.echo();
		TcpServer server = TcpServer.builder()
			.host("127.0.0.1")
			.codec(LengthFieldCodec.int32BigEndian())
			.listener(listener)
			.sessionOptions((o) -> o.withOutboundLimits(32 * 1024, 64 * 1024, MAX_OUTBOUND)
				.withWriteTimeout(Duration.ofMillis(200)))
			.build();
		this.resources.add(server);
		server.start();
		RawClient stalled = new RawClient(server.port(), 4096);
		this.resources.add(stalled);
		Session stalledSession = listener.awaitOpen();
		RawClient healthy = new RawClient(server.port());
		this.resources.add(healthy);
		listener.awaitOpen();
		long memoryBefore = usedMemory();

		// Try to push up to 1 GiB at a peer that never reads, 64 KiB at a time. The kernel's
		// send buffer takes a few MiB first, so a refusal only counts once the writes
		// already accepted stop completing.
		byte[] chunk = new byte[64 * 1024];
		long attempted = 0;
		long accepted = 0;
		Throwable refusal = null;
		List<CompletableFuture<WriteResult>> writes = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (attempted < 1024L * 1024 * 1024 && System.nanoTime() < deadline) {
			CompletableFuture<WriteResult> write = stalledSession.writePkg(chunk);
			attempted += chunk.length;
			if (!write.isCompletedExceptionally()) {
				accepted += chunk.length;
				writes.add(write);
				continue;
			}
			refusal = causeOf(write);
			CompletableFuture<WriteResult> last = writes.get(writes.size() - 1);
			try {
				last.get(500, TimeUnit.MILLISECONDS);
			}
			catch (java.util.concurrent.TimeoutException | ExecutionException ex) {
				// Still queued, or already failed its write timeout: the peer is full.
				break;
			}
		}
		assertThat(refusal).isInstanceOf(OutboundBufferFullException.class)
			.hasMessageContaining("max-outbound-bytes")
			.hasMessageContaining(Long.toString(MAX_OUTBOUND));
		// What was accepted is the cap plus what the kernel's send buffer took.
		assertThat(accepted).isLessThanOrEqualTo(MAX_OUTBOUND + KernelBuffers.sendBufferMax());
		long growth = usedMemory() - memoryBefore;
		// Reported for docs/reliability.md.
		System.out.printf("slow reader: tried %d bytes, %d accepted before %s, buffer memory grew %d bytes "
				+ "(cap %d)%n", attempted, accepted, refusal.getClass().getSimpleName(), growth, MAX_OUTBOUND);
		assertThat(growth).as("server buffer memory held for the stalled peer")
			.isLessThan(MAX_OUTBOUND + 4 * 1024 * 1024);
		assertThat(stalledSession.isWritable()).isFalse();

		// Writes stuck behind the stalled peer time out, and the session stays open.
		Throwable timeout = Futures.failureOf(writes.get(writes.size() - 1), Duration.ofSeconds(5));
		assertThat(timeout).isInstanceOf(WriteTimeoutException.class).hasMessageContaining("write timeout");
		assertThat(stalledSession.isClosed()).isFalse();

		healthy.sendFrame("still here");
		assertThat(healthy.readFrame()).isEqualTo("still here");
	}

	private static Throwable causeOf(CompletableFuture<?> future) {
		return Futures.failureOf(future, Duration.ofSeconds(1));
	}

	private static long usedMemory() {
		ByteBufAllocatorMetric metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
		return metric.usedDirectMemory() + metric.usedHeapMemory();
	}

}
