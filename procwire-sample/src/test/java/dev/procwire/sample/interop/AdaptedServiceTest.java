package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @procwire/core} parent calls the {@link AdaptedWorker}, whose {@code Money} only a
 * {@code @WireAdapter} makes travel (scenario src/test/node/adapted.mjs): JavaScript sends and receives
 * it as the adapter's string, and a string the adapter refuses is {@code INVALID_PARAMS}.
 */
@RequiresNode
class AdaptedServiceTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.adapted("adapted.mjs");
    }

    @Test
    void anAdaptedTypeTravelsAsItsWireFormInsideRecordsBothWays() {
        assertTrue(run.get("spawned").asBoolean(), run.json().toString());
        assertEquals("{\"count\":2,\"sum\":\"EUR 7.50\"}", run.get("total.value").toString(), run.get("total").toString());
    }

    @Test
    void anAdaptedParameterAndResultTravelBare() {
        assertEquals("USD 0.99", run.get("parse.value").asText(), run.get("parse").toString());
    }

    @Test
    void aFromWireRefusalIsInvalidParamsWithTheAdaptersMessage() {
        JsonNode r = run.get("refused");
        assertFalse(r.path("ok").asBoolean(), r.toString());
        assertEquals("INVALID_PARAMS", r.path("data").path("code").asText(), r.toString());
        assertEquals("invalid params for parse: AdaptedWorker.MoneyAdapter.fromWire: not an amount of money: "
                + "\"0.99 dollars\"", r.path("message").asText(), r.toString());
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
    }
}
