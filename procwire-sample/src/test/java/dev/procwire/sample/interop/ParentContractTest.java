package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @procwire/core} parent spawns the Java BenchWorker and exercises every response kind
 * (scenario src/test/node/contract.mjs, run once for the class).
 */
@RequiresNode
class ParentContractTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.java("contract.mjs");
    }

    private static JsonNode at(String path) {
        return run.get(path);
    }

    private static void assertOk(String path, String expectedJson) {
        JsonNode r = at(path);
        assertTrue(r.path("ok").asBoolean(), path + " failed: " + r);
        assertEquals(RawWorker.parse(expectedJson), r.path("value"), path);
    }

    private static JsonNode assertRejected(String path) {
        JsonNode r = at(path);
        assertTrue(r.has("ok") && !r.path("ok").asBoolean(), path + " should have been rejected: " + r);
        return r;
    }

    @Test
    void resultEchoesEveryValueShapeTheParentSends() {
        assertOk("echo.map", "{\"a\":1,\"b\":\"x\",\"nested\":{\"list\":[1,2,3],\"nil\":null,\"yes\":true}}");
        assertOk("echo.string", "\"héllo\"");
        assertOk("echo.int40", "1099511627776");
        assertOk("echo.int53", "9007199254740992");
        assertOk("echo.negative", "-300");
        assertOk("echo.half", "0.5");
        assertOk("echo.nil", "null");
        assertOk("echo.buffer", "{\"buffer\":\"010203\"}");
        assertOk("echo.uint8", "{\"buffer\":\"0405\"}");
        assertOk("echo.date", "{\"date\":1700000000123}");
        assertOk("echo.jsMap", "{}");
    }

    @Test
    void rawCodecEchoesBytesIncludingAnEmptyPayload() {
        assertOk("echoRaw.bytes", "{\"buffer\":\"c100ff\"}");
        assertOk("echoRaw.empty", "{\"buffer\":\"\"}");
    }

    @Test
    void largeRawPayloadsComeBackIntactAlsoSeveralAtOnce() {
        assertEquals(RawWorker.parse("[{\"length\":22020101,\"same\":true}]"), at("echoRawLarge.above16MiB"));
        assertEquals(RawWorker.parse("[{\"length\":16777216,\"same\":true},{\"length\":3145728,\"same\":true},"
                + "{\"length\":65537,\"same\":true}]"), at("echoRawLarge.concurrent"));
    }

    @Test
    void streamDeliversItsChunksThenEnds() {
        assertEquals(RawWorker.parse("[{\"buffer\":\"000000\"},{\"buffer\":\"000000\"},{\"buffer\":\"000000\"},"
                + "{\"buffer\":\"000000\"},{\"buffer\":\"000000\"}]"), at("stream"));
        assertEquals(RawWorker.parse("[]"), at("emptyStream"));
    }

    @Test
    void eventsArriveBeforeTheResultThatFollowsThem() {
        assertOk("emit.result", "5");
        assertEquals(RawWorker.parse("[{\"seq\":0},{\"seq\":1},{\"seq\":2},{\"seq\":3},{\"seq\":4}]"), at("emit.ticksAtResult"));
    }

    @Test
    void sleepAndSpinAnswerTheirResults() {
        assertOk("sleep", "\"slept\"");
        assertOk("spin", "20");
    }

    @Test
    void errorCarriesMessageCodeAndData() {
        JsonNode e = assertRejected("fail");
        assertEquals("boom", e.path("message").asText());
        assertEquals(RawWorker.parse("{\"message\":\"boom\",\"code\":\"E_BOOM\",\"data\":{\"k\":[1,2]}}"), e.path("data"));
        JsonNode plain = assertRejected("failMessageOnly");
        assertEquals("plain", plain.path("message").asText());
        assertEquals(RawWorker.parse("{\"message\":\"plain\"}"), plain.path("data"));
    }

    @Test
    void ackResolvesWithTheAckData() {
        assertOk("ack", "{\"accepted\":true}");
    }

    @Test
    void noneResolvesAtOnceAndItsHandlerRuns() {
        assertOk("none.result", "{\"undefined\":true}");
        assertEquals(RawWorker.parse("[{\"seq\":-1,\"got\":{\"z\":1}}]"), at("none.ticks"));
    }

    @Test
    void abortControllerCancelsACallAndTheWorkerStaysUsable() {
        JsonNode aborted = assertRejected("abort.aborted");
        assertEquals("AbortError", aborted.path("name").asText());
        assertTrue(aborted.path("ms").asLong() < 1000, "the abort took effect at once: " + aborted);
        assertOk("abort.after", "\"after abort\"");
    }

    @Test
    void abortControllerStopsAStreamAndTheWorkerStaysUsable() {
        assertEquals("AbortError", at("abortStream.error.name").asText());
        assertTrue(at("abortStream.received").asLong() >= 10);
        assertOk("abortStream.after", "\"after stream abort\"");
    }

    @Test
    void slowHandlerDoesNotDelayAnotherResponse() {
        assertOk("concurrency.quick", "\"quick\"");
        // Bounds well below the handlers' 3 s and 2 s: a loaded machine may be slow, never that slow.
        assertTrue(at("concurrency.quick.ms").asLong() < 1000, "quick answer behind a sleeping handler: " + at("concurrency"));
        assertOk("concurrency.slow", "\"slept\"");
    }

    @Test
    void cpuBoundHandlersDoNotDelayAnotherResponse() {
        assertOk("cpuConcurrency.quick", "\"quick\"");
        assertTrue(at("cpuConcurrency.quick.ms").asLong() < 1000,
                "quick answer behind two CPU-bound handlers: " + at("cpuConcurrency"));
        assertOk("cpuConcurrency.spins.0", "2000");
        assertOk("cpuConcurrency.spins.1", "2000");
    }

    @Test
    void mistypedPayloadIsAnErrorForThatRequestOnly() {
        assertEquals("ProcwireError", at("mistyped.stream.error.name").asText(), "a stream gets its error: " + at("mistyped"));
        assertEquals(0, at("mistyped.stream.chunks").size());
        assertRejected("mistyped.emit");
        assertOk("mistyped.after", "\"after mistyped\"");
    }

    @Test
    void shutdownIsQuickAndNothingWentWrong() {
        assertTrue(at("shutdownMs").asLong() < 1000, "manager.shutdown() took " + at("shutdownMs") + " ms");
        assertEquals("closed", at("state").asText());
        assertEquals(0, at("errors").size(), "the manager reported errors: " + at("errors"));
    }
}
