package dev.procwire.runtime.arrow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.MetadataVersion;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;
import org.apache.arrow.vector.validate.MetadataV4UnionChecker;

/**
 * Reads one IPC stream into one table with Arrow's reader machinery ({@link ArrowReader}, its
 * {@link MessageSerializer} and loader): the batches appended in order, each checked by Arrow's
 * validator before it is used, dictionary-encoded columns decoded into plain ones (the parent's
 * {@code tableFromArrays} encodes every string column so, and a table alone carries no dictionaries).
 *
 * <p>The whole stream is in memory, as one {@link ArrowBuf}, and each message's body is a slice of it,
 * which Arrow's loader keeps (it retains buffers, it does not copy them): a single batch's columns are
 * the stream's own bytes. Those bytes are a copy of a payload on the heap, or, {@link #readInPlace}, a
 * payload's own direct memory, not copied at all.
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

    /** What a failure to read a stream of {@code payloadBytes} is answered with: the check's own refusal, or one naming the cause. */
    private static ArrowPayloadException refusal(Throwable e, int payloadBytes, BufferAllocator allocator) {
        if (e instanceof ArrowPayloadException refused) {
            return refused;
        }
        if (e instanceof OutOfMemoryException tooMuch) {
            return tooLarge(payloadBytes, allocator, tooMuch);
        }
        return new ArrowPayloadException("not a valid Arrow IPC stream: " + describe(e), e);
    }

    /**
     * The table in {@code payload} (its remaining bytes; none: an empty table without columns, as the
     * parent's {@code tableFromIPC} reads them), allocated from {@code allocator} and owned by the caller;
     * the bytes are copied once, into {@code allocator}'s memory.
     *
     * @throws ArrowPayloadException the bytes are not an IPC stream, or it does not fit in {@code allocator}
     */
    static VectorSchemaRoot read(ByteBuffer payload, BufferAllocator allocator) {
        return read(payload, allocator, null);
    }

    /**
     * As {@link #read(ByteBuffer, BufferAllocator)}, with the table's columns in the memory of
     * {@code payload} itself (direct), which must stay as it is until {@code hold} is closed: once no
     * vector refers to it any more — when the read fails, when the table holds only new vectors (decoded
     * or appended ones), else when the last vector on it is closed. {@code hold} is closed exactly once,
     * whatever happens. The payload's size is counted against {@code allocator}'s limit while it is used.
     */
    static VectorSchemaRoot readInPlace(ByteBuffer payload, BufferAllocator allocator, AutoCloseable hold) {
        if (!payload.isDirect()) {
            close(hold);
            throw new IllegalArgumentException("an Arrow payload read in place must be a direct buffer");
        }
        return read(payload, allocator, hold);
    }

    private static VectorSchemaRoot read(ByteBuffer payload, BufferAllocator allocator, AutoCloseable hold) {
        ArrowBuf bytes;
        try {
            if (!payload.hasRemaining()) {
                close(hold);
                return new VectorSchemaRoot(List.of(), List.of(), 0);
            }
            StreamFraming.check(payload);
        } catch (RuntimeException e) {
            close(hold);
            throw e;
        }
        try {
            bytes = hold == null ? copy(payload, allocator) : PayloadMemory.wrap(payload, allocator, hold);
        } catch (OutOfMemoryException e) {
            throw tooLarge(payload.remaining(), allocator, e);
        }
        return read(payload.slice().order(ByteOrder.LITTLE_ENDIAN), bytes, allocator);
    }

    private static ArrowBuf copy(ByteBuffer payload, BufferAllocator allocator) {
        ArrowBuf bytes = allocator.buffer(payload.remaining());
        bytes.setBytes(0, payload.duplicate());
        return bytes;
    }

    private static ArrowPayloadException tooLarge(int payloadBytes, BufferAllocator allocator, OutOfMemoryException e) {
        return new ArrowPayloadException("the table takes more than the " + allocator.getLimit() + " bytes a request of "
                + payloadBytes + " bytes may take (dictionary-encoded columns decode to more than their size)", e);
    }

    /** Reads the stream {@code stream} (position 0), whose bytes {@code bytes} also holds; takes over {@code bytes}. */
    private static VectorSchemaRoot read(ByteBuffer stream, ArrowBuf bytes, BufferAllocator allocator) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        VectorSchemaRoot table = null;
        boolean done = false;
        try {
            try (PayloadReader reader = new PayloadReader(stream, bytes, allocator)) {
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
            throw refusal(e, stream.limit(), allocator);
        } finally {
            batches.forEach(VectorSchemaRoot::close);
            if (done) {
                bytes.close(); // the reader's own reference: the table's vectors keep theirs
            } else {
                discard(table, bytes);
            }
        }
    }

    /** After a failed read: closes the table begun, and releases every reference left on the stream's bytes. */
    private static void discard(VectorSchemaRoot table, ArrowBuf bytes) {
        if (table != null) {
            table.close();
        }
        // Arrow leaves references behind when a message turns out to be broken after its body was sliced
        // (a buffer outside the body, a record batch where a dictionary was due): with everything else
        // closed, whatever references remain are such leftovers.
        int references = bytes.getReferenceManager().getRefCount();
        if (references > 0) {
            bytes.getReferenceManager().release(references);
        }
    }

    /** Appends the batches, in order, into {@code table}'s new vectors, sized for all their rows at once. */
    private static void append(List<VectorSchemaRoot> batches, VectorSchemaRoot table) {
        if (batches.isEmpty()) {
            // A schema and no batch: its columns are checked as a batch's are, so that a type Arrow cannot
            // hold (a fixed-size list of size 0) is refused here rather than when the table is written.
            table.getFieldVectors().forEach(v -> VectorValidation.validate(v, "column '" + v.getName() + "'"));
            return;
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
    private static VectorSchemaRoot plain(VectorSchemaRoot batch, ArrowReader reader, BufferAllocator allocator)
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

    private static Schema plainSchema(VectorSchemaRoot batch, ArrowReader reader)
            throws IOException {
        List<Field> fields = new ArrayList<>();
        for (Field f : batch.getSchema().getFields()) {
            DictionaryEncoding encoding = f.getDictionary();
            Dictionary d = encoding == null ? null : reader.getDictionaryVectors().get(encoding.getId());
            fields.add(d == null ? f : plainField(f, d));
        }
        return new Schema(fields);
    }

    /**
     * Arrow's reader over a stream that is whole in memory: each message's metadata is read where it
     * lies (its sizes were checked by {@link StreamFraming}), its body is a slice of the stream's
     * {@link ArrowBuf}, and each batch is checked ({@link BatchCheck}) before Arrow loads it. What it reads
     * and refuses is what Arrow's {@code ArrowStreamReader} reads and refuses.
     */
    private static final class PayloadReader extends ArrowReader {
        private static final int CONTINUATION = 0xFFFFFFFF;
        private final ByteBuffer stream; // little-endian; position: the next message
        private final ArrowBuf bytes;

        PayloadReader(ByteBuffer stream, ArrowBuf bytes, BufferAllocator allocator) {
            super(allocator);
            this.stream = stream;
            this.bytes = bytes;
        }

        @Override
        protected Schema readSchema() throws IOException {
            Message message = nextMessage();
            if (message == null) {
                throw new IOException("Unexpected end of input. Missing schema.");
            }
            if (message.headerType() != MessageHeader.Schema) {
                throw new IOException("Expected schema but header was " + message.headerType());
            }
            Schema schema = MessageSerializer.deserializeSchema(message);
            MetadataV4UnionChecker.checkRead(schema, MetadataVersion.fromFlatbufID(message.version()));
            return schema;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            prepareLoadNextBatch();
            while (true) {
                Message message = nextMessage();
                if (message == null) {
                    return false;
                }
                if (message.headerType() == MessageHeader.RecordBatch) {
                    loadRecordBatch(MessageSerializer.deserializeRecordBatch(message, body(message)));
                    return true;
                }
                if (message.headerType() != MessageHeader.DictionaryBatch) {
                    throw new IOException("Expected RecordBatch or DictionaryBatch but header was " + message.headerType());
                }
                loadDictionary(MessageSerializer.deserializeDictionaryBatch(message, body(message)));
            }
        }

        /** The next message's metadata, read in place; {@code null} at the end of the stream. */
        private Message nextMessage() throws IOException {
            if (stream.remaining() < 4) {
                return null; // as Arrow's reader: no length, no message
            }
            int length = stream.getInt();
            if (length == CONTINUATION) {
                if (stream.remaining() < 4) {
                    throw new IOException("Unexpected end of stream trying to read message.");
                }
                length = stream.getInt();
            }
            if (length == 0) {
                return null;
            }
            if (length < 0 || length > stream.remaining()) {
                throw new IOException("Unexpected end of stream trying to read message.");
            }
            Message message = Message.getRootAsMessage(stream.slice(stream.position(), length).order(ByteOrder.LITTLE_ENDIAN));
            stream.position(stream.position() + length);
            return message;
        }

        /**
         * The message's body, a slice of the stream's bytes with a reference of its own, which Arrow's
         * deserializer gives up once it has sliced the body's buffers (each with a reference of theirs).
         */
        private ArrowBuf body(Message message) throws IOException {
            long length = message.bodyLength();
            if (length < 0 || length > stream.remaining()) {
                throw new IOException("Unexpected end of input trying to read batch.");
            }
            if (length == 0) {
                return allocator.getEmpty();
            }
            ArrowBuf body = bytes.slice(stream.position(), length);
            body.getReferenceManager().retain();
            stream.position(stream.position() + (int) length);
            return body;
        }

        @Override
        public long bytesRead() {
            return stream.position();
        }

        @Override
        protected void closeReadSource() {
            // nothing: the caller owns the stream's bytes
        }

        @Override
        protected void loadRecordBatch(ArrowRecordBatch batch) {
            ArrowRecordBatch load;
            try {
                List<Field> fields = getVectorSchemaRoot().getSchema().getFields(); // read before any batch
                load = BatchCheck.check(fields, batch, "a record batch", allocator);
            } catch (IOException | RuntimeException e) {
                batch.close();
                if (e instanceof ArrowPayloadException || e instanceof OutOfMemoryException) {
                    throw (RuntimeException) e; // refused as it is, or as a table too large
                }
                throw new ArrowPayloadException("not a valid Arrow IPC stream: " + e, e);
            }
            if (load != batch) {
                batch.close(); // the batch to load holds references of its own to the buffers it keeps
            }
            super.loadRecordBatch(load);
        }

        @Override
        protected void loadDictionary(ArrowDictionaryBatch batch) {
            Dictionary d = dictionaries.get(batch.getDictionaryId());
            ArrowRecordBatch load;
            try {
                if (d == null) {
                    throw new ArrowPayloadException("a dictionary batch has id " + batch.getDictionaryId()
                            + ", which no column uses");
                }
                load = BatchCheck.check(List.of(d.getVector().getField()), batch.getDictionary(),
                        "dictionary " + batch.getDictionaryId(), allocator);
            } catch (RuntimeException e) {
                batch.close();
                throw e;
            }
            if (load != batch.getDictionary()) {
                batch.close();
                batch = new ArrowDictionaryBatch(batch.getDictionaryId(), load, batch.isDelta());
            }
            super.loadDictionary(batch);
        }
    }

    /**
     * A payload's direct memory as Arrow memory, counted against the allocator it is wrapped for; once
     * Arrow frees it (no buffer refers to it any more), the hold on the payload is closed.
     */
    private static final class PayloadMemory extends ForeignAllocation {
        private final ByteBuffer payload; // keeps the memory reachable while Arrow refers to it
        private final AutoCloseable hold;
        private boolean released;

        private PayloadMemory(ByteBuffer payload, AutoCloseable hold) {
            super(payload.remaining(), MemoryUtil.getByteBufferAddress(payload) + payload.position());
            this.payload = payload;
            this.hold = hold;
        }

        /** The payload's remaining bytes as one buffer; the hold is closed when that fails. */
        static ArrowBuf wrap(ByteBuffer payload, BufferAllocator allocator, AutoCloseable hold) {
            PayloadMemory memory;
            try {
                memory = new PayloadMemory(payload, hold);
            } catch (RuntimeException | Error e) {
                close(hold);
                throw e;
            }
            try {
                return allocator.wrapForeignAllocation(memory);
            } catch (RuntimeException | Error e) {
                memory.release0(); // Arrow releases it on some failures, not on all: at most once here
                throw e;
            }
        }

        @Override
        protected synchronized void release0() {
            if (!released) {
                released = true;
                close(hold);
            }
        }

        @Override
        public String toString() {
            return "the payload's " + payload.remaining() + " bytes";
        }
    }

    private static void close(AutoCloseable hold) {
        if (hold == null) {
            return;
        }
        try {
            hold.close();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the hold on an Arrow payload failed", e);
        }
    }
}
