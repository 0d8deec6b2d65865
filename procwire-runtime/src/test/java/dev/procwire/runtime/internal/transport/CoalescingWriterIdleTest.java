package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.procwire.runtime.internal.dispatch.SocketPair;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the writer keeps once a run of events is over: its flush thread ends after a while without a
 * run (and a later run starts another), and the pending buffers a run grew go back to their first size.
 */
class CoalescingWriterIdleTest {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int EVENTS = 2_000;
    private static final int EVENT_BYTES = 100; // a run of them lingers beyond the buffers' first 8 KiB

    @Test
    void theFlushThreadEndsAfterTheRunIsOver() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            CoalescingWriter writer = new CoalescingWriter(pair.worker(), IDLE_NANOS);
            Thread flusher = sendRunAndRead(writer, pair, 0);
            flusher.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(flusher.isAlive(), "the flush thread still runs after the run");
            assertNull(writer.flusher());
        }
    }

    @Test
    void aRunAfterTheFlushThreadEndedArrivesWholeThroughANewOne() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            CoalescingWriter writer = new CoalescingWriter(pair.worker(), IDLE_NANOS);
            Thread first = sendRunAndRead(writer, pair, 0);
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(first.isAlive(), "the first flush thread ended");
            Thread second = sendRunAndRead(writer, pair, EVENTS);
            assertFalse(second == first, "a new flush thread for the new run");
        }
    }

    @Test
    void thePendingBuffersARunGrewShrinkOnceItIsOver() throws Exception {
        try (SocketPair pair = SocketPair.open()) {
            CoalescingWriter writer = new CoalescingWriter(pair.worker(), IDLE_NANOS);
            Thread flusher = sendRunAndRead(writer, pair, 0);
            flusher.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(8 << 10, writer.pendingCapacity(), "the pending buffer");
            assertEquals(8 << 10, writer.spareCapacity(), "the spare buffer");
        }
    }

    /**
     * Sends a run of events numbered from {@code first} while the parent's side reads them all back (a
     * run larger than the socket's buffer: a sender that finds it full waits for the reader, as it
     * waits for the parent), then checks their order; returns the flush thread the run started.
     */
    private static Thread sendRunAndRead(CoalescingWriter writer, SocketPair pair, int first) throws Exception {
        ByteBuffer in = ByteBuffer.allocate(EVENTS * (Frames.HEADER_SIZE + EVENT_BYTES));
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readFully(pair, in));
        Thread flusher = null;
        for (int i = 0; i < EVENTS; i++) {
            writer.send(OutboundFrame.headerAndBody(1, Frames.FLAGS_EVENT, 0, event(first + i)));
            if (flusher == null) {
                flusher = writer.flusher();
            }
        }
        assertNotNull(flusher, "the run lingered and started a flush thread");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> read.get());
        in.flip();
        for (int i = 0; i < EVENTS; i++) {
            in.position(in.position() + Frames.HEADER_SIZE);
            assertEquals(first + i, in.getInt(), "event " + i);
            in.position(in.position() + EVENT_BYTES - Integer.BYTES);
        }
        return flusher;
    }

    private static void readFully(SocketPair pair, ByteBuffer in) {
        try {
            while (in.hasRemaining()) {
                if (pair.parent().read(in) < 0) {
                    throw new IOException("the connection ended after " + in.position() + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer event(int seq) {
        ByteBuffer b = ByteBuffer.allocate(EVENT_BYTES);
        b.putInt(0, seq);
        return b;
    }
}
