package dev.procwire.api;

/** The payload encoding of a method or event; the parent must configure the same codec. */
public enum Codec {
    /** Not specified here: inherit the enclosing setting, finally {@link #MSGPACK}. */
    DEFAULT,
    /** MsgPack, compatible with the parent's {@code msgpackCodec}. */
    MSGPACK,
    /** The payload bytes themselves ({@code byte[]} or {@link java.nio.ByteBuffer}), like the parent's {@code rawCodec}. */
    RAW
}
