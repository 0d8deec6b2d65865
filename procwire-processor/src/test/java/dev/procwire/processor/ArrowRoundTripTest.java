package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.processor.fixtures.ArrowService;
import dev.procwire.processor.fixtures.ArrowService.Batch;
import dev.procwire.processor.fixtures.ArrowService.Hit;
import dev.procwire.processor.fixtures.ArrowService.Pair;
import dev.procwire.processor.fixtures.ArrowService_Batch_ProcwireArrow;
import dev.procwire.processor.fixtures.ArrowService_Hit_ProcwireArrow;
import dev.procwire.processor.fixtures.ArrowService_Pair_ProcwireArrow;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.arrow.ArrowPayloadException;
import dev.procwire.runtime.arrow.ArrowPayloads;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.channels.Channels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Arrow mappings ({@code <Record>_ProcwireArrow}) of {@link ArrowService} run on
 * the runtime's {@code ArrowColumns} and {@code TableBuilder}: a column record and rows of every column
 * type come back equal, columns are named as their components travel, a ragged table is refused naming
 * the column; and the generated binding, served by the runtime's dispatcher, reads and writes Arrow IPC
 * streams in every shape and position.
 */
class ArrowRoundTripTest {
    /** The test's own allocator, for the tables it builds and reads back; closing it checks for leaks. */
    private final BufferAllocator allocator = new RootAllocator();
    private final Harness worker = new Harness(Procwire.bindingFor(new ArrowService()));

    @AfterEach
    void stop() {
        worker.close();
        allocator.close();
    }

    static Batch batch() {
        Instant t = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        return new Batch(new long[] {1, -2, Long.MAX_VALUE}, new int[] {3, 0, Integer.MIN_VALUE},
                new short[] {4, 5, -6}, new byte[] {7, -8, 9}, new float[] {0.5f, -1.25f, Float.MAX_VALUE},
                new double[] {1e-300, 2.5, -0.0}, new boolean[] {true, false, true},
                Arrays.asList(10L, null, 12L), Arrays.asList(null, 2, 3), Arrays.asList((short) 1, null, (short) 3),
                Arrays.asList((byte) 1, (byte) -1, null), Arrays.asList(1.5f, null, 2.5f), Arrays.asList(null, 0.1, 0.2),
                Arrays.asList(true, null, false), Arrays.asList("a", null, "ünïcødé"), Arrays.asList(t, null, Instant.EPOCH),
                Arrays.asList(new byte[] {1, 2}, null, new byte[0]),
                Arrays.asList(new float[] {1, 2}, null, new float[] {3, 4}),
                new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}},
                Arrays.asList(new double[] {0.25}, new double[] {0.5}, null),
                new double[][] {{1}, {2}, {3}}, Arrays.asList("x", "y", null));
    }

    static List<Hit> hits() {
        return List.of(
                new Hit(1, 2L, 3, 4, (short) 5, (short) 6, (byte) 7, (byte) 8, 0.5f, 1.5f, 2.5, 3.5, true, false,
                        "first", Instant.ofEpochSecond(1, 2), new byte[] {1, 2, 3}, new float[] {1, 2}, new double[] {3}),
                new Hit(-1, null, -3, null, (short) -5, null, (byte) -7, null, -0.5f, null, -2.5, null, false, null,
                        null, null, null, new float[] {3, 4}, new double[] {4}));
    }

    @Test
    void aColumnRecordOfEveryColumnTypeRoundTripsThroughItsGeneratedMapping() {
        Batch b = batch();
        try (VectorSchemaRoot table = ArrowService_Batch_ProcwireArrow.write(b)) {
            assertEquals(3, table.getRowCount());
            assertRecordEquals(b, ArrowService_Batch_ProcwireArrow.read(table));
        }
    }

    @Test
    void columnsAreNamedAsTheirComponentsTravel() {
        try (VectorSchemaRoot table = ArrowService_Batch_ProcwireArrow.write(batch())) {
            assertEquals(List.of("ids", "counts", "levels", "codes", "scores", "weights", "flags", "parent_ids", "ranks",
                    "small_levels", "grades", "maybe_scores", "maybe_weights", "maybe_flags", "names", "seen_at", "blobs",
                    "embeddings", "embedding_matrix", "points", "point_matrix", "tag"),
                    table.getSchema().getFields().stream().map(Field::getName).toList());
        }
    }

    @Test
    void rowsOfEveryRowTypeRoundTripThroughTheGeneratedMapping() {
        try (VectorSchemaRoot table = ArrowService_Hit_ProcwireArrow.writeRows(hits())) {
            assertEquals(2, table.getRowCount());
            List<Hit> back = ArrowService_Hit_ProcwireArrow.readRows(table);
            assertEquals(2, back.size());
            for (int i = 0; i < back.size(); i++) {
                assertRecordEquals(hits().get(i), back.get(i));
            }
        }
    }

    @Test
    void aNullMatrixColumnIsRefusedNamingTheColumn() {
        Batch b = batch();
        Batch noMatrix = new Batch(b.ids(), b.counts(), b.levels(), b.codes(), b.scores(), b.weights(), b.flags(),
                b.parentIds(), b.ranks(), b.smallLevels(), b.grades(), b.maybeScores(), b.maybeWeights(), b.maybeFlags(),
                b.names(), b.seenAt(), b.blobs(), b.embeddings(), null, b.points(), b.pointMatrix(), b.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrowService_Batch_ProcwireArrow.write(noMatrix));
        assertEquals("column 'embedding_matrix' is null: a table's columns are arrays or lists, empty for no rows",
                e.getMessage());
    }

    @Test
    void aNullRowIsRefusedNamingItsIndex() {
        List<Hit> rows = new ArrayList<>(hits());
        rows.add(1, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrowService_Hit_ProcwireArrow.writeRows(rows));
        assertEquals("row 1 is null: a table has no null rows", e.getMessage());
    }

    @Test
    void aRaggedTableIsRefusedAsAColumnRecordNamingTheColumn() {
        try (VectorSchemaRoot table = ragged()) {
            ArrowPayloadException e = assertThrows(ArrowPayloadException.class,
                    () -> ArrowService_Pair_ProcwireArrow.read(table));
            assertEquals("column 'scores' has 2 values, but the table has 3 rows", e.getMessage());
        }
    }

    /** Columns {@code ids} (3 values) and {@code scores} (2), in a table of 3 rows. */
    private VectorSchemaRoot ragged() {
        BigIntVector ids = new BigIntVector("ids", allocator);
        Float4Vector scores = new Float4Vector("scores", allocator);
        ids.allocateNew(3);
        scores.allocateNew(3);
        for (int i = 0; i < 3; i++) {
            ids.set(i, i);
        }
        scores.set(0, 0.5f);
        scores.set(1, 1.5f);
        ids.setValueCount(3);
        scores.setValueCount(2);
        VectorSchemaRoot table = new VectorSchemaRoot(List.of(ids.getField(), scores.getField()), List.of(ids, scores),
                3);
        return table;
    }

    // ---- through the binding -----------------------------------------------------------------

    @Test
    void aTableIsEchoedThroughTheBindingAsAnIpcStream() throws Exception {
        byte[] sent = ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits()));
        Harness.Sent answer = worker.answer("echo", sent);
        assertEquals(Frames.FLAGS_RESULT, answer.flags());
        List<Hit> back = fromIpc(answer.payload(), ArrowService_Hit_ProcwireArrow::readRows);
        for (int i = 0; i < back.size(); i++) {
            assertRecordEquals(hits().get(i), back.get(i));
        }
    }

    @Test
    void aColumnRecordIsReadAndWrittenThroughTheBinding() throws Exception {
        Harness.Sent answer = worker.answer("batch", ipc(ArrowService_Batch_ProcwireArrow.write(batch())));
        assertEquals(Frames.FLAGS_RESULT, answer.flags());
        assertRecordEquals(batch(), fromIpc(answer.payload(), ArrowService_Batch_ProcwireArrow::read));
    }

    @Test
    void rowsAreReadAndWrittenThroughTheBinding() throws Exception {
        Harness.Sent answer = worker.answer("hits", ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits())));
        assertEquals(Frames.FLAGS_RESULT, answer.flags());
        List<Hit> back = fromIpc(answer.payload(), ArrowService_Hit_ProcwireArrow::readRows);
        assertEquals(2, back.size());
        for (int i = 0; i < back.size(); i++) {
            assertRecordEquals(hits().get(i), back.get(i));
        }
    }

    @Test
    void anArrowRequestAnswersInMsgPack() throws Exception {
        Harness.Sent answer = worker.answer("count", ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits())));
        assertEquals(Frames.FLAGS_RESULT, answer.flags());
        assertEquals(2L, answer.value());
    }

    @Test
    void eachStreamChunkIsATableOfItsOwn() throws Exception {
        List<Harness.Sent> frames = worker.call("pages", Msg.pack(3));
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(frames.size() - 1).flags());
        List<Harness.Sent> chunks = frames.subList(0, frames.size() - 1);
        assertEquals(3, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Pair p = fromIpc(chunks.get(i).payload(), ArrowService_Pair_ProcwireArrow::read);
            assertArrayEquals(new long[] {i}, p.ids());
            assertArrayEquals(new float[] {i / 2f}, p.scores());
        }
    }

    @Test
    void aColumnRecordEventIsSentAsATable() throws Exception {
        worker.call("announce", ipc(ArrowService_Batch_ProcwireArrow.write(batch())));
        List<Harness.Sent> events = worker.events();
        assertEquals(1, events.size());
        assertRecordEquals(batch(), fromIpc(events.get(0).payload(), ArrowService_Batch_ProcwireArrow::read));
    }

    @Test
    void aPayloadThatIsNotArrowIsAnInvalidParamsError() throws Exception {
        Harness.Sent answer = worker.answer("batch", Msg.pack(map("ids", List.of(1))));
        assertEquals(Frames.FLAGS_ERROR, answer.flags());
        assertEquals("INVALID_PARAMS", ((java.util.Map<?, ?>) answer.value()).get("code"));
    }

    @Test
    void aColumnRecordWhoseConstructorRefusesIsInvalidParamsNamingTheRecord() throws Exception {
        byte[] table = ipc(new TableBuilder().longs("starts", new long[] {1, 5}).longs("ends", new long[] {2, 4}).build());
        assertEquals(map("message", "invalid params for windows: Windows: window 1 ends before it starts", "code",
                "INVALID_PARAMS"), worker.answer("windows", table).value());
    }

    @Test
    void aRowRecordWhoseConstructorRefusesIsInvalidParamsNamingTheRecordAndTheRow() throws Exception {
        byte[] table = ipc(new TableBuilder().longs("lo", new long[] {1, 5}).longs("hi", new long[] {2, 4}).build());
        assertEquals(map("message", "invalid params for spans: Span at row 1: lo > hi", "code", "INVALID_PARAMS"),
                worker.answer("spans", table).value());
    }

    @Test
    void aNullForAPrimitiveRowComponentIsRefusedNamingTheBoxThatTakesIt() throws Exception {
        byte[] table = ipc(new TableBuilder().longList("lo", Arrays.asList(1L, null)).longs("hi", new long[] {2, 3})
                .build());
        assertEquals(map("message", "invalid params for spans: column 'lo' has a null at row 1; declare it Long to take "
                + "nulls", "code", "INVALID_PARAMS"), worker.answer("spans", table).value());
    }

    @Test
    void aNullForAPrimitiveColumnIsRefusedNamingTheListThatTakesIt() throws Exception {
        byte[] table = ipc(new TableBuilder().longList("starts", Arrays.asList(1L, null)).longs("ends", new long[] {2, 3})
                .build());
        assertEquals(map("message", "invalid params for windows: column 'starts' has a null at row 1; declare it "
                + "List<Long> to take nulls", "code", "INVALID_PARAMS"), worker.answer("windows", table).value());
    }

    @Test
    void aProcwireExceptionFromARowRecordsConstructorKeepsTheCodeItChose() throws Exception {
        byte[] table = ipc(new TableBuilder().strings("name", Arrays.asList("a", null)).build());
        assertEquals(map("message", "name is required", "code", "REQUIRED", "data", "name"),
                worker.answer("names", table).value());
    }

    @Test
    void everyTableTheGeneratedCodeMakesOrReadsIsClosedWhenItsCallIsOver() throws Exception {
        long before = ArrowPayloads.allocator().getAllocatedMemory();
        worker.answer("echo", ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits())));
        worker.answer("batch", ipc(ArrowService_Batch_ProcwireArrow.write(batch())));
        worker.answer("hits", ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits())));
        worker.answer("count", ipc(ArrowService_Hit_ProcwireArrow.writeRows(hits())));
        worker.call("pages", Msg.pack(3));
        worker.call("announce", ipc(ArrowService_Batch_ProcwireArrow.write(batch())));
        assertEquals(before, ArrowPayloads.allocator().getAllocatedMemory(), "bytes still allocated");
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** {@code table} as one Arrow IPC stream, as the parent's {@code arrowCodec} sends it; closes it. */
    private static byte[] ipc(VectorSchemaRoot table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (table; ArrowStreamWriter w = new ArrowStreamWriter(table, null, Channels.newChannel(out))) {
            w.start();
            w.writeBatch();
            w.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The one table of an IPC stream, mapped by {@code mapping} while it is open. */
    private <T> T fromIpc(byte[] bytes, Function<VectorSchemaRoot, T> mapping) {
        try (ArrowStreamReader r = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
            if (!r.loadNextBatch()) {
                throw new AssertionError("no record batch in " + bytes.length + " bytes");
            }
            T value = mapping.apply(r.getVectorSchemaRoot());
            if (r.loadNextBatch()) {
                throw new AssertionError("a second record batch");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records equal component by component, arrays and lists of arrays by content. */
    private static void assertRecordEquals(Record expected, Record actual) {
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            assertEquals(comparable(component(c, expected)), comparable(component(c, actual)), c.getName());
        }
    }

    private static Object component(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Arrays as lists, so that {@code equals} compares their contents. */
    private static Object comparable(Object value) {
        if (value == null) {
            return null;
        }
        if (value.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.add(comparable(java.lang.reflect.Array.get(value, i)));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ArrowRoundTripTest::comparable).toList();
        }
        return value;
    }
}
