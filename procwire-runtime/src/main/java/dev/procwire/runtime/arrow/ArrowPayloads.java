package dev.procwire.runtime.arrow;

import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.BufferEncoder;
import dev.procwire.runtime.internal.frame.BufferPayload;
import dev.procwire.runtime.internal.frame.PayloadHolder;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Arrow payloads (the {@link dev.procwire.api.Codec#ARROW} codec): Apache Arrow IPC stream bytes, as the
 * parent's {@code arrowCodec} writes and reads them. For generated code, and for handlers that build
 * a table themselves.
 *
 * <pre>{@code
 * // a handler registered by name: a table in, the same table out
 * Handlers.builder().method("arrowEcho", Response.RESULT, Codec.ARROW, 0,
 *         call -> call.reply(ArrowPayloads.TABLE, ArrowPayloads.read(call)));
 * }</pre>
 *
 * <p><b>Shapes.</b> A request is one stream: a schema, any number of record batches (appended into one
 * table here), the end-of-stream marker. Dictionary-encoded columns (the parent's
 * {@code tableFromArrays} encodes strings so) arrive decoded, as plain columns of the dictionary's
 * type. A column that is all null may come without its data (as apache-arrow pads the short columns
 * of a table): it arrives as nulls. An empty payload is an empty table without columns, as the parent
 * reads one. An answer is one stream with one record batch.
 *
 * <p><b>Ownership.</b> A table read from a request belongs to the runtime and is closed when the call
 * is over (like a {@code ByteBuffer} payload): use it, or anything sliced or transferred from it, only
 * until the handler returns or its answer has been sent. A table a handler returns, sends as a chunk,
 * acks or emits is the runtime's from then on and is closed once written (or dropped, when the call was
 * cancelled); returning the request's own table is fine. Build tables with {@link #allocator()} (as
 * {@link TableBuilder} does).
 *
 * <p><b>Null.</b> There is no null table: a method whose answer is Arrow may not return, stream, ack or
 * emit {@code null} — the runtime answers that with an {@code INTERNAL} error naming the method and the
 * fix (an event's emitter throws it), since the parent's {@code arrowCodec} would read the empty payload
 * as a table of no columns, silently. Answer a table of no rows instead. {@code ack()} without data is
 * that empty payload.
 *
 * <p><b>Errors.</b> A payload that is not an IPC stream is an {@link ArrowPayloadException}, answered as
 * {@code INVALID_PARAMS}. A request's table may take up to 8 times its payload's size in memory, and at
 * least 256 MiB (a dictionary-encoded column decodes to more than its size); a stream that needs more is
 * refused the same way. When Arrow cannot run in this JVM — it is not on the class path, it has no
 * allocator ({@code arrow-memory-unsafe}), or the JVM lacks {@code --add-opens=java.base/java.nio=ALL-UNNAMED}
 * (on the module path: {@code =org.apache.arrow.memory.core}) — every Arrow call fails with a
 * {@link dev.procwire.api.ProcwireException} (code {@code INTERNAL}) that names the fix, and the worker
 * logs it once.
 */
public final class ArrowPayloads {
    private ArrowPayloads() {}

    /** A request's table may take this much memory whatever its size. */
    static final long MIN_TABLE_BYTES = 256L << 20;
    /** ... and this many times its payload's size, when that is more. */
    static final int TABLE_BYTES_PER_PAYLOAD_BYTE = 8;

    /**
     * The worker's Arrow allocator: one per process, made on first use (the first Arrow call is what
     * loads Arrow). Tables built from it are the caller's to close, or the runtime's once handed to it.
     *
     * @throws dev.procwire.api.ProcwireException Arrow cannot run in this JVM (the message names the fix)
     */
    public static BufferAllocator allocator() {
        return ArrowSupport.allocator();
    }

    /**
     * The call's payload as one table: every record batch of the stream, appended. Allocated from a
     * child of {@link #allocator()} of the call's own, and closed by the runtime, with that allocator,
     * when the call is over ({@link Call#closeWhenDone}). The columns of a large request's single batch
     * are the payload's own bytes, not a copy of them.
     *
     * @throws ArrowPayloadException the payload is not an Arrow IPC stream (an invalid-params answer)
     * @throws dev.procwire.api.ProcwireException Arrow cannot run in this JVM
     */
    public static VectorSchemaRoot read(Call call) {
        BufferAllocator root = ArrowSupport.allocator();
        ByteBuffer payload = call.payload();
        BufferAllocator forCall = root.newChildAllocator(call.method().name() + " request " + call.requestId(), 0,
                tableLimit(payload.remaining()));
        call.closeWhenDone(forCall); // registered first, so closed last: after the table
        // A large payload lies in a pooled direct buffer: the table's columns are its bytes, and the
        // buffer goes back to the pool only once no vector refers to it, even if one outlives the call.
        AutoCloseable hold = payload.isDirect() && call instanceof PayloadHolder h ? h.holdPayload() : null;
        VectorSchemaRoot table = hold == null ? StreamReading.read(payload, forCall)
                : StreamReading.readInPlace(payload, forCall, hold);
        call.closeWhenDone(table);
        return table;
    }

    /** The most memory the table of a request of {@code payloadBytes} may take. */
    static long tableLimit(int payloadBytes) {
        return Math.max(MIN_TABLE_BYTES, (long) TABLE_BYTES_PER_PAYLOAD_BYTE * payloadBytes);
    }

    /**
     * Writes a table as one IPC stream (schema, one record batch, end of stream), then closes it. A
     * {@code null} table writes no bytes, which the parent's {@code arrowCodec} reads as a table of no
     * columns: the runtime refuses a null answer or event of an Arrow method before it comes here. A table
     * the runtime drops unwritten (the call was cancelled) is closed too.
     */
    public static final Encoder<VectorSchemaRoot> TABLE = TableEncoder.INSTANCE;

    /**
     * Writes a value through its table mapping (generated code's {@code write}), like {@link #TABLE}:
     * the table is made when the value is written, and closed once written.
     */
    public static <T> Encoder<T> encoder(Function<? super T, VectorSchemaRoot> toTable) {
        Objects.requireNonNull(toTable, "toTable");
        return new MappedEncoder<>(toTable);
    }

    /** A value written through its table: made when the value is written, then written and closed as {@link #TABLE} does. */
    private static final class MappedEncoder<T> implements Encoder<T>, BufferEncoder<T> {
        private final Function<? super T, VectorSchemaRoot> toTable;

        MappedEncoder(Function<? super T, VectorSchemaRoot> toTable) {
            this.toTable = toTable;
        }

        @Override
        public void encode(MsgPackWriter out, T value) {
            if (value != null) {
                TABLE.encode(out, toTable.apply(value));
            }
        }

        @Override
        public BufferPayload encodeBuffers(T value) {
            return TableEncoder.INSTANCE.encodeBuffers(value == null ? null : toTable.apply(value));
        }

        @Override
        public String toString() {
            return "ArrowPayloads.encoder(" + toTable + ")";
        }
    }

    private static final class TableEncoder implements Encoder<VectorSchemaRoot>, BufferEncoder<VectorSchemaRoot> {
        static final TableEncoder INSTANCE = new TableEncoder();

        @Override
        public void encode(MsgPackWriter out, VectorSchemaRoot table) {
            if (table == null) {
                return;
            }
            try {
                ArrowSupport.require();
                StreamWriting.write(table, out);
            } finally {
                table.close();
            }
        }

        /**
         * The stream as views of the table's memory (and arrays for the metadata between them), sent
         * without a copy; the table is closed when they are released, once sent or dropped.
         */
        @Override
        public BufferPayload encodeBuffers(VectorSchemaRoot table) {
            if (table == null) {
                return new BufferPayload(new ByteBuffer[0], () -> {});
            }
            try {
                ArrowSupport.require();
                return new BufferPayload(StreamWriting.buffers(table), table::close);
            } catch (RuntimeException | Error e) {
                table.close();
                throw e;
            }
        }

        @Override
        public void discard(VectorSchemaRoot table) {
            if (table != null) {
                table.close();
            }
        }

        @Override
        public String toString() {
            return "ArrowPayloads.TABLE";
        }
    }
}
