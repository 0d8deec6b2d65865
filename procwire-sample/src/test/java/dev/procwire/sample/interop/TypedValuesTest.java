package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@code @procwire/core} parent calls the {@link TypedWorker} (a generated binding): the
 * values a JavaScript caller can rely on, and the {@code INVALID_PARAMS} errors (at {@code err.data.code}
 * on the Node side) of parameters that refuse what was sent (scenario src/test/node/typed.mjs).
 */
@RequiresNode
class TypedValuesTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.typed("typed.mjs");
    }

    private static void assertInvalidParams(String path, String message) {
        JsonNode r = run.get(path);
        assertFalse(r.path("ok").asBoolean(), path + " must fail: " + r);
        assertEquals("INVALID_PARAMS", r.path("data").path("code").asText(), r.toString());
        assertEquals(message, r.path("message").asText(), r.toString());
    }

    @Test
    void aRecordThatRefusesItsInputIsInvalidParamsWithItsMessage() {
        assertEquals(4, run.get("width.valid.value").asInt(), run.get("width").toString());
        assertInvalidParams("width.refused", "invalid params for width: Range: lo > hi");
    }

    @Test
    void aFiniteNumberBeyondTheFloatRangeIsInvalidParams() {
        assertEquals(1.5, run.get("half.valid.value").asDouble(), run.get("half").toString());
        assertInvalidParams("half.beyondFloat", "invalid params for half: number 1.0E300 is out of range for float (at 'x')");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "5", "-5", "9007199254740991", "-9007199254740991", "9007199254740992",
            "9007199254740993", "-9007199254740993", "9223372036854775807", "18446744073709551615",
            "18446744073709551616", "123456789012345678901234567890"})
    void aBigIntegerArrivesAsItsExactDecimalStringWhateverItsSize(String digits) {
        JsonNode r = run.get("/big/" + digits);
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals("string", r.path("type").asText(), "one type for every BigInteger: " + r);
        assertEquals(digits, r.path("text").asText(), "every digit: " + r);
    }

    @Test
    void aBigIntegerParameterReadsTheStringItWasSentAsAndNumbers() {
        assertEquals("-123456789012345678901234567890", run.get("bigText.fromItsOwnString.text").asText());
        assertEquals("9007199254740991", run.get("bigText.fromASafeNumber.text").asText());
        assertEquals("9007199254740992", run.get("bigText.fromTwoTo53.text").asText());
    }

    @Test
    void aLongStaysANumberExactUpToTwoTo53MinusOne() {
        assertEquals("number", run.get("longOf.maxSafe.type").asText());
        assertEquals("9007199254740991", run.get("longOf.maxSafe.text").asText());
        // Beyond 2^53 - 1 JavaScript cannot hold it exactly: the documented limit of long.
        assertEquals("number", run.get("longOf.beyondSafe.type").asText());
        assertEquals("9007199254740992", run.get("longOf.beyondSafe.text").asText());
    }

    @Test
    void aRawMethodThatReadsNoPayloadIsCalledByTheGeneratedClient() {
        JsonNode r = run.get("generated.stamp");
        assertTrue(r.path("ok").asBoolean() && r.path("isBuffer").asBoolean(), r.toString());
        assertEquals("7374616d70", r.path("hex").asText(), r.toString()); // "stamp"
    }

    @Test
    void aRawMethodThatAnswersNothingLaterGivesTheParentAnEmptyBuffer() {
        JsonNode r = run.get("generated.store");
        assertTrue(r.path("ok").asBoolean() && r.path("isBuffer").asBoolean(), r.toString());
        assertEquals("", r.path("hex").asText(), r.toString());
    }

    @Test
    void anArrowMethodThatReadsNoPayloadIsCalledByTheGeneratedClient() {
        JsonNode r = run.get("generated.ping");
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals("pong", r.path("value").asText(), r.toString());
    }

    @Test
    void theParentSawNoOtherError() {
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
        assertEquals(0, run.get("generated.managerErrors").size(), run.get("generated").toString());
    }
}
