package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real parent drives the probe worker, which makes cancellation callbacks, threads and
 * ack-then-work observable (scenario src/test/node/probe.mjs).
 */
@RequiresNode
class ParentProbeTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.probe("probe.mjs");
    }

    @Test
    void abortControllerFiresTheHandlersCancellationCallbacks() {
        assertEquals("AbortError", run.get("abort.aborted.name").asText());
        assertEquals(1, run.get("abort.started").asInt(), "the handler had started before the abort");
        JsonNode cancelled = run.get("abort.cancelled");
        assertEquals(1, cancelled.size(), "one cancelled event: " + cancelled);
        assertTrue(cancelled.get(0).path("requestId").asLong() > 0);
    }

    @Test
    void parentUsesTheTimeoutThatTheSchemaPublishes() {
        JsonNode r = run.get("schemaTimeout");
        assertTrue(!r.path("ok").asBoolean() && r.path("message").asText().contains("Timeout"), r.toString());
        long ms = r.path("ms").asLong();
        assertTrue(ms >= 250 && ms < 1500, "timed out after " + ms + " ms; the schema says 300");
    }

    @Test
    void eventsEmittedFromOtherThreadsReachTheParentWholeAndInOrder() {
        assertEquals(2000, run.get("threads.value").asLong());
        long[] next = new long[4];
        for (JsonNode t : run.get("ticks")) {
            int thread = t.path("thread").asInt();
            assertEquals(next[thread]++, t.path("seq").asLong(), "thread " + thread + " in order");
        }
        for (long n : next) {
            assertEquals(500, n);
        }
    }

    @Test
    void ackResolvesTheCallWhileTheHandlerKeepsWorking() {
        assertTrue(run.get("ack.ok").asBoolean(), run.get("ack").toString());
        assertEquals(RawWorker.parse("{\"accepted\":true}"), run.get("ack.value"));
        assertEquals(0, run.get("ack.afterAckEventsAtAck").asInt(), "the ack came before the handler's later work");
        assertTrue(run.get("ack.release.ok").asBoolean(), run.get("ack").toString());
        assertEquals(1, run.get("ack.afterAckEvents").asInt());
        assertEquals(RawWorker.parse("{\"done\":true,\"released\":true}"), run.get("ack.afterAck"),
                "the handler went on once released, after its call had resolved: " + run.get("ack"));
    }

    @Test
    void ackWithoutDataResolvesInTheRealParent() {
        // @procwire/core decodes every ack payload with its msgpack codec, so an empty payload makes
        // send() reject ("Offset is outside the bounds of the DataView"); a msgpack nil resolves to null.
        JsonNode r = run.get("ackEmpty");
        assertTrue(r.path("ok").asBoolean(), "send() of an ack method that acks without data was rejected: " + r);
        assertEquals(1, r.path("afterAckEvents").asInt());
    }

    @Test
    void ackMethodThatReturnsWithoutAckingResolvesInTheRealParent() {
        JsonNode r = run.get("ackImplicit");
        assertTrue(r.path("ok").asBoolean(), "send() of an ack method whose handler returned without acking was rejected: " + r);
    }

    @Test
    void workerStillServesAfterAllThat() {
        assertEquals("still serving", run.get("after.value").asText());
        assertEquals(0, run.get("errors").size(), run.get("errors").toString());
    }
}
