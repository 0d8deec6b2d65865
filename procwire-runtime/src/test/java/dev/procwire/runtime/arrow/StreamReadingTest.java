package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.fuzz.Fuzz;
import dev.procwire.runtime.internal.frame.DirectPayloads;
import dev.procwire.runtime.internal.frame.PooledPayload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a request's stream: the parent's own streams (several batches, dictionary-encoded strings),
 * batches appended, dictionaries decoded; and every kind of broken stream refused with an
 * {@link ArrowPayloadException}, with nothing left allocated.
 */
class StreamReadingTest {
    private final BufferAllocator allocator = ArrowPayloads.allocator();

    @AfterEach
    void nothingLeaks() {
        assertEquals(0, allocator.getAllocatedMemory());
    }

    static byte[] resource(String name) {
        try (InputStream in = StreamReadingTest.class.getResourceAsStream("/arrow/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theParentsMultiBatchTableReadsAsOneTableWithItsStringsDecoded() {
        try (VectorSchemaRoot t = ArrowStreams.decode(resource("parent-multi-batch.arrows"))) {
            assertEquals(6, t.getRowCount());
            assertEquals("Utf8", ArrowTypeNames.of(t.getSchema().findField("name")), "decoded from Dictionary<Int32, Utf8>");
            assertEquals(Arrays.asList("ada", "bob", null, "ada", "cy", null), ArrowColumns.strings(t, "name"));
            assertEquals(Arrays.asList(1.5, null, -2.0, 1e300, 0.0, 3.0), ArrowColumns.doubleList(t, "score"));
            assertArrayEquals(new int[] {1, -2, 3, Integer.MAX_VALUE, 4, 5}, ArrowColumns.ints(t, "n"));
            assertArrayEquals(new long[] {1, Long.MIN_VALUE, 3, Long.MAX_VALUE, 4, 5}, ArrowColumns.longs(t, "id"));
            assertArrayEquals(new float[] {0.5f, -1, 3.25f, 7, 8, 9}, ArrowColumns.floats(t, "f"));
            assertArrayEquals(new double[] {0.5, -1, 3.25, 7, 8, 9}, ArrowColumns.doubles(t, "f"));
            assertEquals(Arrays.asList(Instant.EPOCH, Instant.ofEpochMilli(-1), null, Instant.ofEpochMilli(1700000000123L),
                    Instant.ofEpochMilli(2), Instant.ofEpochMilli(3)), ArrowColumns.instants(t, "at"));
            assertEquals(Arrays.asList(true, false, null, true, false, false), ArrowColumns.booleanList(t, "ok"));
        }
    }

    @Test
    void theParentsEmbeddingsReadAsVectors() {
        try (VectorSchemaRoot t = ArrowStreams.decode(resource("parent-embeddings.arrows"))) {
            assertArrayEquals(new long[] {0, 1, 2}, ArrowColumns.longs(t, "id"));
            List<float[]> vectors = ArrowColumns.floatVectors(t, "vector");
            assertArrayEquals(new float[] {1, 2, 3}, vectors.get(0));
            assertNull(vectors.get(1));
            assertArrayEquals(new float[] {0.5f, 0.25f, -1}, vectors.get(2));
        }
    }

    @Test
    void batchesOfAnyNumberAndSizeAreAppendedInOrder() {
        byte[] stream;
        try (VectorSchemaRoot root = new TableBuilder().longs("id", new long[0]).strings("s", List.of())
                .floatVectors("v", List.of(), 2).build()) {
            stream = ArrowStreams.stream(root, null, List.of(
                    r -> fill(r, 0, 3), r -> fill(r, 3, 0), r -> fill(r, 3, 1000), r -> fill(r, 1003, 1)));
        }
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            assertEquals(1004, t.getRowCount());
            long[] ids = ArrowColumns.longs(t, "id");
            List<String> strings = ArrowColumns.strings(t, "s");
            List<float[]> vectors = ArrowColumns.floatVectors(t, "v");
            for (int i = 0; i < 1004; i++) {
                assertEquals(i, ids[i]);
                assertEquals(i % 7 == 0 ? null : "s" + i, strings.get(i));
                assertArrayEquals(i % 5 == 0 ? null : new float[] {i, -i}, vectors.get(i));
            }
        }
    }

    /** Fills the batch's vectors with rows {@code from} to {@code from + n}: ids, strings and vectors with nulls. */
    private void fill(VectorSchemaRoot batch, int from, int n) {
        List<String> strings = new java.util.ArrayList<>();
        List<float[]> vectors = new java.util.ArrayList<>();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            int row = from + i;
            ids[i] = row;
            strings.add(row % 7 == 0 ? null : "s" + row);
            vectors.add(row % 5 == 0 ? null : new float[] {row, -row});
        }
        try (VectorSchemaRoot rows = new TableBuilder().longs("id", ids).strings("s", strings).floatVectors("v", vectors, 2)
                .build()) {
            for (int c = 0; c < 3; c++) {
                rows.getVector(c).makeTransferPair(batch.getVector(c)).transfer();
            }
            batch.setRowCount(n);
        }
    }

    // ---- all-null columns, as apache-arrow writes them ---------------------------------------

    /** A Table of unequal columns, padded by apache-arrow: rows 1 and 2 of every column but 'name' are null. */
    private static void assertPaddedColumns(VectorSchemaRoot t) {
        assertEquals(3, t.getRowCount());
        assertEquals(Arrays.asList(1L, null, null), ArrowColumns.longList(t, "id"));
        assertEquals(Arrays.asList(7, null, null), ArrowColumns.intList(t, "i32"));
        assertEquals(Arrays.asList(0.5f, null, null), ArrowColumns.floatList(t, "f16"));
        assertEquals(Arrays.asList(1.5f, null, null), ArrowColumns.floatList(t, "f32"));
        assertEquals(Arrays.asList(2.5, null, null), ArrowColumns.doubleList(t, "f64"));
        assertEquals(Arrays.asList(true, null, null), ArrowColumns.booleanList(t, "ok"));
        assertEquals(Arrays.asList("x", null, null), ArrowColumns.strings(t, "s"));
        assertEquals(Arrays.asList("y", null, null), ArrowColumns.strings(t, "ls"));
        List<byte[]> bin = ArrowColumns.binaries(t, "bin");
        assertArrayEquals(new byte[] {1, 2}, bin.get(0));
        assertEquals(Arrays.asList(null, null), bin.subList(1, 3));
        List<byte[]> fsb = ArrowColumns.binaries(t, "fsb");
        assertArrayEquals(new byte[] {3, 4}, fsb.get(0));
        assertEquals(Arrays.asList(null, null), fsb.subList(1, 3));
        assertEquals(Arrays.asList(Instant.ofEpochMilli(5), null, null), ArrowColumns.instants(t, "at"));
        List<float[]> vec = ArrowColumns.floatVectors(t, "vec");
        assertArrayEquals(new float[] {1, 2}, vec.get(0));
        assertEquals(Arrays.asList(null, null), vec.subList(1, 3));
        assertEquals(Arrays.asList(null, null), ArrowColumns.doubleVectors(t, "vec").subList(1, 3));
        assertEquals(Arrays.asList("q", null, null), ArrowColumns.strings(t, "dict"));
        assertEquals(List.of("a", "b", "c"), ArrowColumns.strings(t, "name"));
    }

    @Test
    void aTableApacheArrowPaddedWithNullsReadsWithItsNulls() {
        // The second batch's all-null columns come with empty data and offset buffers, and the vector
        // column's elements with a node of no values: apache-arrow's own tableFromIPC reads them so.
        try (VectorSchemaRoot t = ArrowStreams.decode(resource("parent-padded.arrows"))) {
            assertPaddedColumns(t);
        }
    }

    @Test
    void aTableApacheArrowPaddedWithNullsReadsInPlaceWithItsNulls() {
        byte[] stream = resource("parent-padded.arrows");
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        CountingHold hold = new CountingHold();
        try (VectorSchemaRoot t = StreamReading.readInPlace(payload, allocator, hold)) {
            assertPaddedColumns(t);
        }
        assertEquals(1, hold.closes);
    }

    @Test
    void aBatchOfAllNullColumnsReadsInPlaceAsNulls() {
        byte[] stream = resource("parent-padded-batch.arrows"); // one batch: its vectors are the payload's own
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        CountingHold hold = new CountingHold();
        try (VectorSchemaRoot t = StreamReading.readInPlace(payload, allocator, hold)) {
            assertAllNull(t);
        }
        assertEquals(1, hold.closes);
    }

    @Test
    void aBatchOfAllNullColumnsReadsAsNulls() {
        try (VectorSchemaRoot t = ArrowStreams.decode(resource("parent-padded-batch.arrows"))) {
            assertAllNull(t);
        }
    }

    /** The padded table's second batch alone: two rows, null in every column but 'name'. */
    private static void assertAllNull(VectorSchemaRoot t) {
        assertEquals(2, t.getRowCount());
        List<Object> nulls = Arrays.asList(null, null);
        assertEquals(nulls, ArrowColumns.longList(t, "id"));
        assertEquals(nulls, ArrowColumns.intList(t, "i32"));
        assertEquals(nulls, ArrowColumns.floatList(t, "f16"));
        assertEquals(nulls, ArrowColumns.doubleList(t, "f16"));
        assertEquals(nulls, ArrowColumns.floatList(t, "f32"));
        assertEquals(nulls, ArrowColumns.doubleList(t, "f64"));
        assertEquals(nulls, ArrowColumns.booleanList(t, "ok"));
        assertEquals(nulls, ArrowColumns.strings(t, "s"));
        assertEquals(nulls, ArrowColumns.strings(t, "ls"));
        assertEquals(nulls, ArrowColumns.binaries(t, "bin"));
        assertEquals(nulls, ArrowColumns.binaries(t, "fsb"));
        assertEquals(nulls, ArrowColumns.instants(t, "at"));
        assertEquals(nulls, ArrowColumns.floatVectors(t, "vec"));
        assertEquals(nulls, ArrowColumns.doubleVectors(t, "vec"));
        assertEquals(nulls, ArrowColumns.strings(t, "dict"));
        assertEquals(List.of("b", "c"), ArrowColumns.strings(t, "name"));
        assertEquals("column 'id' has a null at row 0; declare it List<Long> to take nulls",
                assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longs(t, "id")).getMessage());
    }

    @Test
    void anAllNullStringColumnWithoutOffsetsReadsAsNulls() {
        byte[] stream = resource("parent-null-strings.arrows"); // makeData({type: Utf8, length: 2, nullCount: 2, ...})
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            assertEquals(Arrays.asList(null, null), ArrowColumns.strings(t, "s"));
        }
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        try (VectorSchemaRoot t = StreamReading.readInPlace(payload, allocator, () -> {})) {
            assertEquals(Arrays.asList(null, null), ArrowColumns.strings(t, "s"));
        }
    }

    @Test
    void aPaddedTableEchoesWithItsNulls() {
        try (VectorSchemaRoot t = ArrowStreams.roundTrip(ArrowStreams.decode(resource("parent-padded.arrows")))) {
            assertPaddedColumns(t);
        }
        try (VectorSchemaRoot t = ArrowStreams.roundTrip(ArrowStreams.decode(resource("parent-padded-batch.arrows")))) {
            assertAllNull(t);
        }
    }

    @Test
    void aColumnWithSomeValuesStillNeedsItsBuffers() {
        // The all-null string column with its node changed to claim one null of two: its empty offset buffer
        // is too small for the value it claims.
        byte[] stream = withNode(resource("parent-null-strings.arrows"), 2, 2, 1);
        ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowStreams.decode(stream));
        assertEquals("column 's' has an OFFSET buffer of 0 bytes for 2 values, which need 12", e.getMessage());
    }

    /** {@code stream} with its one field node of {@code length} values, {@code nulls} null, made to say {@code newNulls}. */
    private static byte[] withNode(byte[] stream, long length, long nulls, long newNulls) {
        ByteBuffer b = ByteBuffer.wrap(stream.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int at = -1;
        for (int i = 0; i + 16 <= stream.length; i += 8) {
            if (b.getLong(i) == length && b.getLong(i + 8) == nulls) {
                assertEquals(-1, at, "one field node of " + length + " values, " + nulls + " null");
                at = i;
            }
        }
        assertTrue(at >= 0, "a field node of " + length + " values, " + nulls + " null");
        b.putLong(at + 8, newNulls);
        return b.array();
    }

    @Test
    void aDictionaryEncodedColumnWrittenByArrowsWriterIsDecodedUnderItsNameAndNullability() {
        byte[] stream;
        try (VarCharVector words = new VarCharVector("words", allocator)) {
            words.allocateNew();
            words.setSafe(0, "yes".getBytes(StandardCharsets.UTF_8));
            words.setSafe(1, "no".getBytes(StandardCharsets.UTF_8));
            words.setValueCount(2);
            DictionaryEncoding encoding = new DictionaryEncoding(7, false, new ArrowType.Int(16, true));
            DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
            dictionaries.put(new Dictionary(words, encoding));
            IntVector indices = (IntVector) new Field("answer", new FieldType(true, new ArrowType.Int(32, true), null), null)
                    .createVector(allocator);
            org.apache.arrow.vector.SmallIntVector small = (org.apache.arrow.vector.SmallIntVector)
                    new Field("answer", new FieldType(true, new ArrowType.Int(16, true), encoding), null).createVector(allocator);
            indices.close();
            small.allocateNew(3);
            small.set(0, 1);
            small.setNull(1);
            small.set(2, 0);
            small.setValueCount(3);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(small.getField()), List.of(small), 3)) {
                stream = ArrowStreams.stream(root, dictionaries, List.of(r -> {}));
            }
        }
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            Field f = t.getSchema().findField("answer");
            assertEquals("Utf8", ArrowTypeNames.of(f));
            assertTrue(f.isNullable());
            assertEquals(Arrays.asList("no", null, "yes"), ArrowColumns.strings(t, "answer"));
        }
    }

    @Test
    void aStreamWithASchemaAndNoBatchIsAnEmptyTableWithItsColumns() {
        byte[] stream;
        try (VectorSchemaRoot root = new TableBuilder().longs("id", new long[0]).strings("s", List.of()).build()) {
            stream = ArrowStreams.stream(root, null, List.of());
        }
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            assertEquals(0, t.getRowCount());
            assertEquals(List.of("id", "s"), t.getSchema().getFields().stream().map(Field::getName).toList());
        }
    }

    @Test
    void aSchemaWithNoBatchIsCheckedAsABatchWouldBe() {
        Field item = Field.nullable("item", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        Field v = new Field("v", FieldType.nullable(new ArrowType.FixedSizeList(0)), List.of(item));
        byte[] stream;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(v)), allocator)) {
            stream = ArrowStreams.stream(root, null, List.of());
        }
        ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowStreams.decode(stream).close());
        assertTrue(e.getMessage().startsWith("column 'v' is not valid Arrow data"), e.getMessage());
        assertEquals(0, allocator.getAllocatedMemory());
    }

    @Test
    void aStreamWithoutItsEndMarkerIsReadToItsLastWholeMessage() {
        byte[] stream = ArrowStreams.encode(new TableBuilder().longs("id", new long[] {4, 5}).build());
        byte[] withoutEnd = Arrays.copyOf(stream, stream.length - 8);
        try (VectorSchemaRoot t = ArrowStreams.decode(withoutEnd)) {
            assertArrayEquals(new long[] {4, 5}, ArrowColumns.longs(t, "id"));
        }
    }

    // ---- broken streams ----------------------------------------------------------------------

    /** A valid stream of several column types, for cutting and corrupting. */
    static byte[] sample() {
        return ArrowStreams.encode(new TableBuilder()
                .longs("id", new long[] {1, 2, 3})
                .strings("name", Arrays.asList("a", null, "ccc"))
                .floatVectors("v", Arrays.asList(new float[] {1, 2}, null, new float[] {3, 4}), 2)
                .build());
    }

    private void refused(byte[] payload, String why) {
        ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowStreams.decode(payload).close(), why);
        assertEquals(0, allocator.getAllocatedMemory(), why + ": " + e.getMessage());
    }

    @Test
    void randomBytesAreRefused() {
        Random r = new Random(13);
        for (int i = 0; i < 500; i++) {
            byte[] b = Fuzz.randomBytes(r, 200);
            if (b.length == 0 || (b.length >= 8 && ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(4) == 0
                    && ByteBuffer.wrap(b).getInt(0) == -1) || (b.length >= 4 && ByteBuffer.wrap(b).getInt(0) == 0)) {
                continue; // no bytes, or an end-of-stream marker first: a stream without a schema is refused below
            }
            refused(b, "random input " + i);
        }
    }

    @Test
    void everyCutOfAValidStreamIsReadOrRefused() {
        byte[] stream = sample();
        for (int length = 1; length < stream.length; length++) {
            byte[] cut = Arrays.copyOf(stream, length);
            try {
                ArrowStreams.decode(cut).close(); // a cut at a message boundary is a stream without its end marker
            } catch (ArrowPayloadException expected) {
                // refused
            }
            assertEquals(0, allocator.getAllocatedMemory(), "cut at " + length);
        }
    }

    @Test
    void aSchemaFollowedByGarbageIsRefused() {
        byte[] stream = sample();
        int schemaEnd = 8 + ByteBuffer.wrap(stream, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Random r = new Random(5);
        for (int i = 0; i < 100; i++) {
            byte[] garbage = new byte[8 + r.nextInt(300)];
            r.nextBytes(garbage);
            byte[] b = Arrays.copyOf(stream, schemaEnd + garbage.length);
            System.arraycopy(garbage, 0, b, schemaEnd, garbage.length);
            if (ByteBuffer.wrap(garbage).getInt(0) == 0) {
                continue; // an end marker after all
            }
            refused(b, "garbage " + i);
        }
    }

    @Test
    void aMessageClaimingMoreMetadataThanThePayloadHoldsIsRefusedBeforeAnythingIsAllocated() {
        byte[] b = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2};
        ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowStreams.decode(b));
        assertEquals("not an Arrow IPC stream: the message at byte 0 claims 2147483646 bytes of metadata, but only 2 bytes "
                + "follow", e.getMessage());
    }

    @Test
    void aMessageClaimingALargerBodyThanThePayloadHoldsIsRefusedBeforeAnythingIsAllocated() {
        byte[] stream = sample();
        int schemaEnd = 8 + ByteBuffer.wrap(stream, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] batchOnly = Arrays.copyOfRange(stream, schemaEnd, stream.length);
        byte[] cut = Arrays.copyOf(stream, stream.length - 8 - 16); // the batch's body short of 16 bytes, no end marker
        ArrowPayloadException e = assertThrows(ArrowPayloadException.class, () -> ArrowStreams.decode(cut));
        assertTrue(e.getMessage().startsWith("not an Arrow IPC stream: the message at byte " + schemaEnd + " claims a body of "),
                e.getMessage());
        assertTrue(batchOnly.length > 0);
    }

    @Test
    void aTableLargerThanTheReadersAllowanceIsRefused() {
        // One 10 KiB string, taken by 1,000 rows through a dictionary: 10 MB decoded from a stream of 14 KB.
        byte[] stream;
        try (VarCharVector words = new VarCharVector("words", allocator)) {
            words.allocateNew();
            words.setSafe(0, "x".repeat(10_240).getBytes(StandardCharsets.UTF_8));
            words.setValueCount(1);
            DictionaryEncoding encoding = new DictionaryEncoding(1, false, new ArrowType.Int(32, true));
            DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
            dictionaries.put(new Dictionary(words, encoding));
            IntVector indices = (IntVector) new Field("w", new FieldType(true, new ArrowType.Int(32, true), encoding), null)
                    .createVector(allocator);
            indices.allocateNew(1000);
            indices.setValueCount(1000); // all index 0, all valid
            indices.getValidityBuffer().setOne(0L, 125L);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(indices.getField()), List.of(indices), 1000)) {
                stream = ArrowStreams.stream(root, dictionaries, List.of(r -> {}));
            }
        }
        try (BufferAllocator small = allocator.newChildAllocator("small", 0, 1 << 20)) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class,
                    () -> StreamReading.read(ByteBuffer.wrap(stream), small));
            assertEquals("the table takes more than the 1048576 bytes a request of " + stream.length
                    + " bytes may take (dictionary-encoded columns decode to more than their size)", e.getMessage());
            assertEquals(0, small.getAllocatedMemory());
        }
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) { // within the allowance of the process allocator
            assertEquals(1000, ArrowColumns.strings(t, "w").size());
        }
    }

    @Test
    void aBatchClaimingMoreRowsThanItsColumnsHoldReadsThemAsNulls() {
        byte[] stream;
        try (VectorSchemaRoot root = new TableBuilder().longs("id", new long[] {1, 2}).build()) {
            stream = ArrowStreams.stream(root, null, List.of(r -> r.setRowCount(3))); // the batch claims 3 rows
        }
        // Arrow's loader sets every column to the batch's row count; what a column lacks is null.
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            assertEquals(Arrays.asList(1L, 2L, null), ArrowColumns.longList(t, "id"));
            assertEquals("column 'id' has a null at row 2; declare it List<Long> to take nulls",
                    assertThrows(ArrowPayloadException.class, () -> ArrowColumns.longs(t, "id")).getMessage());
        }
    }

    @Test
    void aBrokenStreamIsAnInvalidParamsRefusal() {
        assertTrue(new ArrowPayloadException("x") instanceof dev.procwire.runtime.codec.InvalidPayloadException);
    }

    @Test
    void bigIntVectorsMoveIntoTheTableWithoutACopy() {
        byte[] stream = ArrowStreams.encode(new TableBuilder().longs("id", new long[1000]).build());
        try (VectorSchemaRoot t = ArrowStreams.decode(stream)) {
            // The stream's body is one allocation of its size; the table holds slices of it and nothing more.
            long body = stream.length;
            assertTrue(allocator.getAllocatedMemory() <= Long.highestOneBit(body) * 2, allocator.getAllocatedMemory() + " bytes");
            assertEquals(1000, ((BigIntVector) t.getVector("id")).getValueCount());
        }
    }

    // ---- read in place ----------------------------------------------------------------------

    /** {@code bytes} in a pooled direct buffer, as a request's large payload arrives. */
    private static PooledPayload pooled(byte[] bytes) {
        PooledPayload p = DirectPayloads.take(bytes.length);
        p.buffer().put(0, bytes).limit(bytes.length);
        return p;
    }

    /** Counts its closes. */
    private static final class CountingHold implements AutoCloseable {
        int closes;

        @Override
        public void close() {
            closes++;
        }
    }

    @Test
    void aTableReadInPlaceHasItsColumnsInThePayloadsOwnMemory() {
        long[] ids = new long[10_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i * 7L;
        }
        byte[] stream = ArrowStreams.encode(new TableBuilder().longs("id", ids).build());
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        long start = MemoryUtil.getByteBufferAddress(payload);
        CountingHold hold = new CountingHold();
        try (VectorSchemaRoot t = StreamReading.readInPlace(payload.asReadOnlyBuffer(), allocator, hold)) {
            long data = t.getVector("id").getDataBuffer().memoryAddress();
            assertTrue(data >= start && data + 8L * ids.length <= start + stream.length, "the column lies in the payload");
            assertArrayEquals(ids, ArrowColumns.longs(t, "id"));
            assertEquals(0, hold.closes, "the payload is held while the table is open");
        }
        assertEquals(1, hold.closes);
    }

    @Test
    void aPooledPayloadIsNotReusedWhileATableReadFromItIsOpen() throws Exception {
        long[] ids = new long[10_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        PooledPayload payload = pooled(ArrowStreams.encode(new TableBuilder().longs("id", ids).build()));
        ByteBuffer staleView = payload.buffer().duplicate();
        VectorSchemaRoot t = StreamReading.readInPlace(payload.buffer().asReadOnlyBuffer(), allocator, payload.hold());
        payload.release(); // the call is over, its table is not: nothing goes back to the pool yet
        assertArrayEquals(ids, ArrowColumns.longs(t, "id"), "the table's bytes are intact (not poisoned, not reused)");
        t.close();
        for (int i = 0; i < staleView.limit(); i++) {
            assertEquals(DirectPayloads.POISON, staleView.get(i), "byte " + i + ": the buffer went back once the table was closed");
        }
    }

    @Test
    void aTableThatHoldsOnlyCopiesLetsThePayloadGoAtOnce() {
        CountingHold hold = new CountingHold();
        byte[] stream = resource("parent-multi-batch.arrows"); // several batches: appended into new vectors
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        try (VectorSchemaRoot t = StreamReading.readInPlace(payload, allocator, hold)) {
            assertEquals(6, t.getRowCount());
            assertEquals(1, hold.closes, "no vector refers to the payload");
        }
        assertEquals(1, hold.closes);
    }

    @Test
    void everyCutOfAStreamReadInPlaceClosesTheHoldOnceAndLeavesNothing() {
        byte[] stream = sample();
        for (int length = 0; length <= stream.length; length++) {
            ByteBuffer payload = ByteBuffer.allocateDirect(Math.max(1, length)).put(stream, 0, length).flip();
            CountingHold hold = new CountingHold();
            try {
                StreamReading.readInPlace(payload, allocator, hold).close();
            } catch (ArrowPayloadException expected) {
                // refused
            }
            assertEquals(1, hold.closes, "cut at " + length);
            assertEquals(0, allocator.getAllocatedMemory(), "cut at " + length);
        }
    }

    @Test
    void aPayloadLargerThanTheReadersAllowanceIsRefusedAndItsHoldClosed() {
        byte[] stream = ArrowStreams.encode(new TableBuilder().longs("id", new long[100_000]).build());
        ByteBuffer payload = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        CountingHold hold = new CountingHold();
        try (BufferAllocator small = allocator.newChildAllocator("small", 0, 1 << 16)) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class,
                    () -> StreamReading.readInPlace(payload, small, hold));
            assertTrue(e.getMessage().startsWith("the table takes more than the 65536 bytes"), e.getMessage());
            assertEquals(0, small.getAllocatedMemory());
        }
        assertEquals(1, hold.closes);
    }
}
