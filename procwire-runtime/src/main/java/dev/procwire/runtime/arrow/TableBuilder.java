package dev.procwire.runtime.arrow;

import java.time.Instant;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds a table column by column, for generated column mappings (and handlers): each method adds one
 * column of the Java type's Arrow type (the README's type table); primitive arrays make non-nullable
 * fields, lists nullable ones. Every column must have the same length: a column of another length is an
 * {@link IllegalArgumentException} naming it and both lengths. {@link #build()} allocates from
 * {@link ArrowPayloads#allocator()}.
 *
 * <pre>{@code
 * VectorSchemaRoot t = new TableBuilder().longs("id", ids).floatVectors("vector", vectors, 384).build();
 * }</pre>
 */
public final class TableBuilder {
    public TableBuilder longs(String column, long[] values) { throw todo(); }
    public TableBuilder ints(String column, int[] values) { throw todo(); }
    public TableBuilder shorts(String column, short[] values) { throw todo(); }
    public TableBuilder bytes(String column, byte[] values) { throw todo(); }
    public TableBuilder floats(String column, float[] values) { throw todo(); }
    public TableBuilder doubles(String column, double[] values) { throw todo(); }
    public TableBuilder booleans(String column, boolean[] values) { throw todo(); }

    public TableBuilder longList(String column, List<Long> values) { throw todo(); }
    public TableBuilder intList(String column, List<Integer> values) { throw todo(); }
    public TableBuilder shortList(String column, List<Short> values) { throw todo(); }
    public TableBuilder byteList(String column, List<Byte> values) { throw todo(); }
    public TableBuilder floatList(String column, List<Float> values) { throw todo(); }
    public TableBuilder doubleList(String column, List<Double> values) { throw todo(); }
    public TableBuilder booleanList(String column, List<Boolean> values) { throw todo(); }
    public TableBuilder strings(String column, List<String> values) { throw todo(); }
    /** Timestamp, nanoseconds, UTC. */
    public TableBuilder instants(String column, List<Instant> values) { throw todo(); }
    public TableBuilder binaries(String column, List<byte[]> values) { throw todo(); }
    /**
     * A fixed-size list of {@code dimension} Float32 per row; a row of another length is an
     * {@link IllegalArgumentException} naming the column and the row. {@code dimension} -1: the first
     * non-null row's length (0 when there is none).
     */
    public TableBuilder floatVectors(String column, List<float[]> values, int dimension) { throw todo(); }
    public TableBuilder doubleVectors(String column, List<double[]> values, int dimension) { throw todo(); }

    /** The table; the builder is spent. The caller owns it (the runtime closes one it is handed). */
    public VectorSchemaRoot build() { throw todo(); }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("TODO");
    }
}
