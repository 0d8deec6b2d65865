package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code VectorIndex} under the real {@code @procwire/core} parent and its {@code arrowCodec}
 * (scenario src/test/node/vectors.mjs): a column record in, a list of row records out, a table in and
 * a hand-built table out, and each caller's mistake answered with the column it concerns.
 */
@RequiresNode
class VectorIndexTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.vectors("vectors.mjs");
    }

    private static String columns(String path) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : run.get(path + ".columns")) {
            b.append(b.length() == 0 ? "" : ", ").append(c.get("name").asText()).append(' ').append(c.get("type").asText());
        }
        return b.toString();
    }

    private static void assertRefused(String path, String code, String... fragments) {
        JsonNode r = run.get(path);
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertEquals(code, r.get("data").get("code").asText(), r.toString());
        for (String f : fragments) {
            assertTrue(r.get("message").asText().contains(f), "'" + f + "' in " + r.get("message"));
        }
    }

    @Test
    void aTableOfItemsBindsColumnByColumn() {
        assertTrue(run.get("spawned").asBoolean(), run.json().toString());
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
        assertEquals(3, run.get("add.value").asInt(), run.get("add").toString());
    }

    @Test
    void rankedHitsComeBackOneRowEach() {
        assertEquals("id Int64, label Utf8, score Float32", columns("search"), run.get("search").toString());
        JsonNode rows = run.get("search.rows");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(10, rows.get(0).get("id").asLong());
        assertEquals("north", rows.get(0).get("label").asText());
        assertEquals(0.995, rows.get(0).get("score").asDouble(), 1e-3);
        assertEquals(30, rows.get(1).get("id").asLong());
        assertEquals(0.774, rows.get(1).get("score").asDouble(), 1e-3);
    }

    @Test
    void aHandlerBuildsItsOwnTableFromATableOfQueries() {
        assertEquals("query Int32, id Int64, score Float32", columns("searchMany"), run.get("searchMany").toString());
        JsonNode rows = run.get("searchMany.rows");
        long[] best = {20, 10, 30};
        for (int q = 0; q < best.length; q++) {
            assertEquals(q, rows.get(q).get("query").asInt());
            assertEquals(best[q], rows.get(q).get("id").asLong(), rows.toString());
            assertEquals(1.0, rows.get(q).get("score").asDouble(), 1e-5);
        }
    }

    @Test
    void aMissingColumnIsInvalidParamsNamingIt() {
        assertRefused("missingColumn", "INVALID_PARAMS", "'label'");
    }

    @Test
    void aColumnOfAnotherArrowTypeIsInvalidParamsNamingItAndBothTypes() {
        assertRefused("wrongType", "INVALID_PARAMS", "'id'", "Utf8", "Int64");
    }

    @Test
    void theServicesOwnRefusalKeepsItsCode() {
        assertRefused("badDimension", "BAD_DIMENSION", "row 0 has a vector of 2 values", "vectors of 3");
        assertRefused("searchManyWrongColumn", "INVALID_PARAMS", "'query'");
    }

    @Test
    void theWorkerServesOnAfterEveryMistakeAndARefusedBatchAddsNothing() {
        assertTrue(run.get("afterMistakes.ok").asBoolean(), run.get("afterMistakes").toString());
        assertEquals(4, run.get("afterMistakes.value").asInt());
    }
}
