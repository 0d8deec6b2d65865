package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.procwire.runtime.fuzz.Fuzz;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated Arrow streams (the parent's own, all-null columns among them, and the worker's of every
 * column type, several batches, dictionaries) read as a request is, within a request's memory allowance
 * — every other one in place, as a large request's direct payload is: each is a table or an
 * {@link ArrowPayloadException}, nothing else, and the hold on an in-place payload is closed exactly
 * once. A table that is read then goes through every column reader (each returns or refuses) and back
 * out through the writer, and reads again; nothing is left allocated after any input. Seeded (see
 * {@link Fuzz} for the properties that lengthen or reproduce a run).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ArrowPayloadFuzzTest {
    private final BufferAllocator allocator = ArrowPayloads.allocator();

    private static final List<BiFunction<VectorSchemaRoot, String, Object>> READERS = List.of(
            ArrowColumns::longs, ArrowColumns::ints, ArrowColumns::shorts, ArrowColumns::bytes, ArrowColumns::floats,
            ArrowColumns::doubles, ArrowColumns::booleans, ArrowColumns::longList, ArrowColumns::intList,
            ArrowColumns::shortList, ArrowColumns::byteList, ArrowColumns::floatList, ArrowColumns::doubleList,
            ArrowColumns::booleanList, ArrowColumns::strings, ArrowColumns::instants, ArrowColumns::binaries,
            ArrowColumns::floatVectors, ArrowColumns::doubleVectors);

    static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        corpus.add(StreamReadingTest.resource("parent-multi-batch.arrows"));
        corpus.add(StreamReadingTest.resource("parent-embeddings.arrows"));
        corpus.add(StreamReadingTest.resource("parent-padded.arrows")); // all-null columns without data or offsets
        corpus.add(StreamReadingTest.resource("parent-padded-batch.arrows"));
        corpus.add(StreamReadingTest.resource("parent-null-strings.arrows"));
        corpus.add(StreamReadingTest.sample());
        corpus.add(ArrowStreams.encode(new TableBuilder()
                .longs("a", new long[] {1, -1}).ints("b", new int[] {2, -2}).shorts("c", new short[] {3, -3})
                .bytes("d", new byte[] {4, -4}).floats("e", new float[] {5, -5}).doubles("f", new double[] {6, -6})
                .booleans("g", new boolean[] {true, false}).longList("h", Arrays.asList(7L, null))
                .intList("i", Arrays.asList(null, 8)).floatList("j", Arrays.asList(9f, null))
                .booleanList("k", Arrays.asList(null, true)).strings("l", Arrays.asList("x", null))
                .instants("m", Arrays.asList(Instant.EPOCH, null)).binaries("n", Arrays.asList(new byte[] {1}, null))
                .floatVectors("o", Arrays.asList(new float[] {1, 2}, null), 2)
                .doubleVectors("p", Arrays.asList(null, new double[] {3}), 1)
                .build()));
        try (VectorSchemaRoot root = new TableBuilder().longs("id", new long[] {1, 2}).strings("s", Arrays.asList("a", null))
                .build()) {
            corpus.add(ArrowStreams.stream(root, null, List.of(r -> {}, r -> {}, r -> r.setRowCount(1))));
        }
        return corpus;
    }

    @Test
    void mutatedStreamsAreReadOrRefusedAndLeaveNothingAllocated() {
        List<byte[]> corpus = corpus();
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(3000);
        int read = 0;
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            byte[] input = Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            try {
                if (readEverything(input, i % 2 == 0)) {
                    read++;
                }
            } catch (RuntimeException | Error e) {
                throw new AssertionError("not a table nor an ArrowPayloadException: " + Fuzz.describe(seed, i, input), e);
            }
            if (allocator.getAllocatedMemory() != 0) {
                fail(allocator.getAllocatedMemory() + " bytes left allocated by " + Fuzz.describe(seed, i, input));
            }
        }
        assertEquals(true, read > 0 && read < n, read + " of " + n + " mutated streams read: the mutations reach both outcomes");
    }

    /**
     * Reads the input as a request (in place: from a direct buffer, without copying it); whether it was a
     * table (then read through and echoed) or refused.
     */
    private boolean readEverything(byte[] input, boolean inPlace) {
        VectorSchemaRoot table;
        BufferAllocator forCall = allocator.newChildAllocator("fuzz", 0, ArrowPayloads.tableLimit(input.length));
        int[] holdCloses = new int[1];
        try {
            try {
                table = inPlace
                        ? StreamReading.readInPlace(ByteBuffer.allocateDirect(Math.max(1, input.length)).put(input).flip(),
                                forCall, () -> holdCloses[0]++)
                        : StreamReading.read(ByteBuffer.wrap(input), forCall);
            } catch (ArrowPayloadException refused) {
                assertEquals(inPlace ? 1 : 0, holdCloses[0], "the hold is closed once when the payload is refused");
                return false;
            }
            try (table) {
                for (Field f : table.getSchema().getFields()) {
                    for (BiFunction<VectorSchemaRoot, String, Object> reader : READERS) {
                        try {
                            reader.apply(table, f.getName());
                        } catch (ArrowPayloadException refused) {
                            // this column is not of this Java type
                        }
                    }
                }
                byte[] echoed = ArrowStreams.encode(table); // what arrowEcho answers
                try (VectorSchemaRoot again = StreamReading.read(ByteBuffer.wrap(echoed), forCall)) {
                    assertEquals(table.getRowCount(), again.getRowCount());
                }
            }
            assertEquals(inPlace ? 1 : 0, holdCloses[0], "the hold is closed once the table is");
            return true;
        } finally {
            forCall.close();
        }
    }
}
