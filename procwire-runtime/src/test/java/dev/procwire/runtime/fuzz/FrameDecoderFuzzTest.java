package dev.procwire.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameDecoder;
import dev.procwire.runtime.internal.frame.FrameException;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The frame decoder against valid frame streams cut at random points, and against mutated and random
 * bytes: it returns the frames that were sent, or throws {@link FrameException} (the connection is
 * dropped); nothing else escapes, and no input makes it allocate more than what arrived plus one
 * bounded eager buffer.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FrameDecoderFuzzTest {
    private static final long MAX_PAYLOAD = 1 << 20;
    /** What one input may make the decoder allocate beyond 4 × its own size (the eager limit, 16 MiB, plus slack). */
    private static final long ALLOCATION_SLACK = (16L << 20) + (256 << 10);

    record Sent(int methodId, int flags, int requestId, byte[] payload) {}

    private static List<Sent> randomFrames(Random r) {
        return randomFrames(r, 300_000);
    }

    private static List<Sent> randomFrames(Random r, int maxLength) {
        List<Sent> frames = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int len = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(16);
                case 2 -> r.nextInt(4096);
                default -> r.nextInt(maxLength);
            };
            byte[] p = new byte[len];
            r.nextBytes(p);
            frames.add(new Sent(1 + r.nextInt(0xffff), r.nextInt(0x40), r.nextInt(), p));
        }
        return frames;
    }

    private static byte[] encode(List<Sent> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = new byte[Frames.HEADER_SIZE];
        for (Sent f : frames) {
            Frames.writeHeader(h, 0, f.methodId, f.flags, f.requestId, f.payload.length);
            out.writeBytes(h);
            out.writeBytes(f.payload);
        }
        return out.toByteArray();
    }

    /**
     * Feeds {@code bytes} in random pieces, alternating, like {@code Connection}, between the staging
     * buffer path and reading straight into {@link FrameDecoder#pendingPayload()}.
     */
    private static List<Frame> decode(Random r, byte[] bytes, FrameDecoder d) throws FrameException {
        List<Frame> out = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            ByteBuffer pending = d.pendingPayload();
            if (pending != null && r.nextBoolean()) {
                int n = Math.min(pending.remaining(), Math.min(bytes.length - pos, 1 + r.nextInt(70_000)));
                pending.put(bytes, pos, n);
                d.payloadFilled(n);
                pos += n;
                Frame f = d.next(ByteBuffer.allocate(0));
                if (f != null) {
                    out.add(f);
                }
                continue;
            }
            int n = Math.min(bytes.length - pos, r.nextInt(4) == 0 ? 1 + r.nextInt(12) : 1 + r.nextInt(100_000));
            ByteBuffer chunk = ByteBuffer.wrap(bytes, pos, n);
            pos += n;
            Frame f;
            while ((f = d.next(chunk)) != null) {
                out.add(f);
            }
            if (chunk.hasRemaining()) {
                fail("decoder returned null with " + chunk.remaining() + " bytes unread");
            }
        }
        return out;
    }

    /** A frame's payload bytes, from its array or its direct buffer. */
    private static byte[] bytesOf(Frame f) {
        if (f.payload() != null) {
            return f.payload();
        }
        byte[] b = new byte[f.length()];
        f.directPayload().buffer().get(0, b);
        return b;
    }

    @Test
    void validStreamsCutAtRandomPointsDecodeToTheFramesSent() throws Exception {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(400);
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            List<Sent> sent = randomFrames(r);
            byte[] bytes = encode(sent);
            FrameDecoder d = new FrameDecoder(MAX_PAYLOAD);
            int directMod = 1 + r.nextInt(3); // every method, every other one, or every third one: direct
            d.setDirectPayloads(id -> id % directMod == 0);
            List<Frame> got = decode(r, bytes, d);
            assertEquals(sent.size(), got.size(), "seed=" + seed + " input=" + i);
            for (int k = 0; k < sent.size(); k++) {
                Sent s = sent.get(k);
                Frame f = got.get(k);
                assertEquals(s.methodId, f.methodId());
                assertEquals(s.flags, f.flags());
                assertEquals(s.requestId, f.requestId());
                assertArrayEquals(s.payload, bytesOf(f), "seed=" + seed + " input=" + i + " frame " + k);
                f.discard();
            }
            assertEquals(false, d.hasPartialFrame());
        }
    }

    @Test
    void mutatedAndRandomStreamsYieldFramesOrAFrameExceptionOnly() {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(3000);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            corpus.add(encode(randomFrames(Fuzz.random(~seed, i), 2048)));
        }
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            byte[] input = r.nextInt(5) == 0 ? Fuzz.randomBytes(r, 64) : Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            long maxPayload = r.nextBoolean() ? MAX_PAYLOAD : Frames.HARD_MAX_PAYLOAD;
            long before = Fuzz.allocatedBytes();
            try {
                List<Frame> frames = decode(r, input, new FrameDecoder(maxPayload));
                long payloadBytes = frames.stream().mapToLong(f -> f.payload().length + Frames.HEADER_SIZE).sum();
                if (payloadBytes > input.length) {
                    fail("decoded more bytes than were sent: " + Fuzz.describe(seed, i, input));
                }
                for (Frame f : frames) {
                    assertNotNull(f.payload());
                    if (f.methodId() == 0 || (f.flags() & Frames.RESERVED_FLAGS) != 0 || f.payload().length > maxPayload) {
                        fail("an invalid frame was let through: " + Fuzz.describe(seed, i, input));
                    }
                }
            } catch (FrameException expected) {
                // the connection is dropped: a clean outcome
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for " + Fuzz.describe(seed, i, input), t);
            }
            long allocated = Fuzz.allocatedBytes() - before;
            if (allocated > 4L * input.length + ALLOCATION_SLACK) {
                fail("allocated " + allocated + " bytes for a " + input.length + "-byte input: " + Fuzz.describe(seed, i, input));
            }
        }
    }

    @Test
    void aHeaderClaimingTheLargestPayloadsAllocatesNoMoreThanTheEagerLimit() throws Exception {
        for (long claimed : new long[] {Frames.HARD_MAX_PAYLOAD, Frames.DEFAULT_MAX_PAYLOAD, 0xffffffffL, 3L << 30}) {
            byte[] h = new byte[Frames.HEADER_SIZE];
            Frames.writeHeader(h, 0, 1, 0, 1, (int) claimed);
            FrameDecoder d = new FrameDecoder(Frames.HARD_MAX_PAYLOAD);
            long before = Fuzz.allocatedBytes();
            try {
                assertEquals(null, d.next(ByteBuffer.wrap(h)));
                d.next(ByteBuffer.wrap(new byte[1000]));
            } catch (FrameException expected) {
                continue; // above the hard maximum: refused before any allocation
            }
            long allocated = Fuzz.allocatedBytes() - before;
            if (allocated > ALLOCATION_SLACK) {
                fail("a header claiming " + claimed + " bytes made the decoder allocate " + allocated);
            }
        }
    }
}
