package dev.procwire.runtime.arrow;

import java.time.Instant;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a table's columns into Java values, for generated column mappings: one method per Java
 * column type, each checking the column's Arrow type and refusing a missing column, a column of
 * another type, or a null where the Java type has none with an {@link ArrowPayloadException} that
 * names the column. Integers and floats widen without loss (an Int32 column reads as {@code long[]},
 * a Float32 column as {@code double[]}); nothing narrows. Writing is {@link TableBuilder}.
 */
public final class ArrowColumns {
    private ArrowColumns() {}

    /** The table's row count. */
    public static int rowCount(VectorSchemaRoot table) { throw todo(); }

    public static long[] longs(VectorSchemaRoot table, String column) { throw todo(); }
    public static int[] ints(VectorSchemaRoot table, String column) { throw todo(); }
    public static short[] shorts(VectorSchemaRoot table, String column) { throw todo(); }
    public static byte[] bytes(VectorSchemaRoot table, String column) { throw todo(); }
    public static float[] floats(VectorSchemaRoot table, String column) { throw todo(); }
    public static double[] doubles(VectorSchemaRoot table, String column) { throw todo(); }
    public static boolean[] booleans(VectorSchemaRoot table, String column) { throw todo(); }

    public static List<Long> longList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Integer> intList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Short> shortList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Byte> byteList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Float> floatList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Double> doubleList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Boolean> booleanList(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<String> strings(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<Instant> instants(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<byte[]> binaries(VectorSchemaRoot table, String column) { throw todo(); }
    /** A fixed-size (or variable-size) list of Float32 per row; a null row is {@code null}. */
    public static List<float[]> floatVectors(VectorSchemaRoot table, String column) { throw todo(); }
    public static List<double[]> doubleVectors(VectorSchemaRoot table, String column) { throw todo(); }

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("TODO");
    }
}
