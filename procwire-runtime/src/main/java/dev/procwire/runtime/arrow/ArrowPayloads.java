package dev.procwire.runtime.arrow;

import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.codec.Encoder;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Arrow payloads (the {@link dev.procwire.api.Codec#ARROW} codec): Apache Arrow IPC stream bytes, as the
 * parent's {@code arrowCodec} writes and reads them. For generated code, and for handlers that build
 * a table themselves.
 *
 * <p>Ownership: a table read from a request belongs to the runtime and is closed when the call is over
 * (like a {@code ByteBuffer} payload); a table a handler returns, sends as a chunk, acks or emits is
 * closed by the runtime once written. Build tables with {@link #allocator()}.
 */
public final class ArrowPayloads {
    private ArrowPayloads() {}

    /** The worker's Arrow allocator, created on first use (the first Arrow call loads Arrow). */
    public static BufferAllocator allocator() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * The call's payload as one table: every record batch of the stream, appended. Closed by the runtime
     * when the call is over.
     *
     * @throws ArrowPayloadException the payload is not an Arrow IPC stream (an invalid-params answer)
     */
    public static VectorSchemaRoot read(Call call) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes a table as one IPC stream (schema, one record batch, end of stream), then closes it. */
    public static final Encoder<VectorSchemaRoot> TABLE = (out, table) -> {
        throw new UnsupportedOperationException("TODO");
    };

    /** Writes a value through its table mapping (generated code's {@code write}), like {@link #TABLE}. */
    public static <T> Encoder<T> encoder(Function<? super T, VectorSchemaRoot> toTable) {
        throw new UnsupportedOperationException("TODO");
    }
}
