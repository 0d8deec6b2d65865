package dev.procwire.api;

/** The payload encoding of a method or event; the parent must configure the same codec. */
public enum Codec {
    /** Not specified here: inherit the enclosing setting, finally {@link #MSGPACK}. */
    DEFAULT,
    /** MsgPack, compatible with the parent's {@code msgpackCodec}. */
    MSGPACK,
    /**
     * The payload bytes themselves ({@code byte[]} or {@link java.nio.ByteBuffer}), like the parent's
     * {@code rawCodec}.
     *
     * <p>A {@code byte[]} parameter is the handler's own. A {@code ByteBuffer} parameter is a read-only
     * view of the frame's bytes, without a copy; a large payload lives in native memory that the runtime
     * reuses once the call is over — the handler has returned (or, for a {@code CompletionStage}
     * result, the stage has completed) and its answer has gone out. Returning the buffer, or a slice of
     * it, as the result is fine; to keep its bytes beyond the call, copy them.
     */
    RAW,
    /**
     * Apache Arrow's IPC stream format, compatible with the parent's {@code arrowCodec}
     * ({@code @procwire/codecs/arrow}): a table, as an {@code org.apache.arrow.vector.VectorSchemaRoot},
     * a record whose components are columns, or a {@code List} of flat records (one row each).
     * Needs Apache Arrow Java ({@code org.apache.arrow:arrow-vector} and an allocator such as
     * {@code arrow-memory-unsafe}) on the worker's class path; the Java ↔ Arrow type table and who
     * closes a table are in the README's "Arrow" section.
     */
    ARROW
}
