package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same scenarios against the Java BenchWorker and the reference worker built on
 * {@code @procwire/client}: where the contract is met both answer alike; where the reference worker is
 * weak, the Java worker is shown to hold up while the reference really does fail.
 */
@RequiresNode
class ReferenceCrossCheckTest {
    private static final long MiB = 1 << 20;

    private static JsonNode java(String script, String path) {
        return Scenarios.java(script).get(path);
    }

    private static JsonNode reference(String script, String path) {
        return Scenarios.reference(script).get(path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo", "echoRaw", "stream", "emptyStream", "emit", "sleep", "spin", "fail", "failMessageOnly",
        "ack", "none", "abort", "concurrency"})
    void bothWorkersAnswerTheContractAlike(String part) {
        assertEquals(Scenarios.withoutTimings(reference("contract.mjs", part)), Scenarios.withoutTimings(java("contract.mjs", part)),
                part + " differs from the reference worker");
    }

    @Test
    void bothWorkersStopAnAbortedStreamAndStayUsable() {
        for (JsonNode r : new JsonNode[] {java("contract.mjs", "abortStream"), reference("contract.mjs", "abortStream")}) {
            assertEquals("AbortError", r.path("error").path("name").asText(), r.toString());
            assertTrue(r.path("after").path("ok").asBoolean(), r.toString());
        }
    }

    @Test
    void malformedPayloadCrashesTheReferenceWorkerButIsAnErrorFrameForJava() {
        JsonNode java = Scenarios.java("malformed.mjs").json();
        assertEquals("INVALID_PARAMS", java.at("/steps/invalidByte/data/code").asText(), java.toString());
        assertTrue(java.path("workerAlive").asBoolean());
        assertEquals("abc", java.at("/steps/validAgain/value").asText());

        JsonNode ref = Scenarios.reference("malformed.mjs").json();
        assertEquals("Module disconnected", ref.at("/steps/invalidByte/message").asText(), ref.toString());
        assertFalse(ref.path("workerAlive").asBoolean(), "the reference worker survived a malformed payload: " + ref);
        assertTrue(ref.path("errors").toString().contains("exited unexpectedly (code: 1"), ref.path("errors").toString());
        assertFalse(ref.at("/steps/validAgain/ok").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tableFromArrays", "plainObject", "recordBatch", "nulls", "emptyNoBatch", "emptyBatch", "multiBatch",
        "everyType", "readTypes", "dictionary", "large", "padded", "paddedEveryType", "nullStrings"})
    void referenceWorkerEchoesEveryArrowTableUnchanged(String table) {
        JsonNode r = reference("arrow.mjs", "echo." + table);
        assertTrue(r.path("same").asBoolean(), table + " came back changed: " + r);
    }

    @Test
    void referenceWorkerEchoesConcurrentArrowTablesUnchanged() {
        JsonNode r = reference("arrow.mjs", "echo.concurrent");
        assertEquals(6, r.size(), r.toString());
        r.forEach(t -> assertTrue(t.path("same").asBoolean(), t.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small, 3, 4", "typical, 1000, 384", "zeroRows, 0, 8", "oneWide, 2, 1"})
    void referenceWorkerMakesExactEmbeddings(String call, int rows, int dim) {
        JsonNode r = reference("arrow.mjs", "embeddings." + call);
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals(rows, r.path("rows").asInt(), r.toString());
        assertEquals("id: Int64, vector: FixedSizeList[" + dim + "]<Float32>", r.path("schema").asText());
        assertEquals(0, r.path("mismatches").asInt(), r.toString());
    }

    @Test
    void malformedArrowPayloadCrashesTheReferenceWorker() {
        // @procwire/client decodes a request before its handler runs, outside any error handling.
        JsonNode r = reference("arrow.mjs", "malformed");
        assertTrue(r.at("/steps/valid/ok").asBoolean(), r.toString());
        assertEquals("Module disconnected", r.at("/steps/garbage/message").asText(), r.toString());
        assertFalse(r.path("workerAlive").asBoolean(), r.toString());
        assertFalse(r.at("/steps/validAgain/ok").asBoolean(), r.toString());
    }

    @Test
    void heartbeatKillsTheReferenceWorkerDuringCpuBoundWorkButNotJava() {
        JsonNode java = Scenarios.java("heartbeat.mjs").json();
        assertEquals(0, java.path("errors").size(), java.toString());
        assertTrue(java.path("workerAlive").asBoolean());

        JsonNode ref = Scenarios.reference("heartbeat.mjs").json();
        assertTrue(ref.path("errors").toString().contains("missed heartbeat"), "the reference worker kept up: " + ref);
        assertFalse(ref.path("workerAlive").asBoolean());
        assertTrue(ref.path("pongsDuringSpins").asInt() <= 1,
                "beyond a pong already on its way, its event loop answers no ping while spinning: " + ref);
        for (JsonNode spin : ref.path("spins")) {
            assertFalse(spin.path("ok").asBoolean(), spin.toString());
        }
    }

    @Test
    void cpuBoundHandlerDelaysOtherRequestsOnTheReferenceWorkerButNotOnJava() {
        long javaMs = java("contract.mjs", "cpuConcurrency.quick.ms").asLong();
        long refMs = reference("contract.mjs", "cpuConcurrency.quick.ms").asLong();
        assertTrue(javaMs < 1000, "Java: " + javaMs + " ms");
        assertTrue(refMs >= 1500, "the reference worker answered a quick request behind two 2 s spins in " + refMs + " ms");
    }

    @Test
    void shutdownWaitsForRequestsInFlightOnTheReferenceWorkerButNotOnJava() {
        long javaMs = java("lifecycle.mjs", "shutdown.ms").asLong();
        long refMs = reference("lifecycle.mjs", "shutdown.ms").asLong();
        assertTrue(javaMs < 1000, "Java: " + javaMs + " ms");
        assertTrue(refMs >= 1000, "the reference worker exited " + refMs + " ms after $shutdown with a 2 s sleep in flight");
    }

    @Test
    void bothWorkersAuthenticateAndComeBackAfterAKill() {
        for (JsonNode r : new JsonNode[] {Scenarios.java("lifecycle.mjs").json(), Scenarios.reference("lifecycle.mjs").json()}) {
            assertEquals("authenticated", r.at("/auth/echo/value").asText(), r.toString());
            assertTrue(r.at("/restart/cameBack").asBoolean(), r.toString());
            assertEquals("after restart", r.at("/restart/echo/value").asText(), r.toString());
        }
    }

    @Test
    void bothWorkersKeepMemoryFlatForASlowConsumer() {
        for (NodeScenario.Result r : new NodeScenario.Result[] {Scenarios.java("backpressure.mjs"), Scenarios.reference("backpressure.mjs")}) {
            assertEquals(r.get("expectedBytes").asLong(), r.get("bytes").asLong());
            long grown = r.get("rssStallMax").asLong() - r.get("rssBefore").asLong();
            assertTrue(grown < 200 * MiB, "grew " + grown / MiB + " MiB: " + r.json());
        }
    }

    @Test
    void mistypedRequestsDifferTheReferenceAnswersWhateverItsLoopMakesOfThem() {
        // Java rejects {count: "three"}; the reference worker's loop runs zero times and returns "three".
        assertFalse(java("contract.mjs", "mistyped.emit.ok").asBoolean());
        assertTrue(reference("contract.mjs", "mistyped.emit.ok").asBoolean());
        assertEquals("three", reference("contract.mjs", "mistyped.emit.value").asText());
        // Both end a stream whose request is not a map with an error.
        assertEquals("ProcwireError", reference("contract.mjs", "mistyped.stream.error.name").asText());
        assertEquals("ProcwireError", java("contract.mjs", "mistyped.stream.error.name").asText());
    }
}
