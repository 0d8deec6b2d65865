package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $shutdown} while handlers run: every token is cancelled at once, handlers get the grace period,
 * then the worker exits (without waiting for one that never returns), and what it wrote ends on a
 * frame boundary.
 */
class ShutdownTest {
    @TempDir
    Path tmp;

    private static long count(String haystack, String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(haystack).results().count();
    }

    @Test
    void shutdownCancelsEveryTokenWaitsTheGraceForAHandlerThatNeverReturnsThenExits() throws Exception {
        NodeParent.assumeAvailable();
        long grace = 1000;
        try (NodeParent parent = NodeParent.start("shutdown.mjs", NodeParent.workerCommand("-Dfault.logCancel=true"),
                Map.of("GRACE_MS", "" + grace, "HANG", "1", "SLEEPERS", "6"), tmp.resolve("node.err"))) {
            JsonNode r = parent.await("shutdown", 60);
            String err = parent.stderr();
            System.err.println("shutdown with a handler that never returns (grace " + grace + " ms): " + r);
            assertEquals(6, count(err, "[fault] cancelled request "), "every sleeper's token fired:\n" + NodeParent.tail(err));
            long ms = r.path("shutdownMs").asLong();
            assertTrue(ms >= grace - 50, "the grace period is given to the handler still running: exited after " + ms + " ms");
            assertTrue(ms < grace + 1500, "then the worker exits: " + ms + " ms");
            assertEquals(0, r.path("exitCode").asInt(), "a clean exit, not the parent's SIGKILL: " + r);
            assertTrue(Processes.exited(r.path("workerPid").asLong()));
        }
    }

    @Test
    void shutdownWithCooperativeHandlersExitsWithoutWaitingTheWholeGrace() throws Exception {
        NodeParent.assumeAvailable();
        long grace = 3000;
        try (NodeParent parent = NodeParent.start("shutdown.mjs", NodeParent.workerCommand("-Dfault.logCancel=true"),
                Map.of("GRACE_MS", "" + grace, "HANG", "0", "SLEEPERS", "6"), tmp.resolve("node.err"))) {
            JsonNode r = parent.await("shutdown", 60);
            System.err.println("shutdown with cooperative handlers (grace " + grace + " ms): " + r);
            assertEquals(6, count(parent.stderr(), "[fault] cancelled request "));
            assertTrue(r.path("shutdownMs").asLong() < grace / 2, "exited after " + r.path("shutdownMs") + " ms");
            assertEquals(0, r.path("exitCode").asInt());
        }
    }

    /**
     * Reads the data socket to its end, at most {@code bytesPerSecond} (0: as fast as possible), and
     * counts what arrived in {@code progress}.
     */
    private static byte[] readAll(RawParent p, long bytesPerSecond, java.util.concurrent.atomic.AtomicLong progress)
            throws IOException, InterruptedException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(bytesPerSecond == 0 ? 1 << 20 : 16 << 10);
        long start = System.nanoTime();
        while (true) {
            buf.clear();
            int n;
            try {
                n = p.data.read(buf);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                return all.toByteArray();
            }
            all.write(buf.array(), 0, n);
            progress.set(all.size());
            if (bytesPerSecond > 0) {
                long due = start + all.size() * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

    @Test
    void shutdownDuringALargeStreamNeverCutsAFrame() throws Exception {
        int chunkSize = 256 << 10;
        long[] speeds = {0, 16L << 20, 0, 8L << 20, 0, 32L << 20};
        for (int round = 0; round < speeds.length; round++) {
            long speed = speeds[round];
            try (RawParent p = RawParent.start(NodeParent.workerCommand(), Map.of("PROCWIRE_SHUTDOWN_GRACE_MS", "500"),
                    tmp.resolve("worker-" + round + ".err"))) {
                MsgPackWriter w = new MsgPackWriter();
                w.writeMapHeader(2).writeString("count").writeLong(1_000_000).writeString("size").writeLong(chunkSize);
                p.send(2, 77, w.toByteArray()); // seqStream is the second method
                java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();
                Thread shutdown = new Thread(() -> {
                    try {
                        // Once the stream is flowing, at a random moment (most likely mid-frame).
                        while (progress.get() < 2L * chunkSize) {
                            Thread.sleep(1);
                        }
                        Thread.sleep((long) (Math.random() * 200));
                        p.sendControl("{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                shutdown.setDaemon(true);
                shutdown.start();
                byte[] bytes = readAll(p, speed, progress);
                shutdown.join();
                assertTrue(p.worker.waitFor(5, TimeUnit.SECONDS), "the worker exits");
                assertEquals(0, p.worker.exitValue());

                ByteBuffer b = ByteBuffer.wrap(bytes);
                long seq = 0;
                while (b.hasRemaining()) {
                    if (b.remaining() < 11) {
                        fail("round " + round + ": the stream ends " + b.remaining() + " bytes into a header");
                    }
                    int methodId = b.getShort() & 0xffff;
                    int flags = b.get() & 0xff;
                    int requestId = b.getInt();
                    int len = b.getInt();
                    if (len > b.remaining()) {
                        fail("round " + round + " (read at " + (speed >> 20) + " MiB/s): a frame of " + len
                                + " bytes was cut after " + b.remaining());
                    }
                    byte[] payload = new byte[len];
                    b.get(payload);
                    assertEquals(2, methodId);
                    assertEquals(77, requestId);
                    assertEquals(0x0B, flags, "only chunks: a cancelled stream sends no end and no error");
                    byte[] chunk = new MsgPackReader(payload).readBinary();
                    assertEquals(chunkSize, chunk.length);
                    assertEquals(seq++, ByteBuffer.wrap(chunk).getLong(0), "chunks in order");
                }
                System.err.printf("shutdown mid-stream, read at %s: %d whole chunks, nothing cut%n",
                        speed == 0 ? "full speed" : (speed >> 20) + " MiB/s", seq);
                assertTrue(seq > 0, "the stream was running when shutdown came");
            }
        }
    }

    /**
     * A parent that reads slowly but steadily (8 MiB frames at 4 MiB/s, two seconds each) when shutdown
     * comes just after a frame began: the worker must finish that frame before it closes the connection
     * (the parent force-kills only after 5 s), and start no other.
     */
    @Test
    void shutdownFinishesTheFrameInProgressWhileTheParentKeepsReading() throws Exception {
        int chunkSize = 8 << 20;
        long speed = 4L << 20;
        try (RawParent p = RawParent.start(NodeParent.workerCommand(), Map.of(), tmp.resolve("worker.err"))) {
            MsgPackWriter w = new MsgPackWriter();
            w.writeMapHeader(2).writeString("count").writeLong(100).writeString("size").writeLong(chunkSize);
            p.send(2, 78, w.toByteArray());
            long frame = 11 + 5 + chunkSize; // header, bin32 header, chunk
            java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();
            Thread shutdown = new Thread(() -> {
                try {
                    while (progress.get() < frame + (64 << 10)) { // 64 KiB into the second frame
                        Thread.sleep(1);
                    }
                    p.sendControl("{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            shutdown.setDaemon(true);
            shutdown.start();
            byte[] bytes = readAll(p, speed, progress);
            assertTrue(p.worker.waitFor(5, TimeUnit.SECONDS));
            System.err.println("shutdown 64 KiB into an 8 MiB frame read at 4 MiB/s: received " + bytes.length + " bytes, "
                    + (bytes.length % frame == 0 ? "whole frames only" : "a frame cut after " + (bytes.length % frame) + " bytes"));
            assertEquals(0, bytes.length % frame, "the frame in progress was cut after " + (bytes.length % frame) + " of " + frame + " bytes");
            assertEquals(2 * frame, bytes.length, "the frame in progress is finished, and no other is started");
        }
    }
}
