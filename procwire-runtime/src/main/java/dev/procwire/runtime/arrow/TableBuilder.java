package dev.procwire.runtime.arrow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds a table column by column, for generated column mappings (and handlers): each method adds one
 * column of the Java type's Arrow type; primitive arrays make non-nullable fields, lists nullable ones
 * (a {@code null} element is a null row). The columns are checked as they are added and copied into
 * Arrow memory, in bulk, by {@link #build()}, which allocates from {@link ArrowPayloads#allocator()}.
 * A vector column can also be written row by row as it is built ({@link #floatVectors(String, int, int,
 * FloatRows)}), for a large table whose rows would otherwise be made only to be copied.
 *
 * <pre>{@code
 * VectorSchemaRoot t = new TableBuilder().longs("id", ids).floatVectors("vector", vectors, 384).build();
 * call.reply(ArrowPayloads.TABLE, t); // written, then closed by the runtime
 * }</pre>
 *
 * <table>
 * <caption>Java column → Arrow column</caption>
 * <tr><td>{@code long[]}, {@code List<Long>}</td><td>Int64</td></tr>
 * <tr><td>{@code int[]}, {@code List<Integer>}</td><td>Int32</td></tr>
 * <tr><td>{@code short[]}, {@code List<Short>}</td><td>Int16</td></tr>
 * <tr><td>{@code byte[]}, {@code List<Byte>}</td><td>Int8</td></tr>
 * <tr><td>{@code double[]}, {@code List<Double>}</td><td>Float64</td></tr>
 * <tr><td>{@code float[]}, {@code List<Float>}</td><td>Float32</td></tr>
 * <tr><td>{@code boolean[]}, {@code List<Boolean>}</td><td>Bool</td></tr>
 * <tr><td>{@code List<String>}</td><td>Utf8</td></tr>
 * <tr><td>{@code List<Instant>}</td><td>Timestamp(ns, UTC)</td></tr>
 * <tr><td>{@code List<byte[]>}</td><td>Binary</td></tr>
 * <tr><td>{@code List<float[]>}</td><td>FixedSizeList&lt;Float32&gt;(dimension), elements non-nullable
 *     (dimension 0: List&lt;Float32&gt;)</td></tr>
 * <tr><td>{@code List<double[]>}</td><td>FixedSizeList&lt;Float64&gt;(dimension), elements non-nullable
 *     (dimension 0: List&lt;Float64&gt;)</td></tr>
 * </table>
 *
 * <p>Errors, all {@link IllegalArgumentException}s naming the column (a handler's bug, answered as an
 * {@code INTERNAL} error): a column of another length than the first ({@code column 'scores' has 3
 * values, but column 'ids' has 4}), a {@code null} array or list ({@code column 'names' is null: a
 * table's columns are arrays or lists, empty for no rows}), a name used twice, a vector row of another
 * dimension, an instant outside Timestamp(ns)'s range (years 1677 to 2262). The builder keeps the
 * arrays and lists it is given until {@link #build()}: do not change them in between.
 */
public final class TableBuilder {
    private final List<TableColumn> columns = new ArrayList<>();
    private boolean built;

    public TableBuilder longs(String column, long[] values) {
        return add(column, TableColumn.Kind.LONGS, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder ints(String column, int[] values) {
        return add(column, TableColumn.Kind.INTS, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder shorts(String column, short[] values) {
        return add(column, TableColumn.Kind.SHORTS, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder bytes(String column, byte[] values) {
        return add(column, TableColumn.Kind.BYTES, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder floats(String column, float[] values) {
        return add(column, TableColumn.Kind.FLOATS, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder doubles(String column, double[] values) {
        return add(column, TableColumn.Kind.DOUBLES, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder booleans(String column, boolean[] values) {
        return add(column, TableColumn.Kind.BOOLEANS, values, length(column, values == null ? -1 : values.length), 0);
    }

    public TableBuilder longList(String column, List<Long> values) {
        return add(column, TableColumn.Kind.LONG_LIST, values, size(column, values), 0);
    }

    public TableBuilder intList(String column, List<Integer> values) {
        return add(column, TableColumn.Kind.INT_LIST, values, size(column, values), 0);
    }

    public TableBuilder shortList(String column, List<Short> values) {
        return add(column, TableColumn.Kind.SHORT_LIST, values, size(column, values), 0);
    }

    public TableBuilder byteList(String column, List<Byte> values) {
        return add(column, TableColumn.Kind.BYTE_LIST, values, size(column, values), 0);
    }

    public TableBuilder floatList(String column, List<Float> values) {
        return add(column, TableColumn.Kind.FLOAT_LIST, values, size(column, values), 0);
    }

    public TableBuilder doubleList(String column, List<Double> values) {
        return add(column, TableColumn.Kind.DOUBLE_LIST, values, size(column, values), 0);
    }

    public TableBuilder booleanList(String column, List<Boolean> values) {
        return add(column, TableColumn.Kind.BOOLEAN_LIST, values, size(column, values), 0);
    }

    public TableBuilder strings(String column, List<String> values) {
        return add(column, TableColumn.Kind.STRINGS, values, size(column, values), 0);
    }

    /** Timestamp, nanoseconds, UTC; an instant outside years 1677 to 2262 is refused. */
    public TableBuilder instants(String column, List<Instant> values) {
        int n = size(column, values);
        for (int i = 0; i < n; i++) {
            Instant t = values.get(i);
            if (t != null) {
                try {
                    TableColumn.epochNanos(t);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("column '" + column + "' row " + i + ": " + t
                            + " is outside Timestamp(ns)'s range (1677-09-21 to 2262-04-11)", e);
                }
            }
        }
        return add(column, TableColumn.Kind.INSTANTS, values, n, 0);
    }

    public TableBuilder binaries(String column, List<byte[]> values) {
        return add(column, TableColumn.Kind.BINARIES, values, size(column, values), 0);
    }

    /**
     * A fixed-size list of {@code dimension} Float32 per row; a row of another length is an
     * {@link IllegalArgumentException} naming the column and the row. {@code dimension} -1: the first
     * non-null row's length (0 when there is none). A dimension of 0 is written as a List&lt;Float32&gt;
     * of empty rows instead: Arrow Java refuses a fixed-size list of size 0.
     */
    public TableBuilder floatVectors(String column, List<float[]> values, int dimension) {
        int n = size(column, values);
        int dim = dimension(column, dimension, n, i -> values.get(i) == null ? -1 : values.get(i).length);
        return add(column, TableColumn.Kind.FLOAT_VECTORS, values, n, dim);
    }

    /** A fixed-size list of {@code dimension} Float64 per row (a List of them for dimension 0), as {@link #floatVectors}. */
    public TableBuilder doubleVectors(String column, List<double[]> values, int dimension) {
        int n = size(column, values);
        int dim = dimension(column, dimension, n, i -> values.get(i) == null ? -1 : values.get(i).length);
        return add(column, TableColumn.Kind.DOUBLE_VECTORS, values, n, dim);
    }

    /**
     * A fixed-size list of {@code dimension} Float32 per row, for {@code rows} rows that {@code values}
     * writes when the table is built, straight into Arrow memory: no list of rows, no array per row.
     * The column is the one {@link #floatVectors(String, List, int)} makes of the same values, with no
     * null rows; a dimension of 0 is written as a List&lt;Float32&gt; of empty rows.
     *
     * <pre>{@code
     * new TableBuilder().longs("id", ids).floatVectors("vector", ids.length, 384, (row, v) -> model.embed(texts[row], v))
     * }</pre>
     *
     * @param rows the number of rows, 0 or more
     * @param dimension the values per row, 0 or more
     * @param values called by {@link #build()} once per row, in order, on the thread that builds
     * @throws IllegalArgumentException {@code rows} or {@code dimension} below 0, or more values than an
     *         Arrow vector holds ({@code rows × dimension} over 2<sup>31</sup> - 1)
     */
    public TableBuilder floatVectors(String column, int rows, int dimension, FloatRows values) {
        return add(column, TableColumn.Kind.FLOAT_ROWS, writer(column, values), rowCount(column, rows, dimension),
                dimension);
    }

    /** A fixed-size list of {@code dimension} Float64 per row, written by {@code values}, as {@link #floatVectors(String, int, int, FloatRows)}. */
    public TableBuilder doubleVectors(String column, int rows, int dimension, DoubleRows values) {
        return add(column, TableColumn.Kind.DOUBLE_ROWS, writer(column, values), rowCount(column, rows, dimension),
                dimension);
    }

    /** Writes the Float32 values of one row of a vector column; see {@link TableBuilder#floatVectors(String, int, int, FloatRows)}. */
    @FunctionalInterface
    public interface FloatRows {
        /**
         * Sets the values of row {@code row} in {@code values}: an array of the column's dimension, the
         * same for every row and all zeros when this is called. An exception thrown here is thrown by
         * {@link TableBuilder#build()}, with nothing left allocated.
         */
        void write(int row, float[] values);
    }

    /** Writes the Float64 values of one row of a vector column; see {@link TableBuilder#doubleVectors(String, int, int, DoubleRows)}. */
    @FunctionalInterface
    public interface DoubleRows {
        /** Sets the values of row {@code row} in {@code values}, as {@link FloatRows#write}. */
        void write(int row, double[] values);
    }

    /**
     * The table; the builder is spent. The caller owns it (the runtime closes one it is handed).
     *
     * @throws IllegalStateException called twice
     * @throws dev.procwire.api.ProcwireException Arrow cannot run in this JVM (the message names the fix)
     */
    public VectorSchemaRoot build() {
        if (built) {
            throw new IllegalStateException("this TableBuilder has built its table already");
        }
        built = true;
        return TableVectors.build(columns, ArrowPayloads.allocator());
    }

    /** {@code length}: the values' length, -1 for {@code null} values. */
    private static int length(String column, int length) {
        if (length < 0) { // a column record's component left null, most likely
            throw new IllegalArgumentException("column '" + column
                    + "' is null: a table's columns are arrays or lists, empty for no rows");
        }
        return length;
    }

    private static Object writer(String column, Object values) {
        if (values == null) {
            throw new IllegalArgumentException("column '" + column + "' has no row writer: pass one that sets each row's values");
        }
        return values;
    }

    private static int rowCount(String column, int rows, int dimension) {
        if (rows < 0 || dimension < 0) {
            throw new IllegalArgumentException("column '" + column + "': " + rows + " rows of dimension " + dimension
                    + " (expected 0 or more of each)");
        }
        if ((long) rows * dimension > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("column '" + column + "' has " + (long) rows * dimension
                    + " values, more than a vector takes");
        }
        return rows;
    }

    private static int size(String column, List<?> values) {
        return length(column, values == null ? -1 : values.size());
    }

    private static int dimension(String column, int dimension, int rows, java.util.function.IntUnaryOperator rowLength) {
        if (dimension < -1) {
            throw new IllegalArgumentException("column '" + column + "': dimension " + dimension + " (expected -1 or more)");
        }
        int dim = dimension;
        for (int i = 0; i < rows; i++) {
            int length = rowLength.applyAsInt(i);
            if (length < 0) {
                continue; // a null row
            }
            if (dim == -1) {
                dim = length;
            } else if (length != dim) {
                throw new IllegalArgumentException("column '" + column + "' row " + i + " has " + length
                        + " values, expected " + dim);
            }
        }
        return Math.max(dim, 0);
    }

    private TableBuilder add(String column, TableColumn.Kind kind, Object values, int length, int dimension) {
        Objects.requireNonNull(column, "column");
        if (built) {
            throw new IllegalStateException("this TableBuilder has built its table already");
        }
        for (TableColumn c : columns) {
            if (c.name().equals(column)) {
                throw new IllegalArgumentException("column '" + column + "' added twice");
            }
        }
        if (!columns.isEmpty() && columns.get(0).length() != length) {
            TableColumn first = columns.get(0);
            throw new IllegalArgumentException("column '" + column + "' has " + length + " values, but column '"
                    + first.name() + "' has " + first.length());
        }
        columns.add(new TableColumn(column, kind, values, length, dimension));
        return this;
    }
}
