package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent that stops reading in the middle of a 512 MiB stream: the worker waits in its writes
 * instead of queueing, so its memory stays where it was, and once the parent reads again every chunk
 * arrives, once, in order.
 */
class SlowConsumerTest {
    static final int CHUNKS = 8192;
    static final int CHUNK_SIZE = 64 << 10; // 8192 × 64 KiB = 512 MiB
    /** The worker runs with this heap; its RSS must stay under {@link #RSS_BOUND}. */
    static final String HEAP = "-Xmx64m";
    static final long RSS_BOUND = 256L << 20;
    /** How much the RSS may move while the parent is not reading at all. */
    static final long STALL_GROWTH_BOUND = 16L << 20;

    @TempDir
    Path tmp;

    @Test
    void parentThatStopsReadingKeepsWorkerMemoryFlatAndGetsEveryChunkAfterwards() throws Exception {
        NodeParent.assumeAvailable();
        Map<String, String> env = Map.of("CHUNKS", "" + CHUNKS, "CHUNK_SIZE", "" + CHUNK_SIZE, "STALL_MS", "3000");
        try (NodeParent parent = NodeParent.start("slow-consumer.mjs", NodeParent.workerCommand(HEAP), env, tmp.resolve("node.err"))) {
            long pid = parent.await("started", 60).path("workerPid").asLong();
            AtomicLong max = new AtomicLong();
            AtomicLong current = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long rss = Processes.rss(pid);
                    if (rss < 0) {
                        return;
                    }
                    current.set(rss);
                    max.accumulateAndGet(rss, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();

            parent.await("stall-start", 60);
            Thread.sleep(500); // the parent's queue fills and it pauses its socket
            long stallStart = current.get();
            long stallMax = stallStart;
            long t = System.nanoTime();
            while (System.nanoTime() - t < 2_000_000_000L) {
                stallMax = Math.max(stallMax, current.get());
                Thread.sleep(20);
            }
            parent.await("stall-end", 10);
            JsonNode done = parent.await("done", 120);
            sampler.interrupt();

            System.err.printf("slow consumer: worker RSS %d MiB when the stall began, at most %d MiB during it, at most %d MiB "
                    + "over the whole 512 MiB stream (%s); stream took %d ms%n",
                    stallStart >> 20, stallMax >> 20, max.get() >> 20, HEAP, done.path("ms").asLong());
            assertEquals(CHUNKS, done.path("chunks").asInt(), "every chunk arrives");
            assertEquals((long) CHUNKS * CHUNK_SIZE, done.path("bytes").asLong());
            assertEquals(-1, done.path("firstBad").asInt(), "chunks arrive once each, in order, intact");
            assertTrue(stallMax - stallStart <= STALL_GROWTH_BOUND,
                    "RSS grew by " + ((stallMax - stallStart) >> 20) + " MiB while the parent was not reading");
            assertTrue(max.get() <= RSS_BOUND, "RSS reached " + (max.get() >> 20) + " MiB");
        }
    }
}
