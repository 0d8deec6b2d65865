package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procwire.sample.BenchWorker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payload the worker's heap cannot hold fails that one request, never the connection. Through the
 * real parent, a worker with {@code -Xmx32m} gets a 16 MiB MsgPack echo, a 32 MiB raw echo (its
 * direct-memory limit is the heap's, so the raw payload falls back to the heap), four 8 MiB echoes of
 * each codec at once, then ordinary requests. Each large request is answered correctly or with an
 * {@code INTERNAL} "Java heap space" error (the reader's or the handler's); the requests after them
 * are answered correctly, by the same worker process.
 */
class HeapLimitTest {
    static final String HEAP = "-Xmx32m";

    @TempDir
    Path tmp;

    /**
     * Each echo came back intact or failed alone with INTERNAL "Java heap space" (the reader's refusal
     * or the handler's), and the ones labelled "after" came back intact.
     */
    private static void assertEachIntactOrItsOwnHeapError(JsonNode results) {
        for (JsonNode r : results) {
            String label = r.path("label").asText();
            if (r.path("answered").asBoolean()) {
                assertTrue(r.path("intact").asBoolean(), label + ": answered with other bytes");
            } else {
                assertFalse(label.endsWith("after"), label + " failed: " + r);
                assertEquals("INTERNAL", r.path("code").asText(), label + ": " + r);
                assertTrue(r.path("message").asText().contains("Java heap space"), label + ": " + r);
            }
        }
    }

    @Test
    void payloadsTheHeapCannotHoldFailOneRequestEachAndTheWorkerServesOn() throws Exception {
        NodeParent.assumeAvailable();
        try (NodeParent parent = NodeParent.start("heap-limit.mjs", NodeParent.workerCommand(BenchWorker.class, HEAP),
                Map.of(), tmp.resolve("node.err"))) {
            JsonNode done = parent.await("done", 180);
            JsonNode results = done.path("results");
            System.err.println("heap limit (" + HEAP + "): " + results);
            assertEquals(12, results.size());
            assertEachIntactOrItsOwnHeapError(results);
            assertFalse(results.get(1).path("answered").asBoolean(), "32 MiB cannot be held in a 32 MiB heap");
            assertTrue(done.path("samePid").asBoolean(), "the same worker process served throughout");
            assertFalse(parent.stderr().contains("Module disconnected"), parent.stderr());
        }
    }

    /**
     * Raw requests needing more direct memory than the worker has ({@code -Xmx64m}), queued behind one
     * handler slot, of sizes around every buffer threshold (so buffers must grow while little is left):
     * pooled payload buffers take at most half of the direct memory, a payload that cannot grow moves
     * to the heap and is read through the read buffer. Each request is answered intact or with its own
     * INTERNAL error, and the same worker serves on (before: the connection dropped, "Socket closed").
     */
    @Test
    void rawPayloadsBeyondDirectMemoryAreAnsweredByAWorkerThatServesOn() throws Exception {
        NodeParent.assumeAvailable();
        try (NodeParent parent = NodeParent.start("direct-limit.mjs", NodeParent.workerCommand(BenchWorker.class, "-Xmx64m"),
                Map.of(), tmp.resolve("node-direct.err"))) {
            JsonNode done = parent.await("done", 240);
            JsonNode results = done.path("results");
            assertEquals(121, results.size());
            assertEachIntactOrItsOwnHeapError(results);
            assertTrue(done.path("samePid").asBoolean(), "the same worker process served throughout");
        }
    }
}
