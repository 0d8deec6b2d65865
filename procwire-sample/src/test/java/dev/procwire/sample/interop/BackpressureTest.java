package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.Wire.map;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A parent that stops reading makes the worker's stream sinks and event emitters wait; nothing queues
 * without bound (docs/protocol.md#backpressure).
 */
@Timeout(120)
class BackpressureTest {
    private static final long MiB = 1 << 20;

    @Test
    void streamSinkBlocksAndMemoryStaysFlatWhileTheParentDoesNotRead() {
        int size = 64 * 1024;
        int count = 16 * 1024; // 1 GiB in total
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            w.ping();
            long before = w.rssBytes();
            c.request(w.methodId("stream"), 1, pack(map("count", count, "size", size)));
            assertEquals(0x0B, c.expect().flags(), "the stream has started");
            long peak = 0;
            for (int i = 0; i < 15; i++) { // 1.5 s without reading
                RawWorker.sleep(100);
                peak = Math.max(peak, w.rssBytes());
            }
            System.out.println("stream stalled by the parent: RSS " + before / MiB + " MiB -> peak " + peak / MiB + " MiB");
            assertTrue(peak - before < 256 * MiB, "while the parent did not read, the worker grew by "
                    + (peak - before) / MiB + " MiB (the whole stream is " + (long) count * size / MiB + " MiB)");
            long chunks = 1;
            while (true) {
                RawConnection.Frame f = c.expect(Duration.ofSeconds(10));
                if (f.flags() == 0x1B) {
                    break;
                }
                assertEquals(0x0B, f.flags());
                assertEquals(size + 5, f.payload().length, "bin32 header + chunk");
                chunks++;
            }
            assertEquals(count, chunks, "every chunk arrives once the parent reads again");
        }
    }

    @Test
    void streamSinkSendWaitsForTheParent() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("streamTimed"), 1, pack(map("count", 4096, "size", 64 * 1024)));
            assertEquals(0x0B, c.expect().flags(), "the stream has started");
            RawWorker.sleep(1500); // a sink that waits blocks for most of this; one that queues, never
            long chunks = 1;
            Map<?, ?> blocked = null;
            while (true) {
                RawConnection.Frame f = c.expect(Duration.ofSeconds(10));
                if (f.flags() == 0x1B) {
                    break;
                }
                if (f.flags() == 0x01) {
                    blocked = (Map<?, ?>) f.value();
                } else {
                    chunks++;
                }
            }
            assertEquals(4096, chunks);
            assertTrue(blocked != null, "the probe reports how long its sink blocked");
            long ms = (Long) blocked.get("maxBlockMs");
            System.out.println("longest StreamSink.send while the parent did not read: " + ms + " ms");
            assertTrue(ms >= 500, "StreamSink.send never waited for the parent (longest call " + ms + " ms)");
        }
    }

    @Test
    void eventEmitterWaitsForTheParentAndLosesNothing() {
        int count = 300_000;
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("emitTimed"), 1, pack(map("count", count)));
            assertEquals(Map.of("seq", 0L), c.expect().value(), "the emitter has started");
            RawWorker.sleep(1500);
            long next = 1;
            while (true) {
                RawConnection.Frame f = c.expect(Duration.ofSeconds(20));
                if (f.requestId() == 1) {
                    Map<?, ?> result = (Map<?, ?>) f.value();
                    assertEquals((long) count, result.get("count"));
                    long ms = (Long) result.get("maxBlockMs");
                    System.out.println("longest EventEmitter.emit while the parent did not read: " + ms + " ms");
                    assertTrue(ms >= 500, "EventEmitter.emit never waited for the parent (longest call " + ms + " ms)");
                    break;
                }
                assertEquals(Map.of("seq", next), f.value());
                next++;
            }
            assertEquals(count, next, "every event arrives, in order");
        }
    }
}
