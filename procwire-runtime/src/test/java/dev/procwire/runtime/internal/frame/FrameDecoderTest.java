package dev.procwire.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
    private static final long MAX = Frames.DEFAULT_MAX_PAYLOAD;

    static byte[] frame(int methodId, int flags, int requestId, byte[] payload) {
        return frame(methodId, flags, requestId, payload.length, payload);
    }

    /** A frame whose header claims {@code claimed} bytes, followed by {@code payload} (which may be shorter). */
    static byte[] frame(int methodId, int flags, int requestId, long claimed, byte[] payload) {
        byte[] b = new byte[Frames.HEADER_SIZE + payload.length];
        Frames.writeHeader(b, 0, methodId, flags, requestId, (int) claimed);
        System.arraycopy(payload, 0, b, Frames.HEADER_SIZE, payload.length);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<Frame> drain(FrameDecoder d, ByteBuffer src) throws FrameException {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = d.next(src)) != null) {
            frames.add(f);
        }
        return frames;
    }

    private static void assertFrame(Frame f, int methodId, int flags, int requestId, byte[] payload) {
        assertEquals(methodId, f.methodId(), "method id");
        assertEquals(flags, f.flags(), "flags");
        assertEquals(requestId, f.requestId(), "request id");
        assertArrayEquals(payload, f.payload(), "payload");
    }

    @Test
    void decodesAWholeFrame() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        ByteBuffer src = ByteBuffer.wrap(frame(7, 0, 42, new byte[] {1, 2, 3}));
        Frame f = d.next(src);
        assertFrame(f, 7, 0, 42, new byte[] {1, 2, 3});
        assertFalse(src.hasRemaining());
        assertNull(d.next(src));
        assertFalse(d.hasPartialFrame());
    }

    @Test
    void decodesAFrameFedOneByteAtATime() throws FrameException {
        byte[] payload = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = frame(3, 0, 9, payload);
        FrameDecoder d = new FrameDecoder(MAX);
        for (int i = 0; i < bytes.length - 1; i++) {
            assertNull(d.next(ByteBuffer.wrap(bytes, i, 1)), "frame completed early at byte " + i);
            assertTrue(d.hasPartialFrame());
        }
        Frame f = d.next(ByteBuffer.wrap(bytes, bytes.length - 1, 1));
        assertFrame(f, 3, 0, 9, payload);
        assertFalse(d.hasPartialFrame());
    }

    @Test
    void decodesManyFramesFromOneBuffer() throws FrameException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 1; i <= 100; i++) {
            all.writeBytes(frame(i, 0, i * 1000, new byte[i % 7]));
        }
        List<Frame> frames = drain(new FrameDecoder(MAX), ByteBuffer.wrap(all.toByteArray()));
        assertEquals(100, frames.size());
        for (int i = 1; i <= 100; i++) {
            assertFrame(frames.get(i - 1), i, 0, i * 1000, new byte[i % 7]);
        }
    }

    @Test
    void decodesTwoFramesSplitAtEveryPosition() throws FrameException {
        byte[] a = frame(1, 0, 1, new byte[] {10, 11, 12, 13});
        byte[] b = frame(2, 0, 2, new byte[0]);
        byte[] c = frame(3, 0, 3, new byte[] {30});
        byte[] all = concat(a, b, c);
        for (int split = 0; split <= all.length; split++) {
            FrameDecoder d = new FrameDecoder(MAX);
            List<Frame> frames = new ArrayList<>(drain(d, ByteBuffer.wrap(all, 0, split)));
            frames.addAll(drain(d, ByteBuffer.wrap(all, split, all.length - split)));
            assertEquals(3, frames.size(), "split at " + split);
            assertFrame(frames.get(0), 1, 0, 1, new byte[] {10, 11, 12, 13});
            assertFrame(frames.get(1), 2, 0, 2, new byte[0]);
            assertFrame(frames.get(2), 3, 0, 3, new byte[] {30});
        }
    }

    @Test
    void decodesRandomlyChunkedStreamsIntact() throws FrameException {
        Random rnd = new Random(20240611);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] p = new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(70_000) : rnd.nextInt(40)];
            rnd.nextBytes(p);
            payloads.add(p);
            all.writeBytes(frame(1 + i, 0, i, p));
        }
        byte[] bytes = all.toByteArray();
        FrameDecoder d = new FrameDecoder(MAX);
        List<Frame> frames = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            int n = Math.min(bytes.length - pos, 1 + rnd.nextInt(5000));
            frames.addAll(drain(d, ByteBuffer.wrap(bytes, pos, n)));
            pos += n;
        }
        assertEquals(payloads.size(), frames.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertFrame(frames.get(i), 1 + i, 0, i, payloads.get(i));
        }
    }

    @Test
    void emptyPayloadIsAFrameOfItsOwn() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        Frame f = d.next(ByteBuffer.wrap(frame(Frames.ABORT_METHOD_ID, 0, 5, new byte[0])));
        assertFrame(f, Frames.ABORT_METHOD_ID, 0, 5, new byte[0]);
        assertNull(d.pendingPayload());
    }

    @Test
    void requestIdIsKeptAsReceivedIncludingAllOnes() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        Frame f = d.next(ByteBuffer.wrap(frame(1, 0, 0xFFFFFFFF, new byte[0])));
        assertEquals(0xFFFFFFFF, f.requestId());
        assertEquals(0xFFFFFFFFL, f.requestIdUnsigned());
        Frame g = d.next(ByteBuffer.wrap(frame(1, 0, 0x80000000, new byte[0])));
        assertEquals(0x80000000L, g.requestIdUnsigned());
    }

    @Test
    void methodIdsAboveTheSignedShortRangeAreUnsigned() throws FrameException {
        Frame f = new FrameDecoder(MAX).next(ByteBuffer.wrap(frame(0x8001, 0, 1, new byte[0])));
        assertEquals(0x8001, f.methodId());
    }

    @Test
    void rejectsMethodIdZeroAtTheHeader() {
        FrameDecoder d = new FrameDecoder(MAX);
        // The header alone is enough: the payload it announces never needs to arrive.
        FrameException e = assertThrows(FrameException.class,
                () -> d.next(ByteBuffer.wrap(frame(0, 0, 1, 100, new byte[0]))));
        assertTrue(e.getMessage().contains("method id 0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x80, 0xC0, 0x41, 0xFF})
    void rejectsReservedFlagBits(int flags) {
        FrameDecoder d = new FrameDecoder(MAX);
        assertThrows(FrameException.class, () -> d.next(ByteBuffer.wrap(frame(1, flags, 1, new byte[0]))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x3F})
    void acceptsEveryDefinedFlagBit(int flags) throws FrameException {
        Frame f = new FrameDecoder(MAX).next(ByteBuffer.wrap(frame(1, flags, 1, new byte[0])));
        assertEquals(flags, f.flags());
    }

    @ParameterizedTest
    @ValueSource(longs = {(1L << 30) + 1, 3L << 30, 0xFFFFFFFFL, 0x80000000L})
    void rejectsALengthAboveTheDefaultMaximumAtTheHeader(long claimed) {
        FrameDecoder d = new FrameDecoder(MAX);
        FrameException e = assertThrows(FrameException.class,
                () -> d.next(ByteBuffer.wrap(frame(1, 0, 1, claimed, new byte[0]))));
        assertTrue(e.getMessage().contains(Long.toString(claimed)), e.getMessage());
    }

    @Test
    void rejectsAboveAConfiguredMaximumAndAcceptsItExactly() throws FrameException {
        FrameDecoder d = new FrameDecoder(16);
        Frame f = d.next(ByteBuffer.wrap(frame(1, 0, 1, new byte[16])));
        assertEquals(16, f.payload().length);
        assertThrows(FrameException.class, () -> d.next(ByteBuffer.wrap(frame(1, 0, 2, new byte[17]))));
    }

    @Test
    void hardCapRejectsFourGibEvenAtTheLargestMaximum() {
        FrameDecoder d = new FrameDecoder(Frames.HARD_MAX_PAYLOAD);
        assertThrows(FrameException.class, () -> d.next(ByteBuffer.wrap(frame(1, 0, 1, 0xFFFFFFFFL, new byte[0]))));
        assertThrows(FrameException.class, () -> d.next(ByteBuffer.wrap(frame(1, 0, 1, 0x80000000L, new byte[0]))));
    }

    @Test
    void maximumOutsideTheHardCapIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(Frames.HARD_MAX_PAYLOAD + 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(MAX).setMaxPayload(1L << 32));
    }

    @Test
    void tighterMaximumAppliesFromTheNextHeader() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        d.next(ByteBuffer.wrap(frame(1, 0, 1, new byte[100])));
        d.setMaxPayload(10);
        assertThrows(FrameException.class, () -> d.next(ByteBuffer.wrap(frame(1, 0, 2, new byte[11]))));
    }

    @Test
    void headerClaimingTheMaximumDoesNotAllocateTheClaim() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        assertNull(d.next(ByteBuffer.wrap(frame(1, 0, 1, MAX, new byte[1000]))));
        assertTrue(d.hasPartialFrame());
        ByteBuffer pending = d.pendingPayload();
        assertNotNull(pending);
        assertTrue(pending.hasArray());
        assertTrue(pending.array().length <= FrameDecoder.EAGER_ALLOCATION_LIMIT,
                "a 1 GiB claim allocated " + pending.array().length + " bytes up front");
        assertEquals(1000, pending.position() - pending.arrayOffset(), "the bytes already received are kept");
    }

    @Test
    void headerClaimingTheMaximumCostsLittleHeap() throws FrameException {
        Runtime rt = Runtime.getRuntime();
        List<FrameDecoder> decoders = new ArrayList<>();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        // Eight lying headers of 1 GiB each: eager allocation would need 8 GiB.
        for (int i = 0; i < 8; i++) {
            FrameDecoder d = new FrameDecoder(MAX);
            assertNull(d.next(ByteBuffer.wrap(frame(1, 0, i + 1, MAX, new byte[10]))));
            decoders.add(d);
        }
        long grown = rt.totalMemory() - rt.freeMemory() - before;
        assertTrue(grown < 8L * FrameDecoder.EAGER_ALLOCATION_LIMIT + (64 << 20),
                "eight 1 GiB claims grew the heap by " + grown + " bytes");
        assertEquals(8, decoders.size());
    }

    @Test
    void largePayloadGrowsWithTheBytesThatArrive() throws FrameException {
        int length = FrameDecoder.EAGER_ALLOCATION_LIMIT + (5 << 20) + 3;
        FrameDecoder d = new FrameDecoder(MAX);
        assertNull(d.next(ByteBuffer.wrap(frame(1, 0, 77, length, new byte[0]))));
        assertEquals(FrameDecoder.EAGER_ALLOCATION_LIMIT, d.pendingPayload().array().length);
        byte[] source = new byte[length];
        new Random(7).nextBytes(source);
        int filled = 0;
        ByteBuffer pending;
        while ((pending = d.pendingPayload()) != null) {
            int n = Math.min(pending.remaining(), Math.min(700_000, length - filled));
            pending.put(source, filled, n);
            d.payloadFilled(n);
            filled += n;
        }
        assertEquals(length, filled);
        Frame f = d.next(ByteBuffer.allocate(0));
        assertNotNull(f, "the frame completes once its payload was filled directly");
        assertEquals(length, f.payload().length, "payload array is exactly the payload");
        assertArrayEquals(source, f.payload());
        assertFalse(d.hasPartialFrame());
    }

    @Test
    void pendingPayloadMixesWithBufferedBytes() throws FrameException {
        byte[] payload = new byte[5000];
        new Random(3).nextBytes(payload);
        byte[] bytes = frame(2, 0, 3, payload);
        FrameDecoder d = new FrameDecoder(MAX);
        assertNull(d.next(ByteBuffer.wrap(bytes, 0, Frames.HEADER_SIZE + 1000)));
        ByteBuffer pending = d.pendingPayload();
        pending.put(bytes, Frames.HEADER_SIZE + 1000, 2000);
        d.payloadFilled(2000);
        Frame f = d.next(ByteBuffer.wrap(bytes, Frames.HEADER_SIZE + 3000, 2000));
        assertFrame(f, 2, 0, 3, payload);
    }

    @Test
    void noPendingPayloadBetweenFrames() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        assertNull(d.pendingPayload());
        assertNull(d.next(ByteBuffer.wrap(frame(1, 0, 1, new byte[4]), 0, 5)));
        assertNull(d.pendingPayload(), "no payload is pending while the header is incomplete");
        assertTrue(d.hasPartialFrame());
    }

    @Test
    void controlMethodIdsPassTheDecoder() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        byte[] token = "t".repeat(64).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertFrame(d.next(ByteBuffer.wrap(frame(Frames.AUTH_METHOD_ID, 0, 0, token))), Frames.AUTH_METHOD_ID, 0, 0, token);
        assertFrame(d.next(ByteBuffer.wrap(frame(Frames.ABORT_METHOD_ID, 0, 9, new byte[0]))),
                Frames.ABORT_METHOD_ID, 0, 9, new byte[0]);
    }

    @Test
    void largePayloadOfADirectMethodIsCollectedInADirectBuffer() throws FrameException {
        byte[] payload = new byte[FrameDecoder.DIRECT_THRESHOLD + 1];
        new Random(11).nextBytes(payload);
        FrameDecoder d = new FrameDecoder(MAX);
        d.setDirectPayloads(id -> id == 2);
        byte[] bytes = frame(2, 0, 8, payload);
        // in two reads: the first part through the read buffer, the rest straight into the payload
        assertNull(d.next(ByteBuffer.wrap(bytes, 0, Frames.HEADER_SIZE + 100)));
        assertTrue(d.pendingIsDirect());
        ByteBuffer pending = d.pendingPayload();
        assertTrue(pending.isDirect());
        assertEquals(100, pending.position(), "the bytes already received are in place");
        pending.put(bytes, Frames.HEADER_SIZE + 100, payload.length - 100);
        d.payloadFilled(payload.length - 100);
        assertFalse(d.pendingIsDirect());
        Frame f = d.next(ByteBuffer.allocate(0));
        assertNull(f.payload());
        ByteBuffer direct = f.directPayload().buffer();
        assertTrue(direct.isDirect());
        assertEquals(0, direct.position());
        assertEquals(payload.length, f.length());
        byte[] back = new byte[payload.length];
        direct.get(0, back);
        assertArrayEquals(payload, back);
        f.discard();
    }

    @Test
    void directPayloadGrowsPastTheEagerLimitAndKeepsItsBytes() throws FrameException {
        int length = FrameDecoder.EAGER_ALLOCATION_LIMIT + (3 << 20) + 7;
        byte[] payload = new byte[length];
        new Random(5).nextBytes(payload);
        FrameDecoder d = new FrameDecoder(MAX);
        d.setDirectPayloads(id -> true);
        ByteBuffer src = ByteBuffer.wrap(frame(1, 0, 3, payload));
        Frame f = null;
        while (f == null) {
            // arrives in uneven slices, as a socket delivers it
            ByteBuffer slice = src.slice().limit(Math.min(src.remaining(), 300_007));
            f = d.next(slice);
            src.position(src.position() + slice.position());
        }
        assertEquals(length, f.length());
        byte[] back = new byte[length];
        f.directPayload().buffer().get(0, back);
        assertArrayEquals(payload, back);
        f.discard();
    }

    @Test
    void smallPayloadsAndOtherMethodsStayInTheHeap() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX);
        d.setDirectPayloads(id -> id == 2);
        byte[] small = new byte[FrameDecoder.DIRECT_THRESHOLD];
        byte[] large = new byte[FrameDecoder.DIRECT_THRESHOLD + 1];
        assertFrame(d.next(ByteBuffer.wrap(frame(2, 0, 1, small))), 2, 0, 1, small);
        assertFrame(d.next(ByteBuffer.wrap(frame(1, 0, 2, large))), 1, 0, 2, large);
        assertNull(d.next(ByteBuffer.wrap(frame(2, 0, 3, FrameDecoder.DIRECT_LIMIT + 1L, new byte[10]))));
        assertFalse(d.pendingIsDirect(), "a payload above the direct limit is collected in the heap");
    }

    @Test
    void releasedBuffersAreReusedUpToTheIdleLimit() {
        DirectPayloads.keepIdleFor(java.util.concurrent.TimeUnit.HOURS.toNanos(1)); // a busy machine may pause
        try {
            reuseUpToTheIdleLimit();
        } finally {
            DirectPayloads.keepIdleFor(DirectPayloads.KEEP_IDLE_NANOS);
        }
    }

    private static void reuseUpToTheIdleLimit() {
        PooledPayload a = DirectPayloads.take(1 << 20);
        long before = DirectPayloads.idleBytes();
        a.release();
        assertEquals(before + a.capacity(), DirectPayloads.idleBytes());
        PooledPayload again = DirectPayloads.take(1000);
        assertTrue(DirectPayloads.idleBytes() < before + a.capacity(), "an idle buffer is reused, not a new one allocated");
        again.release();
        List<PooledPayload> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add(DirectPayloads.take(1 << 20));
        }
        many.forEach(PooledPayload::release);
        assertTrue(DirectPayloads.idleBytes() <= DirectPayloads.MAX_IDLE_BYTES,
                "idle bytes " + DirectPayloads.idleBytes() + " above the limit");
    }

    /** An allocator for payload arrays that fails, as a full heap does, above {@code limit} bytes. */
    private static java.util.function.IntFunction<byte[]> heapOf(int limit) {
        return n -> {
            if (n > limit) {
                throw new OutOfMemoryError("Java heap space");
            }
            return new byte[n];
        };
    }

    /** Feeds {@code bytes} in slices of random sizes, as a socket delivers them, and collects the frames. */
    private static List<Frame> feedInSlices(FrameDecoder d, byte[] bytes, long seed) throws FrameException {
        Random r = new Random(seed);
        List<Frame> out = new ArrayList<>();
        ByteBuffer src = ByteBuffer.wrap(bytes);
        while (src.hasRemaining()) {
            ByteBuffer slice = src.slice().limit(Math.min(src.remaining(), 1 + r.nextInt(3000)));
            Frame f;
            while ((f = d.next(slice)) != null) {
                out.add(f);
            }
            src.position(src.position() + slice.position());
        }
        return out;
    }

    @Test
    void payloadTheHeapCannotHoldCostsOnlyItsOwnFrame() throws FrameException {
        byte[] big = new byte[50_000];
        byte[] small = {1, 2, 3};
        byte[] stream = concat(frame(1, 0, 5, small), frame(3, 0, 6, big), frame(2, 0, 7, small));
        for (long seed = 0; seed < 20; seed++) {
            FrameDecoder d = new FrameDecoder(MAX, heapOf(10_000));
            List<Frame> got = feedInSlices(d, stream, seed);
            assertEquals(3, got.size(), "seed " + seed);
            assertFrame(got.get(0), 1, 0, 5, small);
            Frame dropped = got.get(1);
            assertEquals(3, dropped.methodId());
            assertEquals(6, dropped.requestId());
            assertNull(dropped.payload());
            assertNull(dropped.directPayload());
            assertTrue(dropped.payloadError().contains("50000 bytes") && dropped.payloadError().contains("heap"),
                    dropped.payloadError());
            assertFrame(got.get(2), 2, 0, 7, small);
            assertFalse(d.hasPartialFrame());
        }
    }

    @Test
    void payloadWhoseBufferCannotGrowIsDroppedPartWayAndSkipped() throws FrameException {
        int length = FrameDecoder.EAGER_ALLOCATION_LIMIT + 4096; // its buffer must grow once bytes arrive
        byte[] tail = {9, 8, 7};
        byte[] stream = concat(frame(3, 0, 6, new byte[length]), frame(2, 0, 7, tail));
        FrameDecoder d = new FrameDecoder(MAX, heapOf(FrameDecoder.EAGER_ALLOCATION_LIMIT));
        List<Frame> got = feedInSlices(d, stream, 1);
        assertEquals(2, got.size());
        assertNotNull(got.get(0).payloadError());
        assertEquals(6, got.get(0).requestId());
        assertFrame(got.get(1), 2, 0, 7, tail);
        assertFalse(d.hasPartialFrame());
    }

    @Test
    void connectionEndingWhileADroppedPayloadIsSkippedEndsInTheMiddleOfAFrame() throws FrameException {
        FrameDecoder d = new FrameDecoder(MAX, heapOf(10));
        byte[] bytes = frame(3, 0, 6, new byte[100]);
        ByteBuffer first = ByteBuffer.wrap(bytes, 0, Frames.HEADER_SIZE + 20);
        Frame f = d.next(first);
        assertNotNull(f.payloadError());
        assertNull(d.next(first), "the 20 payload bytes that came with the header are skipped");
        assertTrue(d.hasPartialFrame(), "80 bytes of its payload are still to come");
        assertNull(d.next(ByteBuffer.wrap(bytes, Frames.HEADER_SIZE + 20, 80)));
        assertFalse(d.hasPartialFrame());
    }
}
