package io.getty.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.getty.Session;
import io.getty.codec.CodecException;
import io.getty.codec.MessageTooLongException;
import io.getty.codec.PackageReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds a {@link FuzzInput} to a {@link PackageReader} the way the session's decoder does
 * (Netty's {@code ByteToMessageDecoder} with the merge cumulator, driving
 * {@code io.getty.internal.SessionDecoder}), and checks the {@link PackageReader}
 * contract on every call:
 * <ul>
 * <li>{@code null} leaves the reader index where it was;</li>
 * <li>a package advances the reader index by more than 0 bytes and at most the readable
 * bytes, and by at most max-msg-len when the reader is one that enforces the limit itself
 * (the session rejects a longer package of the others, as {@code SessionDecoder}
 * does);</li>
 * <li>the only exceptions are {@link CodecException} and {@link MessageTooLongException}:
 * anything else, an {@link Error} such as {@link OutOfMemoryError} or
 * {@link StackOverflowError} included, fails the target;</li>
 * <li>the writer index, the bytes and the reference count of the buffer are untouched;</li>
 * <li>one call allocates at most {@link #allocationBound(int)} bytes on the heap: never an
 * amount that follows a length announced in the input (a call over the bound is measured
 * once more on a copy of its input, since loading classes on a new path allocates
 * too; the bound is looser when fuzzing, see there);</li>
 * <li>every buffer the driver allocated is released and freed when it returns (the codec
 * kept no reference), besides Netty's paranoid leak detector.</li>
 * </ul>
 * The bytes arrive in two parts cut at a fuzzer-chosen point; after each arrival the
 * reader is called while bytes remain and it makes progress, and the session's own limit
 * (no more than max-msg-len bytes buffered without a package) is applied.
 */
final class DecoderDriver {

	private static final com.sun.management.@Nullable ThreadMXBean THREADS = threadBean();

	private static final boolean FUZZING = RegressionMode.isFuzzing();

	private DecoderDriver() {
	}

	/**
	 * Drive {@code reader} over {@code input}.
	 * @param reader the codec under test
	 * @param input the fuzz input
	 * @param enforcesMaxMsgLen whether the reader must itself never return a package longer
	 * than max-msg-len (framing codecs), rather than leave that to the session
	 * @return what happened
	 */
	static <T> Outcome<T> drive(PackageReader<T> reader, FuzzInput input, boolean enforcesMaxMsgLen) {
		Session session = FuzzSessions.withMaxMsgLen(input.maxMsgLen());
		List<Decoded<T>> packages = new ArrayList<>();
		ByteBuf cumulation = newBuffer(input.direct(), input.split() + input.consumedPrefix());
		boolean returned = false;
		try {
			cumulation.writeZero(input.consumedPrefix()).skipBytes(input.consumedPrefix());
			cumulation.writeBytes(input.firstArrival());
			Outcome<T> outcome = decodeAll(reader, session, input, cumulation, packages, enforcesMaxMsgLen);
			byte[] second = input.secondArrival();
			if (outcome == null && second.length > 0) {
				cumulation = cumulate(cumulation, second, input);
				outcome = decodeAll(reader, session, input, cumulation, packages, enforcesMaxMsgLen);
			}
			if (outcome == null) {
				byte[] pending = snapshot(cumulation, cumulation.readerIndex(), cumulation.readableBytes());
				outcome = new Outcome<>(packages, null, false, new byte[0], pending);
			}
			returned = true;
			return outcome;
		}
		finally {
			int refCnt = cumulation.refCnt();
			boolean freed = refCnt > 0 && cumulation.release(refCnt);
			if (returned) {
				assertThat(refCnt).as("reference count of the cumulation buffer after decoding").isEqualTo(1);
				assertThat(freed).as("cumulation buffer freed").isTrue();
			}
		}
	}

	/**
	 * Return a heap buffer for a target's own checks, such as writing a package back:
	 * outside Netty's leak tracking, which costs a stack trace per access; release it all
	 * the same.
	 */
	static ByteBuf scratchBuffer() {
		return new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, 256, Integer.MAX_VALUE);
	}

	/**
	 * Return the most bytes one read may allocate on the heap for {@code readable} bytes:
	 * generous for what the codecs and Jackson need per input byte, far below anything
	 * that follows an announced length instead of the received bytes.
	 */
	static long allocationBound(int readable) {
		// When fuzzing, Jazzer's comparison hooks in the instrumented code allocate on the
		// same thread (tens of megabytes for one JSON document with Jackson instrumented),
		// so the bound is looser there; the build replays the corpus with the strict one.
		return FUZZING ? (256L << 20) + 65536L * readable : (16L << 20) + 64L * readable;
	}

	private static <T> @Nullable Outcome<T> decodeAll(PackageReader<T> reader, Session session, FuzzInput input,
			ByteBuf in, List<Decoded<T>> packages, boolean enforcesMaxMsgLen) {
		// ByteToMessageDecoder.callDecode: call while bytes remain and the reader progresses.
		while (in.isReadable()) {
			int readerIndex = in.readerIndex();
			int writerIndex = in.writerIndex();
			int readable = in.readableBytes();
			byte[] before = snapshot(in, readerIndex, readable);
			long allocatedBefore = allocatedBytes();
			T pkg;
			try {
				pkg = reader.read(session, in);
			}
			catch (CodecException | MessageTooLongException ex) {
				checkAllocation(reader, session, allocatedBefore, before);
				checkBufferUntouched(reader, in, writerIndex, before, readerIndex);
				return new Outcome<>(packages, ex, false, before, new byte[0]);
			}
			catch (AssertionError ex) {
				// A check of the target's own around the codec.
				throw ex;
			}
			catch (Throwable ex) {
				// An unexpected exception type, a StackOverflowError or an OutOfMemoryError
				// is a bug whatever the input was.
				throw new AssertionError(reader + " threw " + ex + " on " + readable + " readable bytes with max-msg-len "
						+ input.maxMsgLen() + "; only CodecException and MessageTooLongException are allowed", ex);
			}
			checkAllocation(reader, session, allocatedBefore, before);
			checkBufferUntouched(reader, in, writerIndex, before, readerIndex);
			if (pkg == null) {
				assertThat(in.readerIndex()).as("%s returned null (need more bytes) but moved the reader index", reader)
					.isEqualTo(readerIndex);
				// SessionDecoder.incomplete: no more than max-msg-len bytes without a package.
				if (input.exceedsLimit(readable)) {
					return new Outcome<>(packages, new MessageTooLongException("session: " + readable
							+ " bytes buffered without a package", readable, input.maxMsgLen()), true, before, new byte[0]);
				}
				return null;
			}
			int used = in.readerIndex() - readerIndex;
			assertThat(used).as("bytes %s consumed for a package", reader).isPositive().isLessThanOrEqualTo(readable);
			if (input.exceedsLimit(used)) {
				if (enforcesMaxMsgLen) {
					fail("%s returned a %d-byte package although max-msg-len is %d", reader, used, input.maxMsgLen());
				}
				// SessionDecoder: PackageReader.checkLength(session, used) after the read.
				release(pkg);
				return new Outcome<>(packages, new MessageTooLongException("session: a " + used + "-byte package", used,
						input.maxMsgLen()), true, before, new byte[0]);
			}
			packages.add(new Decoded<>(pkg, Arrays.copyOf(before, used)));
		}
		return null;
	}

	private static ByteBuf cumulate(ByteBuf cumulation, byte[] arrival, FuzzInput input) {
		ByteBuf in = newBuffer(input.direct(), arrival.length).writeBytes(arrival);
		if (!cumulation.isReadable()) {
			// ByteToMessageDecoder releases a fully read cumulation; the arrival becomes the
			// cumulation.
			assertThat(cumulation.release()).as("drained cumulation buffer freed").isTrue();
			return in;
		}
		ByteBuf result;
		if (input.expandOnSecondArrival()) {
			// ByteToMessageDecoder.expandCumulation: a new buffer holding both parts.
			result = newBuffer(!input.direct(), cumulation.readableBytes() + in.readableBytes());
			result.writeBytes(cumulation).writeBytes(in);
			assertThat(cumulation.release()).as("old cumulation buffer freed").isTrue();
		}
		else {
			result = cumulation.writeBytes(in);
		}
		assertThat(in.release()).as("arrival buffer freed").isTrue();
		return result;
	}

	private static ByteBuf newBuffer(boolean direct, int capacity) {
		return direct ? ByteBufAllocator.DEFAULT.directBuffer(capacity) : ByteBufAllocator.DEFAULT.heapBuffer(capacity);
	}

	private static void checkBufferUntouched(PackageReader<?> reader, ByteBuf in, int writerIndex, byte[] before,
			int readerIndex) {
		assertThat(in.writerIndex()).as("%s changed the writer index", reader).isEqualTo(writerIndex);
		assertThat(in.refCnt()).as("%s changed the reference count of its input", reader).isEqualTo(1);
		assertThat(snapshot(in, readerIndex, before.length)).as("%s changed the bytes it read", reader)
			.isEqualTo(before);
	}

	private static void checkAllocation(PackageReader<?> reader, Session session, long allocatedBefore, byte[] input) {
		if (allocatedBefore < 0) {
			return;
		}
		long bound = allocationBound(input.length);
		if (allocatedBytes() - allocatedBefore <= bound) {
			return;
		}
		// The first read down a new path also loads classes (and, when fuzzing, Jazzer
		// instruments them on this thread): measure the same read again, which loads
		// nothing new.
		ByteBuf again = ByteBufAllocator.DEFAULT.heapBuffer(input.length).writeBytes(input);
		long allocated;
		try {
			long start = allocatedBytes();
			try {
				release(reader.read(session, again));
			}
			catch (Exception ex) {
				// The same exception as the first read; only the allocation matters here.
			}
			allocated = allocatedBytes() - start;
		}
		finally {
			again.release();
		}
		assertThat(allocated).as("heap bytes %s allocated for %d readable bytes", reader, input.length)
			.isLessThanOrEqualTo(bound);
	}

	/**
	 * Copy bytes of {@code buf} for the driver's own checks without adding an access record
	 * to Netty's paranoid leak tracking (which records a stack trace per access and would
	 * otherwise dominate the time per input); the codec's accesses are still tracked.
	 */
	private static byte[] snapshot(ByteBuf buf, int index, int length) {
		ByteBuf untracked = buf.unwrap();
		return ByteBufUtil.getBytes((untracked != null) ? untracked : buf, index, length);
	}

	private static void release(@Nullable Object pkg) {
		ReferenceCountUtil.release(pkg);
	}

	private static long allocatedBytes() {
		return (THREADS != null) ? THREADS.getCurrentThreadAllocatedBytes() : -1;
	}

	private static com.sun.management.@Nullable ThreadMXBean threadBean() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
				&& bean.isThreadAllocatedMemorySupported()) {
			bean.setThreadAllocatedMemoryEnabled(true);
			return bean;
		}
		return null;
	}

	/**
	 * One package and the bytes it was read from.
	 *
	 * @param <T> the package type
	 * @param pkg the package
	 * @param frame the bytes the reader consumed for it
	 */
	record Decoded<T>(T pkg, byte[] frame) {
	}

	/**
	 * What became of one fuzz input.
	 *
	 * @param <T> the package type
	 * @param packages the packages, in order
	 * @param failure the exception that would close the session, or {@code null}
	 * @param failedInSession whether the session threw {@code failure} (a limit the
	 * session applies after the reader) rather than the reader
	 * @param failedInput the readable bytes of the read that failed
	 * @param pending the bytes still buffered, waiting for more, when nothing failed
	 */
	record Outcome<T>(List<Decoded<T>> packages, @Nullable RuntimeException failure, boolean failedInSession,
			byte[] failedInput, byte[] pending) {

		/** Return all consumed bytes followed by the pending ones. */
		byte[] consumedAndPending() {
			ByteArray out = new ByteArray();
			this.packages.forEach((decoded) -> out.add(decoded.frame()));
			out.add(this.pending);
			return out.toArray();
		}

	}

	/** A growable byte array. */
	static final class ByteArray {

		private byte[] bytes = new byte[16];

		private int length;

		ByteArray add(byte[] more) {
			if (this.length + more.length > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more.length));
			}
			System.arraycopy(more, 0, this.bytes, this.length, more.length);
			this.length += more.length;
			return this;
		}

		byte[] toArray() {
			return Arrays.copyOf(this.bytes, this.length);
		}

	}

}
