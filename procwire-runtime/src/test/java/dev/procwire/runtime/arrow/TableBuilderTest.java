package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the table builder refuses, each naming the column, before anything is allocated; and what it
 * writes where a Java value is missing.
 */
class TableBuilderTest {

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, ArrowPayloads.allocator().getAllocatedMemory());
    }

    @Test
    void aColumnOfAnotherLengthIsRefusedNamingItAndBothLengths() {
        TableBuilder b = new TableBuilder().longs("ids", new long[] {1, 2, 3, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.floats("scores", new float[] {1, 2, 3}));
        assertEquals("column 'scores' has 3 values, but column 'ids' has 4", e.getMessage());
        assertEquals("column 'names' has 5 values, but column 'ids' has 4", assertThrows(IllegalArgumentException.class,
                () -> b.strings("names", List.of("a", "b", "c", "d", "e"))).getMessage());
    }

    @Test
    void theColumnsAddedBeforeARaggedOneStillBuild() {
        TableBuilder b = new TableBuilder().longs("ids", new long[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> b.ints("n", new int[] {1}));
        try (VectorSchemaRoot t = b.build()) {
            assertEquals(2, t.getRowCount());
            assertEquals(1, t.getSchema().getFields().size());
        }
    }

    @Test
    void aColumnNameUsedTwiceIsRefused() {
        TableBuilder b = new TableBuilder().longs("id", new long[] {1});
        assertEquals("column 'id' added twice",
                assertThrows(IllegalArgumentException.class, () -> b.ints("id", new int[] {1})).getMessage());
    }

    @Test
    void aVectorRowOfAnotherDimensionIsRefusedNamingTheRow() {
        List<float[]> rows = Arrays.asList(new float[3], null, new float[2]);
        assertEquals("column 'vector' row 2 has 2 values, expected 3", assertThrows(IllegalArgumentException.class,
                () -> new TableBuilder().floatVectors("vector", rows, -1)).getMessage());
        assertEquals("column 'vector' row 0 has 3 values, expected 384", assertThrows(IllegalArgumentException.class,
                () -> new TableBuilder().floatVectors("vector", rows, 384)).getMessage());
        assertEquals("column 'vector': dimension -2 (expected -1 or more)", assertThrows(IllegalArgumentException.class,
                () -> new TableBuilder().doubleVectors("vector", List.of(), -2)).getMessage());
    }

    @Test
    void anInstantOutsideTimestampNanosecondsRangeIsRefusedNamingTheRow() {
        List<Instant> times = List.of(Instant.EPOCH, Instant.parse("2262-04-12T00:00:00Z"));
        assertEquals("column 'at' row 1: 2262-04-12T00:00:00Z is outside Timestamp(ns)'s range (1677-09-21 to 2262-04-11)",
                assertThrows(IllegalArgumentException.class, () -> new TableBuilder().instants("at", times)).getMessage());
    }

    @Test
    void aNullColumnIsRefusedNamingTheColumnAndTheFix() {
        // as a column record with a null component (new Opt(ids, null)) is written
        assertEquals("column 'name' is null: a table's columns are arrays or lists, empty for no rows",
                assertThrows(IllegalArgumentException.class, () -> new TableBuilder().strings("name", null)).getMessage());
        assertEquals("column 'ids' is null: a table's columns are arrays or lists, empty for no rows",
                assertThrows(IllegalArgumentException.class, () -> new TableBuilder().longs("ids", null)).getMessage());
        assertEquals("column 'v' is null: a table's columns are arrays or lists, empty for no rows",
                assertThrows(IllegalArgumentException.class, () -> new TableBuilder().floatVectors("v", null, 3)).getMessage());
    }

    @Test
    void aBuilderBuildsOnce() {
        TableBuilder b = new TableBuilder().longs("id", new long[] {1});
        b.build().close();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> b.ints("n", new int[] {1}));
    }

    @Test
    void theElementsOfANullVectorRowAreZerosWhateverTheMemoryHeldBefore() {
        int rows = 1_000;
        int dim = 64;
        List<float[]> full = new java.util.ArrayList<>();
        List<float[]> holes = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            float[] row = new float[dim];
            Arrays.fill(row, Float.NaN);
            full.add(row);
            holes.add(i % 3 == 0 ? null : row);
        }
        for (int round = 0; round < 3; round++) { // memory just freed, full of NaNs, is likely to be handed out again
            new TableBuilder().floatVectors("v", full, dim).build().close();
            try (VectorSchemaRoot t = new TableBuilder().floatVectors("v", holes, dim).build()) {
                org.apache.arrow.vector.complex.FixedSizeListVector v =
                        (org.apache.arrow.vector.complex.FixedSizeListVector) t.getVector("v");
                org.apache.arrow.vector.Float4Vector elements = (org.apache.arrow.vector.Float4Vector) v.getDataVector();
                for (int i = 0; i < rows; i += 3) {
                    assertEquals(true, v.isNull(i), "row " + i);
                    for (int j = 0; j < dim; j++) {
                        assertEquals(0f, elements.get(i * dim + j), "row " + i + " element " + j);
                    }
                }
                assertEquals(Float.NaN, elements.get(dim), "row 1 holds its values");
            }
        }
    }
}
