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
}
