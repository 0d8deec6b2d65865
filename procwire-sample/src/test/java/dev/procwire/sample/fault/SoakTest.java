package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million mixed requests (70% results, 10% streams, 10% acks, 10% results that emit two events each)
 * through the real parent: no error, every event delivered, and memory flat: the heap after a full
 * collection at the end is where it was at 10%, and the RSS, once warm (from 25% on), stays put.
 * Samples are taken with no request in flight.
 */
class SoakTest {
    static final int REQUESTS = 1_000_000;
    static final long HEAP_SLACK = 4L << 20;
    /**
     * RSS may move this much from the 25% sample on. Before that it also grows with what the JIT compiles
     * and loads while the run warms up (code cache, metadata: on JDK 25 about 33 MiB between the 10% and
     * the 25% samples); after it, only the heap's commit moves it (±15 MiB seen under {@code -Xmx64m}),
     * and growth beyond that would be a leak outside the heap. The leak check proper is the heap's.
     */
    static final long RSS_SLACK = 32L << 20;
    /** With the heap limit below, RSS stays under this all along. */
    static final long RSS_BOUND = 192L << 20;
    /** The worker's heap limit: with it, RSS is a meaningful measure (without, the JVM keeps what it committed). */
    static final String HEAP = "-Xmx64m";

    @TempDir
    Path tmp;

    @Test
    void aMillionMixedRequestsKeepMemoryFlatAndRaiseNoError() throws Exception {
        NodeParent.assumeAvailable();
        try (NodeParent parent = NodeParent.start("soak.mjs", NodeParent.workerCommand(HEAP),
                Map.of("REQUESTS", "" + REQUESTS), tmp.resolve("node.err"))) {
            JsonNode done = parent.await("done", 600);
            JsonNode samples = done.path("samples");
            StringBuilder line = new StringBuilder("soak: " + REQUESTS + " requests in " + done.path("ms").asLong() + " ms; ");
            for (JsonNode s : samples) {
                line.append(String.format("at %d: heap %d KiB, RSS %d MiB, threads %d; ", s.path("at").asLong(),
                        s.path("heapUsed").asLong() >> 10, s.path("rss").asLong() >> 20, s.path("threads").asLong()));
            }
            System.err.println(line.append("events ").append(done.path("events").asLong()));

            assertEquals(0, done.path("failureCount").asInt(), "failures: " + done.path("failures"));
            assertEquals(REQUESTS, done.path("completed").asInt());
            JsonNode counts = done.path("counts");
            assertEquals(REQUESTS / 10, counts.path("stream").asInt());
            assertEquals(REQUESTS / 10 * 4, counts.path("streamChunks").asInt());
            assertEquals(REQUESTS / 10, counts.path("ack").asInt());
            assertEquals(REQUESTS / 10, counts.path("emit").asInt());
            assertEquals(REQUESTS / 10 * 2, done.path("events").asInt(), "every event arrives");
            assertTrue(samples.size() >= 4);
            JsonNode first = samples.get(0);
            JsonNode last = samples.get(samples.size() - 1);
            long heapGrowth = last.path("heapUsed").asLong() - first.path("heapUsed").asLong();
            JsonNode settled = samples.get(1);
            long rssGrowth = last.path("rss").asLong() - settled.path("rss").asLong();
            long rssMax = 0;
            for (JsonNode sample : samples) {
                rssMax = Math.max(rssMax, sample.path("rss").asLong());
            }
            assertTrue(heapGrowth <= HEAP_SLACK, "heap after GC grew by " + (heapGrowth >> 10) + " KiB");
            assertTrue(rssGrowth <= RSS_SLACK, "RSS grew by " + (rssGrowth >> 20) + " MiB from 25% to the end");
            assertTrue(rssMax <= RSS_BOUND, "RSS reached " + (rssMax >> 20) + " MiB");
            assertEquals(0, last.path("liveCalls").asLong(), "no request object still reachable");
        }
    }
}
