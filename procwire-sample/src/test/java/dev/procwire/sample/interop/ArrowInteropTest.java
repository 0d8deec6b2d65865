package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Arrow codec against the real parent's {@code arrowCodec} and {@code apache-arrow} (scenario
 * src/test/node/arrow.mjs, on {@code BenchWorker}): every table the parent can build comes back as it
 * was sent, {@code embeddings} holds exact values, and malformed or fuzzed Arrow bytes are error replies
 * after which the worker serves on — where the reference Node worker dies ({@code ReferenceCrossCheckTest}).
 */
@RequiresNode
class ArrowInteropTest {
    private static JsonNode at(String path) {
        return Scenarios.java("arrow.mjs").get(path);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tableFromArrays", "plainObject", "recordBatch", "nulls", "emptyNoBatch", "emptyBatch",
        "multiBatch", "everyType", "readTypes", "large", "paddedEveryType", "nullStrings"})
    void arrowEchoReturnsEveryTableUnchanged(String table) {
        JsonNode r = at("echo." + table);
        assertTrue(r.path("same").asBoolean(), table + " came back changed: " + r);
    }

    @Test
    void aDictionaryEncodedColumnComesBackDecodedWithItsValues() {
        // tableFromArrays makes a string column dictionary-encoded; the worker reads it as plain strings.
        JsonNode r = at("echo.dictionary");
        assertEquals("Dictionary<Int32, Utf8>", r.at("/sent/schema/0/type").asText(), r.toString());
        assertEquals("Utf8", r.at("/back/schema/0/type").asText(), r.toString());
        assertEquals(r.at("/sent/columns"), r.at("/back/columns"), r.toString());
    }

    @Test
    void aTableApacheArrowPadsWithNullsComesBackWithItsNulls() {
        // new Table({id: [1n], name: ["a", "b", "c"]}): id padded with two nulls, in a batch whose all-null id
        // has an empty data buffer; name, from plain strings, is dictionary-encoded and comes back decoded.
        JsonNode r = at("echo.padded");
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals(r.at("/sent/schema/0"), r.at("/back/schema/0"), r.toString());
        assertEquals("Utf8", r.at("/back/schema/1/type").asText(), r.toString());
        assertEquals("[\"1\",null,null]", r.at("/back/columns/id").toString(), r.toString());
        assertEquals(r.at("/sent/columns"), r.at("/back/columns"), r.toString());
    }

    @Test
    void anEmptyPayloadIsATableOfNoColumnsAsTheParentsCodecReadsIt() {
        JsonNode r = at("malformed.steps.empty");
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals(0, r.path("rows").asInt(), r.toString());
    }

    @Test
    void concurrentEchoesEachGetTheirOwnTable() {
        JsonNode r = at("echo.concurrent");
        assertEquals(6, r.size(), r.toString());
        r.forEach(t -> assertTrue(t.path("same").asBoolean(), t.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"small, 3, 4", "typical, 1000, 384", "zeroRows, 0, 8", "oneWide, 2, 1"})
    void embeddingsHoldsExactValuesInAFixedSizeListColumn(String call, int rows, int dim) {
        JsonNode r = at("embeddings." + call);
        assertTrue(r.path("ok").asBoolean(), r.toString());
        assertEquals(rows, r.path("rows").asInt(), r.toString());
        assertEquals("id: Int64, vector: FixedSizeList[" + dim + "]<Float32>", r.path("schema").asText());
        assertEquals(0, r.path("mismatches").asInt(), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"garbage", "truncated", "schemaCut", "msgpack"})
    void aMalformedArrowPayloadIsAnInvalidParamsReply(String step) {
        JsonNode r = at("malformed.steps." + step);
        assertTrue(r.path("reply").asBoolean(), step + ": " + r);
        assertEquals("INVALID_PARAMS", r.path("code").asText(), r.toString());
    }

    @Test
    void theWorkerServesOnAfterMalformedPayloads() {
        JsonNode m = at("malformed");
        assertTrue(m.at("/steps/valid/ok").asBoolean(), m.toString());
        assertTrue(m.at("/steps/validAgain/ok").asBoolean(), m.toString());
        assertTrue(m.path("workerAlive").asBoolean(), m.toString());
    }

    @Test
    void fuzzedArrowPayloadsAreAllAnsweredAndNeverCrashTheWorker() {
        JsonNode f = at("fuzz");
        assertEquals(0, f.path("lost").asInt(), f.toString());
        assertTrue(f.path("cases").asInt() >= 300, f.toString());
        assertTrue(f.path("after").path("ok").asBoolean(), f.toString());
        assertTrue(f.path("workerAlive").asBoolean(), f.toString());
        f.path("codes").fieldNames().forEachRemaining(code ->
                assertEquals("INVALID_PARAMS", code, "every refusal is invalid params: " + f.path("codes")));
    }

    @Test
    void theParentSeesNoManagerErrors() {
        assertEquals(0, at("managerErrors").size(), at("managerErrors").toString());
    }
}
