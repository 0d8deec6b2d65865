package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameDecoder;
import dev.procwire.runtime.internal.frame.FrameException;
import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.transport.Connection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadLoopTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static void writeRequest(SocketChannel ch, int methodId, int requestId, byte[] payload) throws IOException {
        byte[] frame = new byte[Frames.HEADER_SIZE + payload.length];
        Frames.writeHeader(frame, 0, methodId, 0, requestId, payload.length);
        System.arraycopy(payload, 0, frame, Frames.HEADER_SIZE, payload.length);
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static Frame readFrame(SocketChannel ch, FrameDecoder decoder, ByteBuffer buf) throws IOException {
        while (true) {
            Frame f = decoder.next(buf);
            if (f != null) {
                return f;
            }
            buf.clear();
            if (ch.read(buf) < 0) {
                return null;
            }
            buf.flip();
        }
    }

    @Test
    void slowInlineHandlerNeverStopsTheConnectionBeingRead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handlers handlers = Handlers.builder()
                .method("slow", c -> { release.await(); c.reply(Codecs.STRING, "slow"); })
                .method("fast", c -> c.reply(Codecs.STRING, "fast"))
                .build();
        Dispatcher d = new Dispatcher(handlers, executor, 16, 16);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 2, e -> {}).start();
            byte[] nil = {(byte) 0xc0};
            writeRequest(pair.parent(), 1, 1, nil); // runs inline on a reader thread and blocks it
            writeRequest(pair.parent(), 2, 2, nil);
            writeRequest(pair.parent(), 2, 3, nil);
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(4096).flip();
            Frame first = readFrame(pair.parent(), decoder, buf);
            Frame second = readFrame(pair.parent(), decoder, buf);
            assertEquals("fast", new MsgPackReader(first.payload()).readValue());
            assertEquals("fast", new MsgPackReader(second.payload()).readValue());
            release.countDown();
            Frame third = readFrame(pair.parent(), decoder, buf);
            assertEquals(1, third.requestId());
            assertEquals("slow", new MsgPackReader(third.payload()).readValue());
        }
    }

    @Test
    void aRequestReadWhileTheOtherReaderIsBusyRunsOnAReaderWhileTheLimitAllowsOne() throws Exception {
        // The other reader may only be finishing a call it already answered, as between two calls of a
        // strictly sequential parent: the next call must not leave the reader threads for the executor.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> fastRanOn = new CompletableFuture<>();
        Handlers handlers = Handlers.builder()
                .method("busy", c -> { started.countDown(); release.await(); c.reply(Codecs.STRING, "busy"); })
                .method("fast", c -> { fastRanOn.complete(Thread.currentThread()); c.reply(Codecs.STRING, "fast"); })
                .build();
        Dispatcher d = new Dispatcher(handlers, executor, 16, 16);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 3, e -> {}).start(); // two threads of at most three
            byte[] nil = {(byte) 0xc0};
            writeRequest(pair.parent(), 1, 1, nil);
            assertTrue(started.await(30, TimeUnit.SECONDS), "the busy call never started");
            writeRequest(pair.parent(), 2, 2, nil);
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(4096).flip();
            Frame fast = readFrame(pair.parent(), decoder, buf);
            assertEquals(2, fast.requestId());
            String thread = fastRanOn.get(30, TimeUnit.SECONDS).getName();
            assertTrue(thread.startsWith("test-reader-"), "the call ran on " + thread + ", not on a reader thread");
            writeRequest(pair.parent(), 2, 3, nil); // and a reader still reads on
            assertEquals(3, readFrame(pair.parent(), decoder, buf).requestId());
            release.countDown();
            assertEquals(1, readFrame(pair.parent(), decoder, buf).requestId());
        }
    }

    @Test
    void endOfStreamCancelsNothingButReportsOnce() throws Exception {
        Dispatcher d = new Dispatcher(Handlers.builder().method("x", c -> {}).build(), executor, 4, 4);
        CompletableFuture<IOException> ended = new CompletableFuture<>();
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 3, e -> {
                if (!ended.complete(e)) {
                    throw new AssertionError("onEnd called twice");
                }
            }).start();
            pair.parent().close();
            assertNull(ended.get(5, TimeUnit.SECONDS), "a clean close is not a failure");
        }
    }

    @Test
    void protocolViolationEndsTheLoopWithAFrameException() throws Exception {
        Dispatcher d = new Dispatcher(Handlers.builder().method("x", c -> {}).build(), executor, 4, 4);
        CompletableFuture<IOException> ended = new CompletableFuture<>();
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 2, ended::complete).start();
            writeRequest(pair.parent(), 0, 1, new byte[0]); // method id 0 is reserved
            assertTrue(ended.get(5, TimeUnit.SECONDS) instanceof FrameException);
        }
    }

    @Test
    void manyConcurrentRequestsAreAllAnsweredOnce() throws Exception {
        Handlers handlers = Handlers.builder().method("echo", c -> c.reply(Codecs.VALUE, c.reader().readValue())).build();
        Dispatcher d = new Dispatcher(handlers, executor, 1024, 100_000);
        int n = 20_000;
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 3, e -> {}).start();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; i <= n; i++) {
                        MsgPackWriter w = new MsgPackWriter();
                        w.writeLong(i);
                        writeRequest(pair.parent(), 1, i, w.toByteArray());
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            boolean[] seen = new boolean[n + 1];
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(64 << 10).flip();
            for (int k = 0; k < n; k++) {
                Frame f = readFrame(pair.parent(), decoder, buf);
                int id = f.requestId();
                assertEquals((long) id, new MsgPackReader(f.payload()).readLong(), "answer matches its request");
                assertTrue(!seen[id], "request " + id + " answered twice");
                seen[id] = true;
            }
            writer.join();
        }
    }

    /** Sends request {@code id} of method 1 with {@code payload} and waits for its answer. */
    private static Frame call(SocketPair pair, FrameDecoder decoder, ByteBuffer buf, int id, long payload) throws IOException {
        MsgPackWriter w = new MsgPackWriter();
        w.writeLong(payload);
        writeRequest(pair.parent(), 1, id, w.toByteArray());
        return readFrame(pair.parent(), decoder, buf);
    }

    @Test
    void aRunOfFastCallsStaysOnOneThread() throws Exception {
        java.util.List<Thread> ranOn = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Handlers handlers = Handlers.builder().method("fast", c -> {
            ranOn.add(Thread.currentThread());
            c.reply(Codecs.VALUE, c.reader().readValue());
        }).build();
        Dispatcher d = new Dispatcher(handlers, executor, 16, 16);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            // Thresholds no run can reach: a preempted run is neither slow nor rescued, and a stalled
            // parent does not send the watcher to rest, so the test sees the mechanism, not the load.
            long never = TimeUnit.MINUTES.toNanos(10);
            ReadLoop loop = new ReadLoop("test-reader", conn, conn, d, 3, e -> {}, never, never, never);
            loop.start();
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(4096).flip();
            // The method becomes known as fast, and an idle thread takes up the watch (the first one
            // rests, as no frame came yet; a busy machine may take a while to wake it and settle who
            // reads): warm up until five calls in a row ran on one thread with a thread watching.
            int id = 0;
            int settled = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (++id <= 20 || settled < 5) {
                assertTrue(System.nanoTime() < deadline, "the reading never settled on one thread");
                boolean watched = loop.watching();
                call(pair, decoder, buf, id, id);
                int n = ranOn.size();
                settled = watched && n > 1 && ranOn.get(n - 1) == ranOn.get(n - 2) ? settled + 1 : 0;
            }
            ranOn.clear();
            for (int i = id; i < id + 100; i++) {
                assertEquals(i, call(pair, decoder, buf, i, i).requestId());
            }
            int changes = 0;
            for (int i = 1; i < ranOn.size(); i++) {
                changes += ranOn.get(i) != ranOn.get(i - 1) ? 1 : 0;
            }
            // Handing the reading over on every call changes threads on most calls.
            assertEquals(0, changes, "a run of 100 fast calls changed threads " + changes + " times");
        }
    }

    @Test
    void aFastMethodThatBlocksForOnceHasItsReadingTakenOver() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handlers handlers = Handlers.builder().method("sometimesSlow", c -> {
            long v = c.reader().readLong();
            if (v < 0) {
                release.await();
            }
            c.reply(Codecs.VALUE, v);
        }).build();
        Dispatcher d = new Dispatcher(handlers, executor, 16, 16);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            new ReadLoop("test-reader", conn, conn, d, 3, e -> {}).start();
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            ByteBuffer buf = ByteBuffer.allocate(4096).flip();
            for (int i = 1; i <= 20; i++) {
                call(pair, decoder, buf, i, i); // fast: from now on it runs without a hand-over
            }
            MsgPackWriter blocking = new MsgPackWriter();
            blocking.writeLong(-1);
            writeRequest(pair.parent(), 1, 100, blocking.toByteArray());
            long t0 = System.nanoTime();
            Frame next = call(pair, decoder, buf, 101, 7);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(101, next.requestId(), "the request after the blocked one is answered first");
            assertTrue(ms < 2_000, "answered after " + ms + " ms");
            release.countDown();
            Frame blocked = readFrame(pair.parent(), decoder, buf);
            assertEquals(100, blocked.requestId());
            assertEquals(-1L, new MsgPackReader(blocked.payload()).readLong());
        }
    }
}
