package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameDecoder;
import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.transport.Connection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The coalescing writer of {@link Connection}: whole frames, per-sender order, backpressure. */
class ConnectionWriteTest {

    @Test
    void concurrentSendersKeepEveryFrameWholeAndInOrder() throws Exception {
        int senders = 8;
        int perSender = 3_000;
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            List<Thread> threads = new ArrayList<>();
            for (int s = 1; s <= senders; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < perSender; i++) {
                            if (i % 500 == 0) {
                                // now and then a large frame, which bypasses the pending buffer
                                conn.send(sender, Frames.FLAGS_CHUNK, i, ByteBuffer.wrap(new byte[100_000]));
                            } else {
                                MsgPackWriter w = new MsgPackWriter(Frames.HEADER_SIZE, 64);
                                w.writeLong(i).writeString("x".repeat(i % 40));
                                conn.send(sender, Frames.FLAGS_CHUNK, i, w);
                            }
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            int[] next = new int[senders + 1];
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            for (int k = 0; k < senders * perSender; k++) {
                Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                int sender = f.methodId();
                assertEquals(next[sender], f.requestId(), "frames of one sender arrive in order");
                if (f.requestId() % 500 == 0) {
                    assertEquals(100_000, f.payload().length);
                } else {
                    assertEquals(f.requestId(), new dev.procwire.runtime.codec.MsgPackReader(f.payload()).readLong());
                }
                next[sender]++;
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @Test
    void sendersBlockWhileThePeerDoesNotReadAndResumeAfter() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            AtomicLong sent = new AtomicLong();
            long total = 20_000;
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        conn.send(1, Frames.FLAGS_CHUNK, 1, ByteBuffer.wrap(new byte[1024]));
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            producer.start();
            // Wait until the producer stops getting on (a loaded machine may take a while to fill the
            // socket's buffers), then check it stays stopped.
            long stalledAt = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((stalledAt != sent.get() || stalledAt <= 0) && sent.get() < total && System.nanoTime() < deadline) {
                stalledAt = sent.get();
                Thread.sleep(200);
            }
            assertTrue(stalledAt < total, "the socket buffers cannot hold " + total + " KiB");
            Thread.sleep(300);
            assertEquals(stalledAt, sent.get(), "the producer is blocked while nobody reads");
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            for (long k = 0; k < total; k++) {
                Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                assertEquals(1024, f.payload().length);
            }
            producer.join(5_000);
            assertEquals(total, sent.get());
        }
    }

    private static MsgPackWriter event(long seq) {
        MsgPackWriter w = new MsgPackWriter(Frames.HEADER_SIZE, 32);
        w.writeLong(seq);
        return w;
    }

    @Test
    void aRunOfEventsArrivesWholeAfterTheSenderStops() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            int n = 5_000;
            for (int i = 0; i < n; i++) {
                conn.send(1, Frames.FLAGS_EVENT, 0, event(i));
            }
            // Nothing more is sent: what lingers must still go out, by the flusher.
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < n; i++) {
                    Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                    assertEquals(Frames.FLAGS_EVENT, f.flags());
                    assertEquals(i, new dev.procwire.runtime.codec.MsgPackReader(f.payload()).readLong());
                }
            });
        }
    }

    @Test
    void aResultSentAfterARunOfEventsArrivesAfterAllOfThem() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 40; i++) {
                    conn.send(1, Frames.FLAGS_EVENT, 0, event(i));
                }
                conn.send(2, Frames.FLAGS_RESULT, round + 1, event(-1));
            }
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 40; i++) {
                    Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                    assertEquals(Frames.FLAGS_EVENT, f.flags(), "round " + round + ": event " + i + " before the result");
                    assertEquals(i, new dev.procwire.runtime.codec.MsgPackReader(f.payload()).readLong());
                }
                Frame result = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                assertEquals(Frames.FLAGS_RESULT, result.flags());
                assertEquals(round + 1, result.requestId());
            }
        }
    }

    @Test
    void closeSendsTheFramesOfARunStillWaitingThenEnds() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            int n = 300;
            for (int i = 0; i < n; i++) {
                conn.send(1, Frames.FLAGS_CHUNK, 9, event(i));
            }
            conn.close();
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            for (int i = 0; i < n; i++) {
                Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                assertEquals(i, new dev.procwire.runtime.codec.MsgPackReader(f.payload()).readLong(), "chunk " + i);
            }
            buf.clear();
            assertEquals(-1, pair.parent().read(buf), "then the connection ends");
        }
    }

    /** {@code n} bytes of a seeded pattern, in a direct buffer or on the heap. */
    private static ByteBuffer pattern(int n, long seed, boolean direct) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return direct ? ByteBuffer.allocateDirect(n).put(b).flip() : ByteBuffer.wrap(b);
    }

    private static byte[] concat(ByteBuffer[] parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer p : parts) {
            byte[] b = new byte[p.remaining()];
            p.duplicate().get(b);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void aPayloadInManyBuffersArrivesWholeInOrderAndLeavesTheBuffersUnconsumed() throws Exception {
        // Heap and direct, empty ones, one larger than a heap write slice, a direct one of several MiB,
        // and more buffers than one gathering write takes.
        List<ByteBuffer> list = new ArrayList<>(List.of(pattern(300, 1, false), pattern(0, 2, true),
                pattern(3 << 20, 3, true), pattern(600_000, 4, false), ByteBuffer.allocate(0)));
        for (int i = 0; i < 150; i++) {
            list.add(pattern(1 + i * 37, 10 + i, i % 3 != 0));
        }
        ByteBuffer[] parts = list.toArray(ByteBuffer[]::new);
        byte[] expected = concat(parts);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            Thread sender = new Thread(() -> {
                try {
                    conn.send(3, Frames.FLAGS_RESULT, 9, parts);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.start();
            Frame f = ReadLoopTest.readFrame(pair.parent(), new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD),
                    ByteBuffer.allocate(64 << 10).flip());
            sender.join();
            assertEquals(3, f.methodId());
            assertEquals(9, f.requestId());
            assertTrue(java.util.Arrays.equals(expected, f.payload()), "the payload arrives whole and in order");
            assertTrue(java.util.Arrays.equals(expected, concat(parts)), "the sender's buffers are not consumed");
        }
    }

    @Test
    void smallPayloadsInSeveralBuffersAreCoalescedWholeBehindALargeFrame() throws Exception {
        int n = 2_000;
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            Thread large = new Thread(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        conn.send(1, Frames.FLAGS_CHUNK, i, ByteBuffer.allocateDirect(1 << 20));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread small = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        conn.send(2, Frames.FLAGS_CHUNK, i, new ByteBuffer[] {pattern(5, i, false), pattern(40, i + 1, true),
                                ByteBuffer.allocate(0), pattern(3, i + 2, false)});
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            large.start();
            small.start();
            FrameDecoder decoder = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            int next = 0;
            for (int k = 0; k < 20 + n; k++) {
                Frame f = ReadLoopTest.readFrame(pair.parent(), decoder, buf);
                if (f.methodId() == 2) {
                    assertEquals(next, f.requestId());
                    byte[] expected = concat(new ByteBuffer[] {pattern(5, next, false), pattern(40, next + 1, false),
                            pattern(3, next + 2, false)});
                    assertTrue(java.util.Arrays.equals(expected, f.payload()), "frame " + next);
                    next++;
                } else {
                    assertEquals(1 << 20, f.payload().length);
                }
            }
            large.join();
            small.join();
            assertEquals(n, next);
        }
    }
}
