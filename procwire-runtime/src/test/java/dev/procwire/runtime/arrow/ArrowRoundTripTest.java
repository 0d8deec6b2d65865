package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every column type of the type table through {@link TableBuilder}, {@link ArrowPayloads#TABLE}, the
 * stream reader and {@link ArrowColumns}: the Arrow type written, and the values read back, nulls and
 * edge values included; then nothing is left allocated.
 */
class ArrowRoundTripTest {

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, ArrowPayloads.allocator().getAllocatedMemory());
    }

    /** A column: how it is added, the Arrow type it is written as, and the check of what is read back. */
    record Column(String name, Consumer<TableBuilder> add, String arrowType, boolean nullable,
            Consumer<VectorSchemaRoot> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Instant MAX_NS = Instant.parse("2262-04-11T23:47:16.854775807Z");
    private static final Instant MIN_NS = Instant.parse("1677-09-21T00:12:43.145224192Z");

    static Stream<Column> columns() {
        long[] longs = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};
        int[] ints = {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE};
        short[] shorts = {Short.MIN_VALUE, -1, 0, Short.MAX_VALUE};
        byte[] bytes = {Byte.MIN_VALUE, -1, 0, Byte.MAX_VALUE};
        float[] floats = {Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, 1.5f, Float.NaN, Float.MAX_VALUE};
        double[] doubles = {Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Math.PI, Double.NaN, Double.MAX_VALUE};
        boolean[] booleans = {true, false, false, true, true, false, true, true, false, true}; // crosses a byte
        List<Long> longList = Arrays.asList(Long.MIN_VALUE, null, 0L, Long.MAX_VALUE);
        List<Integer> intList = Arrays.asList(Integer.MIN_VALUE, null, 0, Integer.MAX_VALUE);
        List<Short> shortList = Arrays.asList(Short.MIN_VALUE, null, (short) 0, Short.MAX_VALUE);
        List<Byte> byteList = Arrays.asList(Byte.MIN_VALUE, null, (byte) 0, Byte.MAX_VALUE);
        List<Float> floatList = Arrays.asList(-0.0f, null, Float.NaN, Float.MAX_VALUE);
        List<Double> doubleList = Arrays.asList(-0.0, null, Double.NaN, Double.MAX_VALUE);
        List<Boolean> booleanList = Arrays.asList(true, null, false, true);
        List<String> strings = Arrays.asList("plain", null, "", "żółć \uD83D\uDE42", "x".repeat(10_000));
        List<Instant> instants = Arrays.asList(Instant.EPOCH, null, Instant.parse("2024-02-29T12:34:56.123456789Z"),
                Instant.ofEpochSecond(-1, 5), MAX_NS, MIN_NS);
        List<byte[]> binaries = Arrays.asList(new byte[] {0, 1, (byte) 0xff}, null, new byte[0]);
        List<float[]> floatVectors = Arrays.asList(new float[] {1, 2, 3}, null, new float[] {-0.0f, Float.NaN, 7.5f});
        List<double[]> doubleVectors = Arrays.asList(new double[] {1, 2}, null, new double[] {Double.MIN_VALUE, -1});
        List<float[]> writtenFloats = List.of(new float[] {1, 2, 3}, new float[] {-0.0f, Float.NaN, 7.5f});
        List<double[]> writtenDoubles = List.of(new double[] {1, 2}, new double[] {Double.MIN_VALUE, -1});
        return Stream.of(
                new Column("long[]", b -> b.longs("c", longs), "Int64", false,
                        t -> assertArrayEquals(longs, ArrowColumns.longs(t, "c"))),
                new Column("int[]", b -> b.ints("c", ints), "Int32", false,
                        t -> assertArrayEquals(ints, ArrowColumns.ints(t, "c"))),
                new Column("short[]", b -> b.shorts("c", shorts), "Int16", false,
                        t -> assertArrayEquals(shorts, ArrowColumns.shorts(t, "c"))),
                new Column("byte[]", b -> b.bytes("c", bytes), "Int8", false,
                        t -> assertArrayEquals(bytes, ArrowColumns.bytes(t, "c"))),
                new Column("float[]", b -> b.floats("c", floats), "Float32", false,
                        t -> assertArrayEquals(floats, ArrowColumns.floats(t, "c"))),
                new Column("double[]", b -> b.doubles("c", doubles), "Float64", false,
                        t -> assertArrayEquals(doubles, ArrowColumns.doubles(t, "c"))),
                new Column("boolean[]", b -> b.booleans("c", booleans), "Bool", false,
                        t -> assertArrayEquals(booleans, ArrowColumns.booleans(t, "c"))),
                new Column("List<Long>", b -> b.longList("c", longList), "Int64", true,
                        t -> assertEquals(longList, ArrowColumns.longList(t, "c"))),
                new Column("List<Integer>", b -> b.intList("c", intList), "Int32", true,
                        t -> assertEquals(intList, ArrowColumns.intList(t, "c"))),
                new Column("List<Short>", b -> b.shortList("c", shortList), "Int16", true,
                        t -> assertEquals(shortList, ArrowColumns.shortList(t, "c"))),
                new Column("List<Byte>", b -> b.byteList("c", byteList), "Int8", true,
                        t -> assertEquals(byteList, ArrowColumns.byteList(t, "c"))),
                new Column("List<Float>", b -> b.floatList("c", floatList), "Float32", true,
                        t -> assertEquals(floatList, ArrowColumns.floatList(t, "c"))),
                new Column("List<Double>", b -> b.doubleList("c", doubleList), "Float64", true,
                        t -> assertEquals(doubleList, ArrowColumns.doubleList(t, "c"))),
                new Column("List<Boolean>", b -> b.booleanList("c", booleanList), "Bool", true,
                        t -> assertEquals(booleanList, ArrowColumns.booleanList(t, "c"))),
                new Column("List<String>", b -> b.strings("c", strings), "Utf8", true,
                        t -> assertEquals(strings, ArrowColumns.strings(t, "c"))),
                new Column("List<Instant>", b -> b.instants("c", instants), "Timestamp(ns, UTC)", true,
                        t -> assertEquals(instants, ArrowColumns.instants(t, "c"))),
                new Column("List<byte[]>", b -> b.binaries("c", binaries), "Binary", true,
                        t -> assertRowsEqual(binaries, ArrowColumns.binaries(t, "c"))),
                new Column("List<float[]>", b -> b.floatVectors("c", floatVectors, 3), "FixedSizeList<Float32>(3)", true,
                        t -> assertRowsEqual(floatVectors, ArrowColumns.floatVectors(t, "c"))),
                new Column("List<double[]>", b -> b.doubleVectors("c", doubleVectors, -1), "FixedSizeList<Float64>(2)", true,
                        t -> assertRowsEqual(doubleVectors, ArrowColumns.doubleVectors(t, "c"))),
                new Column("FloatRows", b -> b.floatVectors("c", writtenFloats.size(), 3,
                        (i, v) -> System.arraycopy(writtenFloats.get(i), 0, v, 0, 3)), "FixedSizeList<Float32>(3)", true,
                        t -> assertRowsEqual(writtenFloats, ArrowColumns.floatVectors(t, "c"))),
                new Column("DoubleRows", b -> b.doubleVectors("c", writtenDoubles.size(), 2,
                        (i, v) -> System.arraycopy(writtenDoubles.get(i), 0, v, 0, 2)), "FixedSizeList<Float64>(2)", true,
                        t -> assertRowsEqual(writtenDoubles, ArrowColumns.doubleVectors(t, "c"))),
                new Column("FloatRows of dimension 0", b -> b.floatVectors("c", 2, 0, (i, v) -> {}), "List<Float32>", true,
                        t -> assertRowsEqual(List.of(new float[0], new float[0]), ArrowColumns.floatVectors(t, "c"))));
    }

    private static void assertRowsEqual(List<?> expected, List<?> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e == null) {
                assertNull(a, "row " + i);
            } else if (e instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) a, "row " + i);
            } else if (e instanceof float[] f) {
                assertArrayEquals(f, (float[]) a, "row " + i);
            } else {
                assertArrayEquals((double[]) e, (double[]) a, "row " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("columns")
    void columnIsWrittenAsItsArrowTypeAndReadBackUnchanged(Column c) {
        TableBuilder b = new TableBuilder();
        c.add().accept(b);
        try (VectorSchemaRoot read = ArrowStreams.roundTrip(b.build())) {
            Field f = read.getSchema().getFields().get(0);
            assertEquals(c.arrowType(), ArrowTypeNames.of(f));
            assertEquals(c.nullable(), f.isNullable());
            c.check().accept(read);
        }
    }

    @ParameterizedTest
    @MethodSource("columns")
    void columnReadsBackFromTheTableBuiltWithoutAStreamInBetween(Column c) {
        TableBuilder b = new TableBuilder();
        c.add().accept(b);
        try (VectorSchemaRoot built = b.build()) {
            c.check().accept(built);
        }
    }

    @Test
    void tableWithEveryColumnTypeAndNoRowsRoundTrips() {
        TableBuilder b = new TableBuilder()
                .longs("a", new long[0]).ints("b", new int[0]).shorts("c", new short[0]).bytes("d", new byte[0])
                .floats("e", new float[0]).doubles("f", new double[0]).booleans("g", new boolean[0])
                .longList("h", List.of()).strings("i", List.of()).instants("j", List.of()).binaries("k", List.of())
                .floatVectors("l", List.of(), 4).doubleVectors("m", List.of(), -1);
        try (VectorSchemaRoot read = ArrowStreams.roundTrip(b.build())) {
            assertEquals(0, ArrowColumns.rowCount(read));
            assertEquals(13, read.getSchema().getFields().size());
            assertEquals("FixedSizeList<Float32>(4)", ArrowTypeNames.of(read.getSchema().findField("l")));
            assertEquals("List<Float64>", ArrowTypeNames.of(read.getSchema().findField("m")));
            assertEquals(0, ArrowColumns.longs(read, "a").length);
            assertTrue(ArrowColumns.strings(read, "i").isEmpty());
            assertTrue(ArrowColumns.floatVectors(read, "l").isEmpty());
        }
    }

    @Test
    void tableWithoutColumnsRoundTrips() {
        try (VectorSchemaRoot read = ArrowStreams.roundTrip(new TableBuilder().build())) {
            assertEquals(0, read.getRowCount());
            assertTrue(read.getSchema().getFields().isEmpty());
        }
    }

    @Test
    void aNullTableIsWrittenAsNoBytesWhichReadAsAnEmptyTable() {
        dev.procwire.runtime.codec.MsgPackWriter out = new dev.procwire.runtime.codec.MsgPackWriter();
        ArrowPayloads.TABLE.encode(out, null);
        assertEquals(0, out.size());
        try (VectorSchemaRoot read = ArrowStreams.decode(new byte[0])) {
            assertEquals(0, read.getRowCount());
            assertTrue(read.getSchema().getFields().isEmpty());
        }
    }

    @Test
    void theEncoderClosesTheTableItWrote() {
        VectorSchemaRoot t = new TableBuilder().longs("id", new long[] {1, 2, 3}).build();
        ArrowStreams.encode(t);
        assertEquals(0, ArrowPayloads.allocator().getAllocatedMemory());
        t.close(); // a second close, as when the runtime closes a request's table the handler returned
    }

    @Test
    void aMappingEncoderMakesTheTableOnlyWhenItWrites() {
        int[] made = {0};
        dev.procwire.runtime.codec.Encoder<long[]> e = ArrowPayloads.encoder(ids -> {
            made[0]++;
            return new TableBuilder().longs("id", ids).build();
        });
        e.discard(new long[] {1});
        assertEquals(0, made[0]);
        dev.procwire.runtime.codec.MsgPackWriter out = new dev.procwire.runtime.codec.MsgPackWriter();
        e.encode(out, new long[] {4, 5});
        assertEquals(1, made[0]);
        try (VectorSchemaRoot read = ArrowStreams.decode(out.toByteArray())) {
            assertArrayEquals(new long[] {4, 5}, ArrowColumns.longs(read, "id"));
        }
        assertFalse(out.size() == 0);
    }
}
