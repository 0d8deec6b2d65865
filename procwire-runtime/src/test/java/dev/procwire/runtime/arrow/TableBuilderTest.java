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

    @Test
    void writtenRowsAreTheRowsTheListFormMakesOfTheSameValues() {
        List<float[]> rows = List.of(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6});
        try (VectorSchemaRoot listed = new TableBuilder().floatVectors("v", rows, 2).build();
                VectorSchemaRoot written = new TableBuilder()
                        .floatVectors("v", 3, 2, (i, v) -> System.arraycopy(rows.get(i), 0, v, 0, 2)).build()) {
            assertEquals(listed.getSchema(), written.getSchema());
            assertEquals(listed.contentToTSVString(), written.contentToTSVString());
        }
    }

    @Test
    void aRowWriterIsGivenZerosWhateverThePreviousRowWrote() {
        // row 0 sets every value, row 1 only its first: the rest of row 1 must not be row 0's values
        try (VectorSchemaRoot t = new TableBuilder().doubleVectors("v", 2, 3, (i, v) -> {
            if (i == 0) Arrays.fill(v, 9); else v[0] = 1;
        }).build()) {
            assertEquals(List.of(List.of(9.0, 9.0, 9.0), List.of(1.0, 0.0, 0.0)),
                    List.of(t.getVector("v").getObject(0), t.getVector("v").getObject(1)));
        }
    }

    @Test
    void aRowWritersExceptionIsThrownByBuildWithNothingLeftAllocated() {
        TableBuilder b = new TableBuilder().longs("id", new long[] {1, 2}).floatVectors("v", 2, 4, (i, v) -> {
            if (i == 1) throw new IllegalStateException("no embedding for row 1");
        });
        assertEquals("no embedding for row 1", assertThrows(IllegalStateException.class, b::build).getMessage());
        // nothingLeaks checks the allocator
    }

    @Test
    void writtenRowsRefuseANegativeCountNoWriterAndTooManyValues() {
        assertEquals("column 'v': -1 rows of dimension 4 (expected 0 or more of each)", assertThrows(
                IllegalArgumentException.class, () -> new TableBuilder().floatVectors("v", -1, 4, (i, v) -> {})).getMessage());
        assertEquals("column 'v': 3 rows of dimension -1 (expected 0 or more of each)", assertThrows(
                IllegalArgumentException.class, () -> new TableBuilder().doubleVectors("v", 3, -1, (i, v) -> {})).getMessage());
        assertEquals("column 'v' has no row writer: pass one that sets each row's values", assertThrows(
                IllegalArgumentException.class, () -> new TableBuilder().floatVectors("v", 3, 4, null)).getMessage());
        assertEquals("column 'v' has 4294967296 values, more than a vector takes", assertThrows(
                IllegalArgumentException.class, () -> new TableBuilder().floatVectors("v", 1 << 16, 1 << 16, (i, v) -> {})).getMessage());
        assertEquals("column 'v' has 2 values, but column 'id' has 3", assertThrows(IllegalArgumentException.class,
                () -> new TableBuilder().longs("id", new long[3]).floatVectors("v", 2, 4, (i, v) -> {})).getMessage());
    }
}
