package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every sample service spawned through the TypeScript module the processor generated for it, under the
 * real {@code @procwire/core} parent (scenario src/test/node/generated.mjs): {@code define<Service>()}
 * declares the module alone, the parent's handshake accepts it, and the generated client calls each
 * kind of method (result, raw, stream, ack, none, cancellable) and receives each event.
 */
@RequiresNode
class GeneratedModulesTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.java("generated.mjs");
    }

    private static void assertValue(String path, String expectedJson) {
        JsonNode r = run.get(path);
        assertTrue(r.get("ok").asBoolean(), path + ": " + r);
        assertEquals(expectedJson, r.get("value").toString(), path);
    }

    @Test
    void eachServicesGeneratedModulePassesTheParentsHandshake() {
        for (String service : List.of("seed", "bench", "desk")) {
            assertEquals(0, run.get(service + ".managerErrors").size(), run.get(service).toString());
        }
    }

    @Test
    void theSeedWorkersClientCallsEveryMethodAndHearsItsLogEvents() {
        assertValue("seed.add", "3.5");
        assertValue("seed.fibonacci", "6765");
        assertValue("seed.isPrime", "true");
        assertValue("seed.sumArray", "6.5");
        assertValue("seed.echo", "\"hi\"");
        assertEquals("[\"Processed add\",\"Processed fibonacci\",\"Processed is_prime\",\"Processed sum_array\","
                + "\"Processed echo\"]", run.get("seed.logs").toString());
    }

    @Test
    void theBenchWorkersClientUsesEachResponseKindAndCodec() {
        assertValue("bench.echo", "{\"nested\":[1,\"two\"]}");
        assertValue("bench.echoRaw", "{\"buffer\":\"cafe\"}");
        assertValue("bench.emit", "3");
        assertValue("bench.ack", "{\"accepted\":true}");
        JsonNode fail = run.get("bench.fail");
        assertFalse(fail.get("ok").asBoolean(), fail.toString());
        assertEquals("E_NO", fail.get("data").get("code").asText(), fail.toString());
        // Compared as JSON values: the worker's Map.of has no fixed key order.
        assertEquals(RawWorker.parse("[{\"seq\":0},{\"seq\":1},{\"seq\":2},{\"seq\":-1,\"got\":{\"x\":1}}]"),
                run.get("bench.ticks"));
    }

    @Test
    void aStreamsChunksAreUint8ArraysAsDeclared() {
        JsonNode chunks = run.get("bench.stream");
        assertEquals(4, chunks.size(), chunks.toString());
        chunks.forEach(c -> assertEquals("{\"uint8Array\":true,\"bytes\":3}", c.toString()));
    }

    @Test
    void cancellableMethodsAreAbortedAndTheWorkerCarriesOn() {
        assertEquals("AbortError", run.get("bench.sleepAborted.name").asText(), run.get("bench").toString());
        assertEquals("AbortError", run.get("bench.streamAborted.name").asText(), run.get("bench").toString());
        assertTrue(run.get("bench.streamReceived").asInt() < 1_000_000, run.get("bench.streamReceived").toString());
        assertValue("bench.afterAbort", "1");
    }

    @Test
    void theBookingDesksClientBooksPaysAndCancelsWithItsWireNames() {
        assertTrue(run.get("desk.nowIsDate").asBoolean(), "an Instant is a Date");
        assertValue("desk.quote", "\"EUR 240.00\"");
        assertEquals("held", run.get("desk.book.value.status").asText(), run.get("desk.book").toString());
        assertEquals("confirmed", run.get("desk.pay.value.status").asText(), run.get("desk.pay").toString());
        assertEquals("card", run.get("desk.pay.value.payments").get(0).get("method").asText());
        assertEquals(run.get("desk.book.value.booking_id"), run.get("desk.find.value.booking_id"));
        assertEquals(1, run.get("desk.arrivals.value").size());
        assertEquals("cancelled", run.get("desk.cancel.value.status").asText());
        assertEquals(3, run.get("desk.audit").size(), run.get("desk.audit").toString());
    }
}
