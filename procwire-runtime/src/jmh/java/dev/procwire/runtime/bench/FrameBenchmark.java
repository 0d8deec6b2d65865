package dev.procwire.runtime.bench;

import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameDecoder;
import dev.procwire.runtime.internal.frame.FrameException;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Frame decode (what the reader thread does with the bytes of one socket read) and frame encode (a
 * payload written after {@link MsgPackWriter} headroom, then the 11-byte header in front of it), for
 * small frames (the 78-byte request of the end-to-end benchmark) and large ones (a 1 MiB stream chunk,
 * a 16 MiB echo). Operations are frames; for large frames, bytes per second = ops/s × size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FrameBenchmark {
    static final int SMALL_PAYLOAD = 78;
    static final int BATCH = 64;

    private final FrameDecoder decoder = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
    private ByteBuffer smallFrames;
    private byte[] smallPayload;
    private MsgPackWriter reused;

    @Setup
    public void setUp() {
        smallPayload = new byte[SMALL_PAYLOAD];
        Arrays.fill(smallPayload, (byte) 0x5a);
        smallFrames = frames(BATCH, smallPayload);
        reused = new MsgPackWriter(Frames.HEADER_SIZE, 256);
    }

    /** {@code count} request frames carrying {@code payload}, back to back in a direct buffer (as read from the socket). */
    static ByteBuffer frames(int count, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocateDirect(count * (Frames.HEADER_SIZE + payload.length));
        byte[] header = new byte[Frames.HEADER_SIZE];
        for (int i = 0; i < count; i++) {
            Frames.writeHeader(header, 0, 1, 0, i + 1, payload.length);
            b.put(header).put(payload);
        }
        return b.flip();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeSmall(Blackhole bh) throws FrameException {
        ByteBuffer in = smallFrames;
        in.position(0);
        for (int i = 0; i < BATCH; i++) {
            bh.consume(decoder.next(in));
        }
    }

    /** As the runtime answers today: a fresh writer per frame. */
    @Benchmark
    public MsgPackWriter encodeSmall() {
        MsgPackWriter w = new MsgPackWriter(Frames.HEADER_SIZE, 128);
        w.writeRaw(smallPayload);
        Frames.writeHeader(w.buffer(), 0, 1, Frames.FLAGS_RESULT, 42, w.size());
        return w;
    }

    /** The same into a reused (pooled) writer. */
    @Benchmark
    public MsgPackWriter encodeSmallReused() {
        MsgPackWriter w = reused;
        w.reset();
        w.writeRaw(smallPayload);
        Frames.writeHeader(w.buffer(), 0, 1, Frames.FLAGS_RESULT, 42, w.size());
        return w;
    }

    /** One large frame: decoded from a buffer holding it whole, or encoded as a bin chunk like a stream sink does. */
    @State(Scope.Thread)
    public static class Large {
        @Param({"1048576", "16777216"})
        int size;

        final FrameDecoder decoder = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
        ByteBuffer frame;
        byte[] payload;

        @Setup
        public void setUp() {
            payload = new byte[size];
            Arrays.fill(payload, (byte) 0x5a);
            frame = frames(1, payload);
        }
    }

    @Benchmark
    public Frame decodeLarge(Large s) throws FrameException {
        s.frame.position(0);
        return s.decoder.next(s.frame);
    }

    @Benchmark
    public MsgPackWriter encodeLarge(Large s) {
        MsgPackWriter w = new MsgPackWriter(Frames.HEADER_SIZE, 128);
        w.writeBinary(s.payload);
        Frames.writeHeader(w.buffer(), 0, 1, Frames.FLAGS_CHUNK, 42, w.size());
        return w;
    }
}
