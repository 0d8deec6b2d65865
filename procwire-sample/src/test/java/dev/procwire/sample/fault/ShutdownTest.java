package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
     * Reads the data socket to its end into {@code out}, at most {@code bytesPerSecond} (0: as fast as
     * possible), and counts what arrived in {@code progress}.
     */
    private static void readAll(RawParent p, long bytesPerSecond, java.util.concurrent.atomic.AtomicLong progress,
            OutputStream out) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(bytesPerSecond == 0 ? 1 << 20 : 16 << 10);
        long start = System.nanoTime();
        long total = 0;
        while (true) {
            buf.clear();
            int n;
            try {
                n = p.data.read(buf);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                return;
            }
            out.write(buf.array(), 0, n);
            total += n;
            progress.set(total);
            if (bytesPerSecond > 0) {
                long due = start + total * 1_000_000_000L / bytesPerSecond;
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
                // Checked as it arrives: the reader never pauses to grow a buffer of hundreds of MiB
                // (a parent that stops reading for long is one the worker may cut off).
                ChunkFrames chunks = new ChunkFrames(chunkSize, "round " + round + " (read at "
                        + (speed == 0 ? "full speed" : (speed >> 20) + " MiB/s") + ")");
                readAll(p, speed, progress, chunks);
                shutdown.join();
                assertTrue(p.worker.waitFor(5, TimeUnit.SECONDS), "the worker exits");
                assertEquals(0, p.worker.exitValue());
                chunks.assertEndsOnAFrameBoundary();
                System.err.printf("shutdown mid-stream, read at %s: %d whole chunks, nothing cut%n",
                        speed == 0 ? "full speed" : (speed >> 20) + " MiB/s", chunks.frames);
                assertTrue(chunks.frames > 0, "the stream was running when shutdown came");
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
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            readAll(p, speed, progress, all);
            byte[] bytes = all.toByteArray();
            assertTrue(p.worker.waitFor(5, TimeUnit.SECONDS));
            System.err.println("shutdown 64 KiB into an 8 MiB frame read at 4 MiB/s: received " + bytes.length + " bytes, "
                    + (bytes.length % frame == 0 ? "whole frames only" : "a frame cut after " + (bytes.length % frame) + " bytes"));
            assertEquals(0, bytes.length % frame, "the frame in progress was cut after " + (bytes.length % frame) + " of " + frame + " bytes");
            assertEquals(2 * frame, bytes.length, "the frame in progress is finished, and no other is started");
        }
    }

    /**
     * Checks {@code seqStream} chunk frames (request 77) as their bytes arrive, keeping only the first
     * bytes of the frame in progress: header, bin header and the chunk's sequence number.
     */
    private static final class ChunkFrames extends OutputStream {
        private static final int HEAD = 11 + 5 + 8;
        private final int chunkSize;
        private final String where;
        private final byte[] head = new byte[HEAD];
        private int headFill;
        private long payloadLeft; // of the frame in progress, after its head
        long frames;

        ChunkFrames(int chunkSize, String where) {
            this.chunkSize = chunkSize;
            this.where = where;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n;
                if (headFill < HEAD) {
                    n = Math.min(len, HEAD - headFill);
                    System.arraycopy(b, off, head, headFill, n);
                    headFill += n;
                    if (headFill == HEAD) {
                        payloadLeft = checkHead();
                    }
                } else {
                    n = (int) Math.min(len, payloadLeft);
                    payloadLeft -= n;
                }
                off += n;
                len -= n;
                if (headFill == HEAD && payloadLeft == 0) {
                    frames++;
                    headFill = 0;
                }
            }
        }

        /** Checks the frame's head and returns how many payload bytes follow it. */
        private long checkHead() {
            ByteBuffer h = ByteBuffer.wrap(head);
            assertEquals(2, h.getShort() & 0xffff, where + ": method id");
            int flags = h.get() & 0xff;
            assertEquals(0x0B, flags, where + ": only chunks: a cancelled stream sends no end and no error");
            assertEquals(77, h.getInt(), where + ": request id");
            int len = h.getInt();
            assertEquals(5 + chunkSize, len, where + ": payload length");
            assertEquals(0xc6, h.get() & 0xff, where + ": a bin 32 payload");
            assertEquals(chunkSize, h.getInt(), where + ": chunk length");
            assertEquals(frames, h.getLong(), where + ": chunks in order");
            return len - 5 - 8;
        }

        void assertEndsOnAFrameBoundary() {
            if (headFill == 0) {
                return;
            }
            if (headFill < 11) {
                fail(where + ": the stream ends " + headFill + " bytes into a header");
            }
            long received = headFill < HEAD ? headFill - 11 : 5 + chunkSize - payloadLeft;
            fail(where + ": a frame of " + (5 + chunkSize) + " bytes was cut after " + received + " bytes of payload");
        }
    }
}
