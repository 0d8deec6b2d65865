package dev.procwire.runtime.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageResult;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;

/**
 * Reads one IPC stream into one table with Arrow's {@link ArrowStreamReader}: the batches appended in
 * order, each checked by Arrow's validator before it is used, dictionary-encoded columns decoded into
 * plain ones (the parent's {@code tableFromArrays} encodes every string column so, and a table alone
 * carries no dictionaries). A single batch costs one copy of the bytes, out of the payload into Arrow's
 * buffers; its vectors then move to the table without another.
 */
final class StreamReading {
    private StreamReading() {}

    private static void requireNames(List<Field> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getName() == null) {
                throw new ArrowPayloadException("column " + i + " of the schema has no name");
            }
        }
    }

    /** What a failure to read {@code payload} is answered with: the check's own refusal, or one naming the cause. */
    private static ArrowPayloadException refusal(Throwable e, ByteBuffer payload, BufferAllocator allocator) {
        if (e instanceof ArrowPayloadException refused) {
            return refused;
        }
        if (e instanceof OutOfMemoryException) {
            return new ArrowPayloadException("the table takes more than the " + allocator.getLimit() + " bytes a request of "
                    + payload.remaining() + " bytes may take (dictionary-encoded columns decode to more than their size)", e);
        }
        return new ArrowPayloadException("not a valid Arrow IPC stream: " + describe(e), e);
    }

    /**
     * The table in {@code payload} (its remaining bytes; none: an empty table without columns, as the
     * parent's {@code tableFromIPC} reads them), allocated from {@code allocator} and owned by the caller.
     *
     * @throws ArrowPayloadException the bytes are not an IPC stream, or it does not fit in {@code allocator}
     */
    static VectorSchemaRoot read(ByteBuffer payload, BufferAllocator allocator) {
        if (!payload.hasRemaining()) {
            return new VectorSchemaRoot(List.of(), List.of(), 0);
        }
        StreamFraming.check(payload);
        BodyTracking messages = new BodyTracking(new ReadChannel(new BufferChannel(payload)), allocator);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        VectorSchemaRoot table = null;
        boolean done = false;
        try {
            try (ArrowStreamReader reader = new CheckedReader(messages, allocator)) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                requireNames(batch.getSchema().getFields());
                while (reader.loadNextBatch()) {
                    batches.add(plain(batch, reader, allocator));
                }
                if (batches.size() == 1) {
                    table = batches.remove(0);
                } else {
                    // Appended into new vectors: Arrow 19 fails to grow a vector whose buffers came from a
                    // stream with padding (the parent pads every buffer to 64 bytes).
                    table = VectorSchemaRoot.create(plainSchema(batch, reader), allocator);
                    append(batches, table);
                }
            }
            done = true;
            return table;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw refusal(e, payload, allocator);
        } finally {
            batches.forEach(VectorSchemaRoot::close);
            if (!done) {
                if (table != null) {
                    table.close();
                }
                messages.releaseBodies();
            }
        }
    }

    /** Appends the batches, in order, into {@code table}'s new vectors, sized for all their rows at once. */
    private static void append(List<VectorSchemaRoot> batches, VectorSchemaRoot table) {
        if (batches.isEmpty()) {
            return; // a schema and no batch
        }
        int rows = 0;
        for (VectorSchemaRoot b : batches) {
            rows = Math.addExact(rows, b.getRowCount());
        }
        for (FieldVector v : table.getFieldVectors()) {
            v.setInitialCapacity(rows);
        }
        table.allocateNew();
        VectorSchemaRootAppender.append(false, table, batches.toArray(VectorSchemaRoot[]::new));
    }

    /** The batch just loaded, checked, as a table of its own that owns its vectors: decoded or moved. */
    private static VectorSchemaRoot plain(VectorSchemaRoot batch, ArrowStreamReader reader, BufferAllocator allocator)
            throws IOException {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(batch.getFieldVectors().size());
        try {
            for (FieldVector v : batch.getFieldVectors()) {
                VectorValidation.validate(v, "column '" + v.getName() + "'");
                DictionaryEncoding encoding = v.getField().getDictionary();
                if (encoding == null) {
                    vectors.add(moved(v, allocator));
                } else {
                    Dictionary d = reader.getDictionaryVectors().get(encoding.getId());
                    if (d == null) {
                        throw new ArrowPayloadException("column '" + v.getName() + "' refers to dictionary " + encoding.getId()
                                + ", which the stream does not hold");
                    }
                    VectorValidation.validate(d.getVector(), "the dictionary of column '" + v.getName() + "'");
                    checkIndices(v, d.getVector().getValueCount());
                    try (FieldVector decoded = (FieldVector) DictionaryEncoder.decode(v, d, allocator)) {
                        FieldVector plain = plainField(v.getField(), d).createVector(allocator);
                        vectors.add(plain);
                        decoded.makeTransferPair(plain).transfer();
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            fields.add(v.getField());
        }
        return new VectorSchemaRoot(fields, vectors, rows);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Every index of a dictionary-encoded column names an entry: Arrow's decoder would fail midway (and leak). */
    private static void checkIndices(FieldVector indices, int entries) {
        BaseIntVector ints = (BaseIntVector) indices;
        for (int i = 0; i < indices.getValueCount(); i++) {
            if (!indices.isNull(i)) {
                long index = ints.getValueAsLong(i);
                if (index < 0 || index >= entries) {
                    throw new ArrowPayloadException("column '" + indices.getName() + "' row " + i + " refers to entry " + index
                            + " of a dictionary of " + entries);
                }
            }
        }
    }

    private static FieldVector moved(FieldVector v, BufferAllocator allocator) {
        if (hasNestedDictionary(v.getField())) {
            throw new ArrowPayloadException("column '" + v.getName() + "' holds a dictionary-encoded field inside "
                    + ArrowTypeNames.of(v.getField()) + ", which the worker does not read: send its values plainly");
        }
        var transfer = v.getTransferPair(allocator);
        transfer.transfer();
        return (FieldVector) transfer.getTo();
    }

    private static boolean hasNestedDictionary(Field f) {
        for (Field c : f.getChildren()) {
            if (c.getDictionary() != null || hasNestedDictionary(c)) {
                return true;
            }
        }
        return false;
    }

    /** The column as it decodes: the dictionary's value type, under the column's name and nullability. */
    private static Field plainField(Field column, Dictionary d) {
        Field values = d.getVector().getField();
        return new Field(column.getName(), new FieldType(column.isNullable(), values.getType(), null, column.getMetadata()),
                values.getChildren());
    }

    private static org.apache.arrow.vector.types.pojo.Schema plainSchema(VectorSchemaRoot batch, ArrowStreamReader reader)
            throws IOException {
        List<Field> fields = new ArrayList<>();
        for (Field f : batch.getSchema().getFields()) {
            DictionaryEncoding encoding = f.getDictionary();
            Dictionary d = encoding == null ? null : reader.getDictionaryVectors().get(encoding.getId());
            fields.add(d == null ? f : plainField(f, d));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    /** Arrow's stream reader, with each batch checked ({@link BatchCheck}) before Arrow loads it. */
    private static final class CheckedReader extends ArrowStreamReader {
        CheckedReader(MessageChannelReader messages, BufferAllocator allocator) {
            super(messages, allocator);
        }

        @Override
        protected void loadRecordBatch(ArrowRecordBatch batch) {
            try {
                BatchCheck.check(getVectorSchemaRoot().getSchema().getFields(), batch, "a record batch");
            } catch (IOException | RuntimeException e) { // the root is there: the schema was read before any batch
                batch.close();
                throw e instanceof ArrowPayloadException p ? p : new ArrowPayloadException("not a valid Arrow IPC stream: " + e, e);
            }
            super.loadRecordBatch(batch);
        }

        @Override
        protected void loadDictionary(ArrowDictionaryBatch batch) {
            Dictionary d = dictionaries.get(batch.getDictionaryId());
            try {
                if (d == null) {
                    throw new ArrowPayloadException("a dictionary batch has id " + batch.getDictionaryId()
                            + ", which no column uses");
                }
                BatchCheck.check(List.of(d.getVector().getField()), batch.getDictionary(),
                        "dictionary " + batch.getDictionaryId());
            } catch (RuntimeException e) {
                batch.close();
                throw e;
            }
            super.loadDictionary(batch);
        }
    }

    /**
     * Arrow's message reader, keeping each message body it allocates. Arrow's stream reader leaves a body
     * allocated when a message turns out to be broken after its body was read (a buffer outside the
     * body, a record batch where a dictionary was due): once a read has failed and everything else is
     * closed, whatever references remain on the bodies are Arrow's leftovers, and go back here.
     */
    private static final class BodyTracking extends MessageChannelReader {
        private final List<ArrowBuf> bodies = new ArrayList<>();

        BodyTracking(ReadChannel in, BufferAllocator allocator) {
            super(in, allocator);
        }

        @Override
        public MessageResult readNext() throws IOException {
            MessageResult result = super.readNext();
            if (result != null && result.getBodyBuffer() != null) {
                bodies.add(result.getBodyBuffer());
            }
            return result;
        }

        void releaseBodies() {
            for (ArrowBuf body : bodies) {
                int references = body.getReferenceManager().getRefCount();
                if (references > 0) {
                    body.getReferenceManager().release(references);
                }
            }
        }
    }

    /**
     * The payload as a channel: Arrow reads each message body straight into its buffer from here, so a
     * payload in a direct buffer is copied once, with no stream or array in between.
     */
    private static final class BufferChannel implements ReadableByteChannel {
        private final ByteBuffer source;
        private boolean open = true;

        BufferChannel(ByteBuffer payload) {
            this.source = payload.slice();
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!source.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), source.remaining());
            dst.put(dst.position(), source, source.position(), n);
            dst.position(dst.position() + n);
            source.position(source.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
