package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 requests aborted at random points by the real parent: afterwards no handler is still running,
 * no request object is still reachable (nothing holds a context), every cancellation callback either
 * ran or was removed, the heap after a full collection is back at its baseline (taken after a warm-up at
 * the same concurrency), the RSS stays within the heap limit's reach, and the thread count did not grow
 * with the requests.
 */
class AbortStormTest {
    static final int REQUESTS = 10_000;
    /** Heap after a full collection may differ from the baseline by this much. */
    static final long HEAP_SLACK = 4L << 20;
    /** Threads beyond the baseline the handler pool may keep idle for a while (never one per request). */
    static final long THREAD_SLACK = 24;
    /** The worker's heap limit, as in the soak: with it, RSS is a meaningful measure. */
    static final String HEAP = "-Xmx64m";
    /** RSS after the storm may exceed the baseline's by this much (the heap grows into its limit). */
    static final long RSS_SLACK = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void tenThousandRequestsAbortedAtRandomPointsLeaveNothingBehind() throws Exception {
        NodeParent.assumeAvailable();
        try (NodeParent parent = NodeParent.start("abort-storm.mjs", NodeParent.workerCommand(HEAP),
                Map.of("REQUESTS", "" + REQUESTS), tmp.resolve("node.err"))) {
            JsonNode done = parent.await("done", 240);
            JsonNode before = done.path("before");
            JsonNode after = done.path("after");
            JsonNode outcomes = done.path("outcomes");
            System.err.printf("abort storm: %d requests in %d ms, %d aborted, %d completed; heap after GC %d KiB -> %d KiB; "
                    + "threads %d -> %d; RSS %d MiB -> %d MiB; callbacks registered %d, ran %d, removed %d%n",
                    REQUESTS, done.path("stormMs").asLong(), outcomes.path("aborted").asInt(), outcomes.path("completed").asInt(),
                    before.path("heapUsed").asLong() >> 10, after.path("heapUsed").asLong() >> 10,
                    before.path("threads").asLong(), after.path("threads").asLong(),
                    done.path("rssBefore").asLong() >> 20, done.path("rssAfter").asLong() >> 20,
                    after.path("callbacksRegistered").asLong(), after.path("callbacksRun").asLong(),
                    after.path("callbacksRemoved").asLong());

            assertEquals(0, outcomes.path("other").size(), "no failure but aborts: " + outcomes.path("other"));
            assertEquals(REQUESTS, outcomes.path("aborted").asInt() + outcomes.path("completed").asInt());
            assertTrue(outcomes.path("aborted").asInt() > REQUESTS / 2, "most requests were aborted");
            assertEquals(0, after.path("active").asLong(), "no handler still running");
            assertEquals(0, after.path("liveCalls").asLong(), "no request object still reachable");
            long registered = after.path("callbacksRegistered").asLong() - before.path("callbacksRegistered").asLong();
            long ran = after.path("callbacksRun").asLong() - before.path("callbacksRun").asLong();
            long removed = after.path("callbacksRemoved").asLong() - before.path("callbacksRemoved").asLong();
            assertTrue(ran > 0, "cancellation callbacks ran");
            assertEquals(registered, ran + removed, "every cancellation callback ran or was removed");
            long heapGrowth = after.path("heapUsed").asLong() - before.path("heapUsed").asLong();
            assertTrue(heapGrowth <= HEAP_SLACK, "heap after GC grew by " + (heapGrowth >> 10) + " KiB");
            long rssGrowth = done.path("rssAfter").asLong() - done.path("rssBefore").asLong();
            assertTrue(rssGrowth <= RSS_SLACK, "RSS grew by " + (rssGrowth >> 20) + " MiB");
            assertTrue(after.path("threads").asLong() <= before.path("threads").asLong() + THREAD_SLACK,
                    "threads " + before.path("threads") + " -> " + after.path("threads"));
        }
    }
}
