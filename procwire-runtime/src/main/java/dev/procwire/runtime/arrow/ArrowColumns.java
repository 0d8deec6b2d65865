package dev.procwire.runtime.arrow;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads a table's columns into Java values, for generated column mappings (and handlers): one method
 * per Java column type. Each finds the column by name, checks its Arrow type, and copies its values
 * out — primitive columns in bulk, straight from Arrow's buffers; the table is not kept.
 *
 * <pre>{@code
 * long[] ids = ArrowColumns.longs(table, "id");               // Int64, or a narrower integer, widened
 * List<float[]> vectors = ArrowColumns.floatVectors(table, "vector");
 * }</pre>
 *
 * <p>Accepted Arrow types (lossless widening; nothing narrows):
 * <table>
 * <caption>Java column ← Arrow column</caption>
 * <tr><td>{@code long[]}, {@code List<Long>}</td><td>Int64, Int32, Int16, Int8, UInt32, UInt16, UInt8</td></tr>
 * <tr><td>{@code int[]}, {@code List<Integer>}</td><td>Int32, Int16, Int8, UInt16, UInt8</td></tr>
 * <tr><td>{@code short[]}, {@code List<Short>}</td><td>Int16, Int8, UInt8</td></tr>
 * <tr><td>{@code byte[]}, {@code List<Byte>}</td><td>Int8</td></tr>
 * <tr><td>{@code double[]}, {@code List<Double>}</td><td>Float64, Float32, Float16</td></tr>
 * <tr><td>{@code float[]}, {@code List<Float>}</td><td>Float32, Float16</td></tr>
 * <tr><td>{@code boolean[]}, {@code List<Boolean>}</td><td>Bool</td></tr>
 * <tr><td>{@code List<String>}</td><td>Utf8, LargeUtf8</td></tr>
 * <tr><td>{@code List<Instant>}</td><td>Timestamp (any unit; the zone is ignored: values count from the
 *     epoch, UTC), Date(ms)</td></tr>
 * <tr><td>{@code List<byte[]>}</td><td>Binary, LargeBinary, FixedSizeBinary</td></tr>
 * <tr><td>{@code List<float[]>}</td><td>FixedSizeList or List of Float32 or Float16</td></tr>
 * <tr><td>{@code List<double[]>}</td><td>FixedSizeList or List of Float64, Float32 or Float16</td></tr>
 * </table>
 *
 * <p>Nulls: a primitive array takes none (a null is refused, naming the row and the type that takes
 * it: the list, or, for the values of a row record's component, the box); a list holds {@code null}
 * for a null row; a {@code float[]}/{@code double[]} row holds no null values. The lists returned are
 * unmodifiable.
 *
 * <p>Every refusal is an {@link ArrowPayloadException} (answered {@code INVALID_PARAMS}) naming the
 * column: {@code no column 'ids' (columns: a, b)}, {@code column 'scores' is Utf8, expected Float32 or
 * Float16 for float[]}, {@code column 'ids' has a null at row 3; declare it List<Long> to take nulls}.
 * Writing is {@link TableBuilder}.
 */
public final class ArrowColumns {
    private ArrowColumns() {}

    private static final String LONG_TYPES = "Int64, Int32, Int16, Int8, UInt32, UInt16 or UInt8";
    private static final String INT_TYPES = "Int32, Int16, Int8, UInt16 or UInt8";
    private static final String SHORT_TYPES = "Int16, Int8 or UInt8";
    private static final String BYTE_TYPES = "Int8";
    private static final String DOUBLE_TYPES = "Float64, Float32 or Float16";
    private static final String FLOAT_TYPES = "Float32 or Float16";

    /** The table's row count. */
    public static int rowCount(VectorSchemaRoot table) {
        return table.getRowCount();
    }

    // ---- integers -------------------------------------------------------------------------------

    /** An integer column as {@code long[]}; no nulls (a null is refused: "declare it List<Long> to take nulls"). */
    public static long[] longs(VectorSchemaRoot table, String column) {
        return longs(table, column, "List<Long>");
    }

    /**
     * An integer column as {@code long[]}, its refusal of a null naming {@code nullable} as the type that
     * takes one: {@code "Long"} when it holds the values of a row record's component.
     */
    public static long[] longs(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = integers(table, column, 64, 32, LONG_TYPES, "long[]");
        noNulls(v, column, nullable);
        return longValues(v, column);
    }

    /** An integer column as {@code int[]}; no nulls (a null is refused: "declare it List<Integer> to take nulls"). */
    public static int[] ints(VectorSchemaRoot table, String column) {
        return ints(table, column, "List<Integer>");
    }

    /**
     * An integer column as {@code int[]}, its refusal of a null naming {@code nullable} as the type that
     * takes one: {@code "Integer"} when it holds the values of a row record's component.
     */
    public static int[] ints(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = integers(table, column, 32, 16, INT_TYPES, "int[]");
        noNulls(v, column, nullable);
        return intValues(v, column);
    }

    /** An integer column as {@code short[]}; no nulls (a null is refused: "declare it List<Short> to take nulls"). */
    public static short[] shorts(VectorSchemaRoot table, String column) {
        return shorts(table, column, "List<Short>");
    }

    /**
     * An integer column as {@code short[]}, its refusal of a null naming {@code nullable} as the type that
     * takes one: {@code "Short"} when it holds the values of a row record's component.
     */
    public static short[] shorts(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = integers(table, column, 16, 8, SHORT_TYPES, "short[]");
        noNulls(v, column, nullable);
        return shortValues(v, column);
    }

    /** An Int8 column as {@code byte[]}; no nulls (a null is refused: "declare it List<Byte> to take nulls"). */
    public static byte[] bytes(VectorSchemaRoot table, String column) {
        return bytes(table, column, "List<Byte>");
    }

    /**
     * An Int8 column as {@code byte[]}, its refusal of a null naming {@code nullable} as the type that takes
     * one: {@code "Byte"} when it holds the values of a row record's component.
     */
    public static byte[] bytes(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = integers(table, column, 8, 0, BYTE_TYPES, "byte[]");
        noNulls(v, column, nullable);
        return byteValues(v, column);
    }

    /** An integer column as {@code List<Long>}; a null row is {@code null}. */
    public static List<Long> longList(VectorSchemaRoot table, String column) {
        FieldVector v = integers(table, column, 64, 32, LONG_TYPES, "List<Long>");
        long[] values = longValues(v, column);
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    /** An integer column as {@code List<Integer>}; a null row is {@code null}. */
    public static List<Integer> intList(VectorSchemaRoot table, String column) {
        FieldVector v = integers(table, column, 32, 16, INT_TYPES, "List<Integer>");
        int[] values = intValues(v, column);
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    /** An integer column as {@code List<Short>}; a null row is {@code null}. */
    public static List<Short> shortList(VectorSchemaRoot table, String column) {
        FieldVector v = integers(table, column, 16, 8, SHORT_TYPES, "List<Short>");
        short[] values = shortValues(v, column);
        Short[] boxed = new Short[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    /** An Int8 column as {@code List<Byte>}; a null row is {@code null}. */
    public static List<Byte> byteList(VectorSchemaRoot table, String column) {
        FieldVector v = integers(table, column, 8, 0, BYTE_TYPES, "List<Byte>");
        byte[] values = byteValues(v, column);
        Byte[] boxed = new Byte[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    // ---- floating point -------------------------------------------------------------------------

    /**
     * A floating-point column as {@code float[]}; no nulls (a null is refused: "declare it List<Float>
     * to take nulls").
     */
    public static float[] floats(VectorSchemaRoot table, String column) {
        return floats(table, column, "List<Float>");
    }

    /**
     * A floating-point column as {@code float[]}, its refusal of a null naming {@code nullable} as the type
     * that takes one: {@code "Float"} when it holds the values of a row record's component.
     */
    public static float[] floats(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = floating(table, column, false, FLOAT_TYPES, "float[]");
        noNulls(v, column, nullable);
        return floatValues(v, column);
    }

    /**
     * A floating-point column as {@code double[]}; no nulls (a null is refused: "declare it List<Double>
     * to take nulls").
     */
    public static double[] doubles(VectorSchemaRoot table, String column) {
        return doubles(table, column, "List<Double>");
    }

    /**
     * A floating-point column as {@code double[]}, its refusal of a null naming {@code nullable} as the type
     * that takes one: {@code "Double"} when it holds the values of a row record's component.
     */
    public static double[] doubles(VectorSchemaRoot table, String column, String nullable) {
        FieldVector v = floating(table, column, true, DOUBLE_TYPES, "double[]");
        noNulls(v, column, nullable);
        return doubleValues(v, column);
    }

    /** A floating-point column as {@code List<Float>}; a null row is {@code null}. */
    public static List<Float> floatList(VectorSchemaRoot table, String column) {
        FieldVector v = floating(table, column, false, FLOAT_TYPES, "List<Float>");
        float[] values = floatValues(v, column);
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    /** A floating-point column as {@code List<Double>}; a null row is {@code null}. */
    public static List<Double> doubleList(VectorSchemaRoot table, String column) {
        FieldVector v = floating(table, column, true, DOUBLE_TYPES, "List<Double>");
        double[] values = doubleValues(v, column);
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    // ---- booleans -------------------------------------------------------------------------------

    /** A Bool column as {@code boolean[]}; no nulls (a null is refused: "declare it List<Boolean> to take nulls"). */
    public static boolean[] booleans(VectorSchemaRoot table, String column) {
        return booleans(table, column, "List<Boolean>");
    }

    /**
     * A Bool column as {@code boolean[]}, its refusal of a null naming {@code nullable} as the type that
     * takes one: {@code "Boolean"} when it holds the values of a row record's component.
     */
    public static boolean[] booleans(VectorSchemaRoot table, String column, String nullable) {
        BitVector v = bools(table, column, "boolean[]");
        noNulls(v, column, nullable);
        return booleanValues(v);
    }

    /** A Bool column as {@code List<Boolean>}; a null row is {@code null}. */
    public static List<Boolean> booleanList(VectorSchemaRoot table, String column) {
        BitVector v = bools(table, column, "List<Boolean>");
        boolean[] values = booleanValues(v);
        Boolean[] boxed = new Boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = v.isNull(i) ? null : values[i];
        }
        return list(boxed);
    }

    // ---- strings, instants, binaries ------------------------------------------------------------

    /** A Utf8 or LargeUtf8 column as {@code List<String>}; a null row is {@code null}. */
    public static List<String> strings(VectorSchemaRoot table, String column) {
        FieldVector v = column(table, column);
        ArrowType.ArrowTypeID id = v.getField().getType().getTypeID();
        if (v.getField().getDictionary() != null
                || (id != ArrowType.ArrowTypeID.Utf8 && id != ArrowType.ArrowTypeID.LargeUtf8)) {
            throw wrongType(v, column, "Utf8 or LargeUtf8", "List<String>");
        }
        int n = v.getValueCount();
        long[] offsets = offsets(v, column, v.getDataBuffer().capacity());
        byte[] data = variableData(v, offsets, column);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (!v.isNull(i)) {
                out[i] = utf8(data, (int) (offsets[i] - offsets[0]), (int) (offsets[i + 1] - offsets[i]), column, i);
            }
        }
        return list(out);
    }

    /**
     * A Timestamp column (any unit; its zone does not change the instant) or a Date(ms) column as
     * {@code List<Instant>}; a null row is {@code null}.
     */
    public static List<Instant> instants(VectorSchemaRoot table, String column) {
        FieldVector v = column(table, column);
        ArrowType t = v.getField().getType();
        org.apache.arrow.vector.types.TimeUnit unit;
        if (v.getField().getDictionary() == null && t instanceof ArrowType.Timestamp ts) {
            unit = ts.getUnit();
        } else if (v.getField().getDictionary() == null && t instanceof ArrowType.Date d && d.getUnit() == DateUnit.MILLISECOND) {
            unit = org.apache.arrow.vector.types.TimeUnit.MILLISECOND;
        } else {
            throw wrongType(v, column, "Timestamp or Date(ms)", "List<Instant>");
        }
        int n = v.getValueCount();
        ByteBuffer raw = FixedWidthValues.view(((BaseFixedWidthVector) v).getDataBuffer(), n, 8, column);
        Instant[] out = new Instant[n];
        for (int i = 0; i < n; i++) {
            if (!v.isNull(i)) {
                long value = raw.getLong(i * 8);
                try {
                    out[i] = switch (unit) {
                        case SECOND -> Instant.ofEpochSecond(value);
                        case MILLISECOND -> Instant.ofEpochMilli(value);
                        case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
                        case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
                    };
                } catch (DateTimeException e) {
                    throw new ArrowPayloadException("column '" + column + "' row " + i + ": " + value + " "
                            + unit.name().toLowerCase() + "s since the epoch is outside Instant's range", e);
                }
            }
        }
        return list(out);
    }

    /** A Binary, LargeBinary or FixedSizeBinary column as {@code List<byte[]>}; a null row is {@code null}. */
    public static List<byte[]> binaries(VectorSchemaRoot table, String column) {
        FieldVector v = column(table, column);
        ArrowType.ArrowTypeID id = v.getField().getType().getTypeID();
        int n = v.getValueCount();
        byte[][] out = new byte[n][];
        if (v.getField().getDictionary() == null && v instanceof FixedSizeBinaryVector fixed) {
            int width = fixed.getByteWidth();
            ArrowBuf data = fixed.getDataBuffer();
            for (int i = 0; i < n; i++) {
                if (!v.isNull(i)) {
                    out[i] = new byte[width];
                    data.getBytes((long) i * width, out[i], 0, width);
                }
            }
            return list(out);
        }
        if (v.getField().getDictionary() != null
                || (id != ArrowType.ArrowTypeID.Binary && id != ArrowType.ArrowTypeID.LargeBinary)) {
            throw wrongType(v, column, "Binary, LargeBinary or FixedSizeBinary", "List<byte[]>");
        }
        ArrowBuf data = v.getDataBuffer();
        long[] offsets = offsets(v, column, data.capacity());
        for (int i = 0; i < n; i++) {
            if (!v.isNull(i)) {
                int length = (int) (offsets[i + 1] - offsets[i]);
                out[i] = new byte[length];
                data.getBytes(offsets[i], out[i], 0, length);
            }
        }
        return list(out);
    }

    // ---- vectors (lists of floats per row) ------------------------------------------------------

    /**
     * A FixedSizeList or List of Float32 (or Float16) as one {@code float[]} per row; a null row is
     * {@code null}, a null value inside a row is refused.
     */
    public static List<float[]> floatVectors(VectorSchemaRoot table, String column) {
        Rows rows = rows(table, column, false, "FixedSizeList or List of Float32 or Float16", "List<float[]>");
        float[][] out = new float[rows.count()][];
        FieldVector values = rows.values();
        boolean half = values instanceof Float2Vector;
        FloatBuffer all = half ? null : FixedWidthValues.view(valueBuffer(values), rows.end(), 4, column).asFloatBuffer();
        for (int i = 0; i < out.length; i++) {
            if (!rows.list().isNull(i)) {
                int start = rows.start(i);
                float[] row = new float[rows.end(i) - start];
                if (half) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = ((Float2Vector) values).getValueAsFloat(start + j);
                    }
                } else {
                    all.get(start, row);
                }
                out[i] = row;
            }
        }
        return list(out);
    }

    /**
     * A FixedSizeList or List of Float64 (or Float32, Float16) as one {@code double[]} per row; a null row
     * is {@code null}, a null value inside a row is refused.
     */
    public static List<double[]> doubleVectors(VectorSchemaRoot table, String column) {
        Rows rows = rows(table, column, true, "FixedSizeList or List of Float64, Float32 or Float16", "List<double[]>");
        double[][] out = new double[rows.count()][];
        FieldVector values = rows.values();
        double[] all = doubleValues(values, column, rows.end());
        for (int i = 0; i < out.length; i++) {
            if (!rows.list().isNull(i)) {
                out[i] = Arrays.copyOfRange(all, rows.start(i), rows.end(i));
            }
        }
        return list(out);
    }

    /** A list column's rows: {@code start(i)} to {@code end(i)} in {@code values}; {@code end()} is the last end. */
    private record Rows(FieldVector list, FieldVector values, int[] bounds, int fixed) {
        int count() {
            return list.getValueCount();
        }

        int start(int row) {
            return bounds == null ? row * fixed : bounds[row];
        }

        int end(int row) {
            return bounds == null ? (row + 1) * fixed : bounds[row + 1];
        }

        int end() {
            return count() == 0 ? 0 : end(count() - 1);
        }
    }

    private static Rows rows(VectorSchemaRoot table, String column, boolean toDouble, String expected, String javaType) {
        FieldVector v = column(table, column);
        FieldVector values;
        int[] bounds = null;
        int fixed = 0;
        if (v.getField().getDictionary() == null && v instanceof FixedSizeListVector f) {
            values = f.getDataVector();
            fixed = f.getListSize();
            if ((long) fixed * v.getValueCount() > values.getValueCount()) {
                throw new ArrowPayloadException("column '" + column + "' has " + v.getValueCount() + " rows of " + fixed
                        + " values, but only " + values.getValueCount() + " values");
            }
        } else if (v.getField().getDictionary() == null && v instanceof ListVector l) {
            values = l.getDataVector();
            long[] offsets = offsets(l, column, values.getValueCount());
            bounds = new int[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                bounds[i] = (int) offsets[i];
            }
        } else {
            throw wrongType(v, column, expected, javaType);
        }
        if (!isFloat(values.getField(), toDouble) || values.getField().getDictionary() != null) {
            throw wrongType(v, column, expected, javaType);
        }
        Rows rows = new Rows(v, values, bounds, fixed);
        if (values.getNullCount() > 0) {
            refuseNullValues(rows, v, values, column, toDouble ? "double[]" : "float[]");
        }
        return rows;
    }

    /** Refuses a null value inside a non-null row: a {@code float[]} or {@code double[]} row holds none. */
    private static void refuseNullValues(Rows rows, FieldVector v, FieldVector values, String column, String rowType) {
        for (int i = 0; i < rows.count(); i++) {
            if (!v.isNull(i)) {
                for (int j = rows.start(i); j < rows.end(i); j++) {
                    if (values.isNull(j)) {
                        throw new ArrowPayloadException("column '" + column + "' has a null value in row " + i
                                + " (at " + (j - rows.start(i)) + "); a " + rowType + " row takes none");
                    }
                }
            }
        }
    }

    private static boolean isFloat(Field f, boolean orDouble) {
        if (!(f.getType() instanceof ArrowType.FloatingPoint fp)) {
            return false;
        }
        return orDouble || fp.getPrecision() != FloatingPointPrecision.DOUBLE;
    }

    // ---- lookup and checks ----------------------------------------------------------------------

    /** The column, whose value count must be the table's row count. */
    private static FieldVector column(VectorSchemaRoot table, String column) {
        FieldVector v = table.getVector(column);
        if (v == null) {
            List<String> names = new ArrayList<>();
            for (Field f : table.getSchema().getFields()) {
                names.add(f.getName());
            }
            throw new ArrowPayloadException("no column '" + column + "' (columns: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        if (v.getValueCount() != table.getRowCount()) {
            throw new ArrowPayloadException("column '" + column + "' has " + v.getValueCount() + " values, but the table has "
                    + table.getRowCount() + " rows");
        }
        return v;
    }

    private static ArrowPayloadException wrongType(FieldVector v, String column, String expected, String javaType) {
        return new ArrowPayloadException("column '" + column + "' is " + ArrowTypeNames.of(v.getField()) + ", expected "
                + expected + " for " + javaType);
    }

    /**
     * An integer column whose values fit in {@code bits}: signed of at most {@code bits}, unsigned of at
     * most {@code unsignedBits} (0: none).
     */
    private static FieldVector integers(VectorSchemaRoot table, String column, int bits, int unsignedBits, String expected,
            String javaType) {
        FieldVector v = column(table, column);
        if (v.getField().getDictionary() == null && v.getField().getType() instanceof ArrowType.Int t
                && t.getBitWidth() <= (t.getIsSigned() ? bits : unsignedBits)) {
            return v;
        }
        throw wrongType(v, column, expected, javaType);
    }

    private static FieldVector floating(VectorSchemaRoot table, String column, boolean toDouble, String expected,
            String javaType) {
        FieldVector v = column(table, column);
        if (v.getField().getDictionary() == null && isFloat(v.getField(), toDouble)) {
            return v;
        }
        throw wrongType(v, column, expected, javaType);
    }

    private static BitVector bools(VectorSchemaRoot table, String column, String javaType) {
        FieldVector v = column(table, column);
        if (v.getField().getDictionary() == null && v instanceof BitVector b) {
            return b;
        }
        throw wrongType(v, column, "Bool", javaType);
    }

    private static void noNulls(FieldVector v, String column, String nullable) {
        if (v.getNullCount() > 0) {
            for (int i = 0; i < v.getValueCount(); i++) {
                if (v.isNull(i)) {
                    throw new ArrowPayloadException("column '" + column + "' has a null at row " + i + "; declare it "
                            + nullable + " to take nulls");
                }
            }
        }
    }

    // ---- bulk values ----------------------------------------------------------------------------

    private static ArrowBuf valueBuffer(FieldVector v) {
        return ((BaseFixedWidthVector) v).getDataBuffer();
    }

    private static ByteBuffer intView(FieldVector v, String column) {
        ArrowType.Int t = (ArrowType.Int) v.getField().getType();
        return FixedWidthValues.view(valueBuffer(v), v.getValueCount(), t.getBitWidth() / 8, column);
    }

    private static long[] longValues(FieldVector v, String column) {
        ArrowType.Int t = (ArrowType.Int) v.getField().getType();
        ByteBuffer b = intView(v, column);
        long[] out = new long[v.getValueCount()];
        switch (t.getBitWidth()) {
            case 64 -> b.asLongBuffer().get(out);
            case 32 -> {
                for (int i = 0; i < out.length; i++) {
                    int x = b.getInt(i * 4);
                    out[i] = t.getIsSigned() ? x : Integer.toUnsignedLong(x);
                }
            }
            case 16 -> {
                for (int i = 0; i < out.length; i++) {
                    short x = b.getShort(i * 2);
                    out[i] = t.getIsSigned() ? x : Short.toUnsignedInt(x);
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    byte x = b.get(i);
                    out[i] = t.getIsSigned() ? x : Byte.toUnsignedInt(x);
                }
            }
        }
        return out;
    }

    private static int[] intValues(FieldVector v, String column) {
        ArrowType.Int t = (ArrowType.Int) v.getField().getType();
        ByteBuffer b = intView(v, column);
        int[] out = new int[v.getValueCount()];
        switch (t.getBitWidth()) {
            case 32 -> b.asIntBuffer().get(out);
            case 16 -> {
                for (int i = 0; i < out.length; i++) {
                    short x = b.getShort(i * 2);
                    out[i] = t.getIsSigned() ? x : Short.toUnsignedInt(x);
                }
            }
            default -> {
                for (int i = 0; i < out.length; i++) {
                    byte x = b.get(i);
                    out[i] = t.getIsSigned() ? x : Byte.toUnsignedInt(x);
                }
            }
        }
        return out;
    }

    private static short[] shortValues(FieldVector v, String column) {
        ArrowType.Int t = (ArrowType.Int) v.getField().getType();
        ByteBuffer b = intView(v, column);
        short[] out = new short[v.getValueCount()];
        if (t.getBitWidth() == 16) {
            b.asShortBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                byte x = b.get(i);
                out[i] = (short) (t.getIsSigned() ? x : Byte.toUnsignedInt(x));
            }
        }
        return out;
    }

    private static byte[] byteValues(FieldVector v, String column) {
        byte[] out = new byte[v.getValueCount()];
        intView(v, column).get(0, out);
        return out;
    }

    private static float[] floatValues(FieldVector v, String column) {
        float[] out = new float[v.getValueCount()];
        if (v instanceof Float2Vector half) {
            for (int i = 0; i < out.length; i++) {
                out[i] = half.isNull(i) ? 0 : half.getValueAsFloat(i);
            }
        } else {
            FixedWidthValues.view(valueBuffer(v), out.length, 4, column).asFloatBuffer().get(out);
        }
        return out;
    }

    private static double[] doubleValues(FieldVector v, String column) {
        return doubleValues(v, column, v.getValueCount());
    }

    /** The first {@code count} values of a floating-point vector, widened to double. */
    private static double[] doubleValues(FieldVector v, String column, int count) {
        double[] out = new double[count];
        FloatingPointPrecision p = ((ArrowType.FloatingPoint) v.getField().getType()).getPrecision();
        switch (p) {
            case DOUBLE -> FixedWidthValues.view(valueBuffer(v), count, 8, column).asDoubleBuffer().get(out);
            case SINGLE -> {
                FloatBuffer f = FixedWidthValues.view(valueBuffer(v), count, 4, column).asFloatBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = f.get(i);
                }
            }
            case HALF -> {
                Float2Vector half = (Float2Vector) v;
                for (int i = 0; i < count; i++) {
                    out[i] = half.isNull(i) ? 0 : half.getValueAsFloat(i);
                }
            }
        }
        return out;
    }

    private static boolean[] booleanValues(BitVector v) {
        int n = v.getValueCount();
        byte[] bits = new byte[(n + 7) / 8];
        v.getDataBuffer().getBytes(0, bits, 0, bits.length);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = (bits[i >>> 3] & (1 << (i & 7))) != 0;
        }
        return out;
    }

    /**
     * The {@code n + 1} offsets of a variable-width column (Utf8, Binary and their large forms, List),
     * checked: in order, from 0 up to {@code limit} (the data buffer's size, or the list's values).
     */
    private static long[] offsets(FieldVector v, String column, long limit) {
        long[] offsets = offsets(v, column);
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] < 0 || offsets[i] > limit || (i > 0 && offsets[i] < offsets[i - 1])) {
                throw new ArrowPayloadException("column '" + column + "' has an offset out of order or bounds at row " + i);
            }
        }
        return offsets;
    }

    private static long[] offsets(FieldVector v, String column) {
        int n = v.getValueCount();
        long[] out = new long[n + 1];
        boolean large = v instanceof BaseLargeVariableWidthVector;
        if (n == 0 && v.getOffsetBuffer().capacity() < (large ? 8 : 4)) {
            return out; // no rows, and not even the first offset: how Arrow makes an empty vector
        }
        if (large) {
            FixedWidthValues.view(v.getOffsetBuffer(), n + 1L, 8, column).asLongBuffer().get(out);
        } else {
            ByteBuffer b = FixedWidthValues.view(v.getOffsetBuffer(), n + 1L, 4, column);
            for (int i = 0; i <= n; i++) {
                out[i] = b.getInt(i * 4);
            }
        }
        return out;
    }

    /** The bytes of a Utf8 or LargeUtf8 column's rows, from the first row's start to the last row's end. */
    private static byte[] variableData(FieldVector v, long[] offsets, String column) {
        long length = offsets[offsets.length - 1] - offsets[0];
        if (length > Integer.MAX_VALUE) {
            throw new ArrowPayloadException("column '" + column + "' holds " + length + " bytes, more than a Java array takes");
        }
        byte[] data = new byte[(int) length];
        if (length > 0) {
            ArrowBuf buffer = v instanceof BaseVariableWidthVector w ? w.getDataBuffer()
                    : ((BaseLargeVariableWidthVector) v).getDataBuffer();
            buffer.getBytes(offsets[0], data, 0, data.length);
        }
        return data;
    }

    /**
     * A row's UTF-8 as a String. The JDK's decoding (fast) replaces malformed bytes with U+FFFD; only a
     * string that then holds one is decoded again strictly, to refuse bytes that are not UTF-8.
     */
    private static String utf8(byte[] data, int offset, int length, String column, int row) {
        String s = new String(data, offset, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                CharBuffer strict = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(data, offset, length));
                return strict.toString();
            } catch (CharacterCodingException e) {
                throw new ArrowPayloadException("column '" + column + "' row " + row + " is not valid UTF-8", e);
            }
        }
        return s;
    }

    private static <T> List<T> list(T[] values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }
}
