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
    RAW
}
