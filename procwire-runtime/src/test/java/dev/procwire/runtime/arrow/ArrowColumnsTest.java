package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.runtime.codec.InvalidPayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The column readers against tables written by Arrow's own writer, column types the runtime never
 * writes included: lossless widening is read, narrowing and other types are refused with a message that
 * names the column, its Arrow type and what the Java type takes.
 */
class ArrowColumnsTest {
    private final BufferAllocator allocator = ArrowPayloads.allocator();

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
    }

    /**
     * A one-column table of {@code type}, {@code rows} rows filled by {@code fill}, written by Arrow's
     * writer and read back as a request is.
     */
    private VectorSchemaRoot table(String column, FieldType type, List<Field> children, int rows, Consumer<FieldVector> fill) {
        FieldVector v = new Field(column, type, children).createVector(allocator);
        try (VectorSchemaRoot written = new VectorSchemaRoot(List.of(v.getField()), List.of(v), 0)) {
            v.setInitialCapacity(rows);
            v.allocateNew();
            fill.accept(v);
            v.setValueCount(rows);
            written.setRowCount(rows);
            return ArrowStreams.decode(ArrowStreams.stream(written, null, List.of(r -> {})));
        }
    }

    private VectorSchemaRoot integers(String column, ArrowType.Int type, Long... values) {
        return table(column, FieldType.nullable(type), null, values.length, v -> {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    v.setNull(i);
                } else {
                    ((BaseIntVector) v).setWithPossibleTruncate(i, values[i]);
                }
            }
        });
    }

    private static ArrowType.Int intType(String name) {
        boolean signed = !name.startsWith("U");
        return new ArrowType.Int(Integer.parseInt(name.substring(signed ? 3 : 4)), signed);
    }

    @ParameterizedTest
    @CsvSource({"Int8,-128,127", "Int16,-32768,32767", "Int32,-2147483648,2147483647",
        "Int64,-9223372036854775808,9223372036854775807", "UInt8,0,255", "UInt16,0,65535", "UInt32,0,4294967295"})
    void longColumnsTakeEveryIntegerTypeTheyHoldWithoutLoss(String type, long min, long max) {
        try (VectorSchemaRoot t = integers("c", intType(type), min, 0L, max)) {
            assertArrayEquals(new long[] {min, 0, max}, ArrowColumns.longs(t, "c"));
            assertEquals(List.of(min, 0L, max), ArrowColumns.longList(t, "c"));
        }
    }

    @ParameterizedTest
    @CsvSource({"Int8,-128,127", "Int16,-32768,32767", "Int32,-2147483648,2147483647", "UInt8,0,255", "UInt16,0,65535"})
    void intColumnsTakeEveryIntegerTypeTheyHoldWithoutLoss(String type, int min, int max) {
        try (VectorSchemaRoot t = integers("c", intType(type), (long) min, 0L, (long) max)) {
            assertArrayEquals(new int[] {min, 0, max}, ArrowColumns.ints(t, "c"));
            assertEquals(List.of(min, 0, max), ArrowColumns.intList(t, "c"));
        }
    }

    @ParameterizedTest
    @CsvSource({"Int8,-128,127", "Int16,-32768,32767", "UInt8,0,255"})
    void shortColumnsTakeEveryIntegerTypeTheyHoldWithoutLoss(String type, short min, short max) {
        try (VectorSchemaRoot t = integers("c", intType(type), (long) min, 0L, (long) max)) {
            assertArrayEquals(new short[] {min, 0, max}, ArrowColumns.shorts(t, "c"));
            assertEquals(List.of(min, (short) 0, max), ArrowColumns.shortList(t, "c"));
        }
    }

    @Test
    void byteColumnsTakeInt8() {
        try (VectorSchemaRoot t = integers("c", intType("Int8"), -128L, null, 127L)) {
            assertEquals(Arrays.asList((byte) -128, null, (byte) 127), ArrowColumns.byteList(t, "c"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UInt64 | long[]   | Int64, Int32, Int16, Int8, UInt32, UInt16 or UInt8",
        "Int64  | int[]    | Int32, Int16, Int8, UInt16 or UInt8",
        "UInt32 | int[]    | Int32, Int16, Int8, UInt16 or UInt8",
        "Int32  | short[]  | Int16, Int8 or UInt8",
        "UInt16 | short[]  | Int16, Int8 or UInt8",
        "Int16  | byte[]   | Int8",
        "UInt8  | byte[]   | Int8"})
    void narrowerIntegerColumnsRefuseWiderTypesNamingTheColumn(String type, String javaType, String expected) {
        Function<VectorSchemaRoot, Object> read = switch (javaType) {
            case "long[]" -> t -> ArrowColumns.longs(t, "ids");
            case "int[]" -> t -> ArrowColumns.ints(t, "ids");
            case "short[]" -> t -> ArrowColumns.shorts(t, "ids");
            default -> t -> ArrowColumns.bytes(t, "ids");
        };
        try (VectorSchemaRoot t = integers("ids", intType(type), 1L)) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> read.apply(t));
            assertEquals("column 'ids' is " + type + ", expected " + expected + " for " + javaType, e.getMessage());
        }
    }

    private VectorSchemaRoot floats(String column, FloatingPointPrecision precision, Float... values) {
        return table(column, FieldType.nullable(new ArrowType.FloatingPoint(precision)), null, values.length, v -> {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    v.setNull(i);
                } else if (v instanceof Float2Vector h) {
                    h.setWithPossibleTruncate(i, values[i]);
                } else if (v instanceof Float4Vector f) {
                    f.set(i, values[i]);
                } else {
                    ((Float8Vector) v).set(i, values[i]);
                }
            }
        });
    }

    @Test
    void floatColumnsTakeFloat32AndFloat16() {
        try (VectorSchemaRoot t = floats("c", FloatingPointPrecision.SINGLE, -1.5f, Float.MAX_VALUE)) {
            assertArrayEquals(new float[] {-1.5f, Float.MAX_VALUE}, ArrowColumns.floats(t, "c"));
        }
        try (VectorSchemaRoot t = floats("c", FloatingPointPrecision.HALF, -1.5f, null, 65504f)) {
            assertEquals(Arrays.asList(-1.5f, null, 65504f), ArrowColumns.floatList(t, "c"));
        }
    }

    @Test
    void doubleColumnsTakeEveryFloatingPointType() {
        for (FloatingPointPrecision p : FloatingPointPrecision.values()) {
            try (VectorSchemaRoot t = floats("c", p, -1.5f, 0.25f, null)) {
                assertEquals(Arrays.asList(-1.5, 0.25, null), ArrowColumns.doubleList(t, "c"), p.name());
            }
        }
    }

    @Test
    void floatColumnsRefuseFloat64() {
        try (VectorSchemaRoot t = floats("scores", FloatingPointPrecision.DOUBLE, 1f)) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowColumns.floats(t, "scores"));
            assertEquals("column 'scores' is Float64, expected Float32 or Float16 for float[]", e.getMessage());
        }
    }

    @Test
    void aColumnOfAnotherKindIsRefusedNamingItsTypeAndWhatTheJavaTypeTakes() {
        try (VectorSchemaRoot t = new TableBuilder().strings("scores", List.of("high")).build()) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowColumns.floats(t, "scores"));
            assertEquals("column 'scores' is Utf8, expected Float32 or Float16 for float[]", e.getMessage());
            assertInstanceOf(InvalidPayloadException.class, e, "answered as INVALID_PARAMS");
        }
    }

    @Test
    void aMissingColumnIsRefusedListingTheColumns() {
        try (VectorSchemaRoot t = new TableBuilder().longs("a", new long[] {1}).longs("b", new long[] {2}).build()) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longs(t, "ids"));
            assertEquals("no column 'ids' (columns: a, b)", e.getMessage());
        }
        try (VectorSchemaRoot t = new TableBuilder().build()) {
            assertEquals("no column 'ids' (columns: none)",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longList(t, "ids")).getMessage());
        }
    }

    @Test
    void aNullInAPrimitiveColumnIsRefusedNamingTheRowAndTheListTypeThatTakesIt() {
        try (VectorSchemaRoot t = integers("ids", intType("Int64"), 1L, 2L, 3L, null)) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longs(t, "ids"));
            assertEquals("column 'ids' has a null at row 3; declare it List<Long> to take nulls", e.getMessage());
            assertEquals(Arrays.asList(1L, 2L, 3L, null), ArrowColumns.longList(t, "ids"));
        }
        try (VectorSchemaRoot t = floats("s", FloatingPointPrecision.SINGLE, (Float) null)) {
            assertEquals("column 's' has a null at row 0; declare it List<Float> to take nulls",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.floats(t, "s")).getMessage());
        }
    }

    @Test
    void aNullInAPrimitiveColumnReadForARowRecordIsRefusedNamingTheBoxThatTakesIt() {
        try (VectorSchemaRoot t = integers("id", intType("Int64"), 1L, null)) {
            assertEquals("column 'id' has a null at row 1; declare it Long to take nulls",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longs(t, "id", "Long")).getMessage());
        }
    }

    private VectorSchemaRoot timestamps(ArrowType type, Long... values) {
        return table("t", FieldType.nullable(type), null, values.length, v -> {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    v.setNull(i);
                } else if (v instanceof TimeStampVector ts) {
                    ts.set(i, values[i]);
                } else if (v instanceof DateMilliVector d) {
                    d.set(i, values[i]);
                } else {
                    ((DateDayVector) v).set(i, values[i].intValue());
                }
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "SECOND      | none  | -1              | 1969-12-31T23:59:59Z",
        "MILLISECOND | UTC   | -1              | 1969-12-31T23:59:59.999Z",
        "MICROSECOND | +01:00 | 1700000000123456 | 2023-11-14T22:13:20.123456Z",
        "NANOSECOND  | Europe/Warsaw | -1      | 1969-12-31T23:59:59.999999999Z"})
    void instantColumnsTakeTimestampsOfAnyUnitAndZone(TimeUnit unit, String zone, long value, Instant expected) {
        try (VectorSchemaRoot t = timestamps(new ArrowType.Timestamp(unit, zone), value, null)) {
            assertEquals(Arrays.asList(expected, null), ArrowColumns.instants(t, "t"));
        }
    }

    @Test
    void instantColumnsTakeDateInMillisecondsButNotInDays() {
        try (VectorSchemaRoot t = timestamps(new ArrowType.Date(DateUnit.MILLISECOND), 86_400_000L)) {
            assertEquals(List.of(Instant.parse("1970-01-02T00:00:00Z")), ArrowColumns.instants(t, "t"));
        }
        try (VectorSchemaRoot t = timestamps(new ArrowType.Date(DateUnit.DAY), 1L)) {
            assertEquals("column 't' is Date(day), expected Timestamp or Date(ms) for List<Instant>",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.instants(t, "t")).getMessage());
        }
    }

    @Test
    void stringColumnsTakeLargeUtf8() {
        try (VectorSchemaRoot t = table("s", FieldType.nullable(ArrowType.LargeUtf8.INSTANCE), null, 2, v -> {
            ((BaseLargeVariableWidthVector) v).setSafe(0, "żółć".getBytes(StandardCharsets.UTF_8));
            v.setNull(1);
        })) {
            assertEquals(Arrays.asList("żółć", null), ArrowColumns.strings(t, "s"));
        }
    }

    @Test
    void anEmptyLargeColumnWithoutOffsetsReadsAsNoRows() {
        // No rows and no offset buffer at all: how Arrow makes an empty vector, and a stream may send one.
        try (LargeVarCharVector s = new LargeVarCharVector("s", allocator);
                LargeVarBinaryVector b = new LargeVarBinaryVector("b", allocator);
                VectorSchemaRoot t = new VectorSchemaRoot(List.of(s.getField(), b.getField()), List.of(s, b), 0)) {
            assertEquals(0, s.getOffsetBuffer().capacity());
            assertEquals(List.of(), ArrowColumns.strings(t, "s"));
            assertEquals(List.of(), ArrowColumns.binaries(t, "b"));
        }
    }

    @Test
    void aStringThatIsNotUtf8IsRefusedNamingTheRow() {
        try (VectorSchemaRoot t = new TableBuilder().binaries("s", List.of(new byte[] {'o', 'k'})).build()) {
            VarCharVector bad = new VarCharVector("s", allocator);
            bad.allocateNew();
            bad.setSafe(0, "ok".getBytes(StandardCharsets.UTF_8));
            bad.setSafe(1, new byte[] {(byte) 0xff, 'x'});
            bad.setValueCount(2);
            try (VectorSchemaRoot strings = new VectorSchemaRoot(List.of(bad.getField()), List.of(bad), 2)) {
                assertEquals("column 's' row 1 is not valid UTF-8",
                        assertThrows(ArrowPayloadException.class, () -> ArrowColumns.strings(strings, "s")).getMessage());
            }
        }
    }

    @Test
    void binaryColumnsTakeLargeBinaryAndFixedSizeBinary() {
        try (VectorSchemaRoot t = table("b", FieldType.nullable(ArrowType.LargeBinary.INSTANCE), null, 2, v -> {
            ((BaseLargeVariableWidthVector) v).setSafe(0, new byte[] {1, 2});
            v.setNull(1);
        })) {
            List<byte[]> rows = ArrowColumns.binaries(t, "b");
            assertArrayEquals(new byte[] {1, 2}, rows.get(0));
            assertNull(rows.get(1));
        }
        try (VectorSchemaRoot t = table("b", FieldType.nullable(new ArrowType.FixedSizeBinary(3)), null, 2, v -> {
            ((FixedSizeBinaryVector) v).set(0, new byte[] {7, 8, 9});
            v.setNull(1);
        })) {
            List<byte[]> rows = ArrowColumns.binaries(t, "b");
            assertArrayEquals(new byte[] {7, 8, 9}, rows.get(0));
            assertNull(rows.get(1));
        }
    }

    private static List<Field> element(FloatingPointPrecision p) {
        return List.of(Field.nullable("item", new ArrowType.FloatingPoint(p)));
    }

    @Test
    void floatVectorColumnsTakeVariableSizeListsOfFloat32() {
        try (VectorSchemaRoot t = table("v", FieldType.nullable(ArrowType.List.INSTANCE),
                element(FloatingPointPrecision.SINGLE), 3, v -> {
                    UnionListWriter w = ((ListVector) v).getWriter();
                    w.setPosition(0);
                    w.startList();
                    w.float4().writeFloat4(1.5f);
                    w.float4().writeFloat4(2.5f);
                    w.endList();
                    v.setNull(1);
                    w.setPosition(2);
                    w.startList();
                    w.float4().writeFloat4(3f);
                    w.endList();
                })) {
            List<float[]> rows = ArrowColumns.floatVectors(t, "v");
            assertArrayEquals(new float[] {1.5f, 2.5f}, rows.get(0));
            assertNull(rows.get(1));
            assertArrayEquals(new float[] {3f}, rows.get(2));
            assertArrayEquals(new double[] {1.5, 2.5}, ArrowColumns.doubleVectors(t, "v").get(0));
        }
    }

    private VectorSchemaRoot fixedSizeLists(FloatingPointPrecision p, int size, Float... values) {
        return table("v", FieldType.nullable(new ArrowType.FixedSizeList(size)), element(p), values.length / size, v -> {
            FixedSizeListVector list = (FixedSizeListVector) v;
            FieldVector elements = list.getDataVector();
            elements.setInitialCapacity(values.length);
            elements.allocateNew();
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    elements.setNull(i);
                } else if (elements instanceof Float2Vector h) {
                    h.setWithPossibleTruncate(i, values[i]);
                } else if (elements instanceof Float4Vector f) {
                    f.set(i, values[i]);
                } else {
                    ((Float8Vector) elements).set(i, values[i]);
                }
            }
            elements.setValueCount(values.length);
            for (int i = 0; i < values.length / size; i++) {
                list.setNotNull(i);
            }
        });
    }

    @Test
    void floatVectorColumnsTakeFixedSizeListsOfFloat16() {
        try (VectorSchemaRoot t = fixedSizeLists(FloatingPointPrecision.HALF, 2, 0.5f, -2f, 4f, 8f)) {
            List<float[]> rows = ArrowColumns.floatVectors(t, "v");
            assertArrayEquals(new float[] {0.5f, -2f}, rows.get(0));
            assertArrayEquals(new float[] {4f, 8f}, rows.get(1));
        }
    }

    @Test
    void doubleVectorColumnsTakeFixedSizeListsOfFloat32() {
        try (VectorSchemaRoot t = fixedSizeLists(FloatingPointPrecision.SINGLE, 2, 0.5f, -2f)) {
            assertArrayEquals(new double[] {0.5, -2}, ArrowColumns.doubleVectors(t, "v").get(0));
        }
    }

    @Test
    void floatVectorColumnsRefuseListsOfFloat64() {
        try (VectorSchemaRoot t = fixedSizeLists(FloatingPointPrecision.DOUBLE, 2, 0.5f, -2f)) {
            assertEquals("column 'v' is FixedSizeList<Float64>(2), expected FixedSizeList or List of Float32 or Float16 "
                    + "for List<float[]>",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.floatVectors(t, "v")).getMessage());
        }
    }

    @Test
    void aNullInsideAVectorRowIsRefusedNamingTheRow() {
        try (VectorSchemaRoot t = fixedSizeLists(FloatingPointPrecision.SINGLE, 2, 0.5f, -2f, 1f, null)) {
            assertEquals("column 'v' has a null value in row 1 (at 1); a float[] row takes none",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.floatVectors(t, "v")).getMessage());
        }
    }
}
