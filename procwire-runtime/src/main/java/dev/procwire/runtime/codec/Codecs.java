package dev.procwire.runtime.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** The built-in encoders and decoders: scalars, the raw codec, and the dynamic value model. */
public final class Codecs {
    private Codecs() {}

    /** Writes nil whatever the value: the result of a {@code void} method. */
    public static final Encoder<Object> NIL = (out, v) -> out.writeNil();

    /**
     * No bytes at all: what a raw method that answers nothing sends (its {@code CompletionStage<Void>}
     * completing), as a {@code void} raw method's empty answer. The parent's {@code rawCodec} reads it as
     * an empty {@code Buffer}.
     */
    public static final Encoder<Object> NOTHING = (out, v) -> {};

    /** The raw codec: the bytes themselves, no MsgPack framing. */
    public static final Encoder<byte[]> RAW = (out, v) -> {
        if (v != null) {
            out.writeRaw(v);
        }
    };

    /** The raw codec for a buffer's remaining bytes. */
    public static final Encoder<ByteBuffer> RAW_BUFFER = (out, v) -> {
        if (v != null) {
            out.writeRaw(v);
        }
    };

    public static final Encoder<String> STRING = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeString(v);
    };
    public static final Decoder<String> STRING_DECODER = MsgPackReader::readNullableString;

    public static final Encoder<Long> LONG = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeLong(v);
    };
    public static final Encoder<Integer> INT = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeLong(v);
    };
    public static final Encoder<Double> DOUBLE = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeDouble(v);
    };
    public static final Encoder<Boolean> BOOLEAN = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeBoolean(v);
    };
    /** Bytes as MsgPack bin. */
    public static final Encoder<byte[]> BINARY = (out, v) -> {
        if (v == null) out.writeNil(); else out.writeBinary(v);
    };

    /** The dynamic model, as {@link MsgPackReader#readValue()} returns it. */
    public static final Decoder<Object> VALUE_DECODER = MsgPackReader::readValue;

    /** Writes any value of the dynamic model; see {@link #writeValue}. */
    public static final Encoder<Object> VALUE = Codecs::writeValue;

    /**
     * Writes a value of the dynamic model: {@code null}, booleans, numbers (integral ones as ints,
     * like the JS encoder; a {@code BigInteger} or {@code BigDecimal} as its decimal string, see
     * {@link MsgPackWriter#writeBigInteger}), strings, chars, enums (by name), {@code byte[]} and {@link ByteBuffer} (bin),
     * {@link Instant} (timestamp), {@link Optional}, maps, collections, arrays, iterators and
     * {@link Extension}. Anything else is an error: typed values need a generated encoder.
     */
    public static void writeValue(MsgPackWriter out, Object v) {
        writeValue(out, v, 0);
    }

    private static void writeValue(MsgPackWriter out, Object v, int depth) {
        if (depth > MsgPackReader.MAX_DEPTH) {
            throw new MsgPackException("value nested deeper than " + MsgPackReader.MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null) {
            out.writeNil();
        } else if (v instanceof String s) {
            out.writeString(s);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.writeLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeFloat(f);
        } else if (v instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            out.writeMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                writeValue(out, e.getKey(), depth + 1);
                writeValue(out, e.getValue(), depth + 1);
            }
        } else if (v instanceof Collection<?> c) {
            out.writeArrayHeader(c.size());
            for (Object o : c) {
                writeValue(out, o, depth + 1);
            }
        } else {
            writeOtherValue(out, v, depth);
        }
    }

    /**
     * The kinds {@link #writeValue} checks after the common ones, in its order: a value that is several
     * of them (a {@code Number} that is also {@code Iterable}) is written as the first.
     */
    private static void writeOtherValue(MsgPackWriter out, Object v, int depth) {
        if (v instanceof byte[] b) {
            out.writeBinary(b);
        } else if (v instanceof ByteBuffer b) {
            out.writeBinary(b);
        } else if (v instanceof Instant t) {
            out.writeTimestamp(t);
        } else if (v instanceof BigInteger b) {
            out.writeBigInteger(b);
        } else if (v instanceof BigDecimal b) {
            out.writeString(b.toString());
        } else if (v instanceof Character c) {
            out.writeString(c.toString());
        } else if (v instanceof Enum<?> e) {
            out.writeString(e.name());
        } else if (v instanceof Optional<?> o) {
            writeValue(out, o.orElse(null), depth + 1);
        } else if (v instanceof Extension e) {
            out.writeExtensionHeader(e.type(), e.data().length);
            out.writeRaw(e.data());
        } else if (v instanceof Number n) {
            out.writeNumber(n.doubleValue());
        } else {
            writeArrayOrSequence(out, v, depth);
        }
    }

    /** Arrays, then iterables and iterators; anything else cannot be written without a generated encoder. */
    private static void writeArrayOrSequence(MsgPackWriter out, Object v, int depth) {
        if (v instanceof Object[] a) {
            out.writeArrayHeader(a.length);
            for (Object o : a) {
                writeValue(out, o, depth + 1);
            }
        } else if (v instanceof int[] a) {
            out.writeArrayHeader(a.length);
            for (int x : a) out.writeLong(x);
        } else if (v instanceof long[] a) {
            out.writeArrayHeader(a.length);
            for (long x : a) out.writeLong(x);
        } else if (v instanceof double[] a) {
            out.writeArrayHeader(a.length);
            for (double x : a) out.writeDouble(x);
        } else if (v instanceof boolean[] a) {
            out.writeArrayHeader(a.length);
            for (boolean x : a) out.writeBoolean(x);
        } else if (v instanceof Iterable<?> it) {
            writeIterator(out, it.iterator(), depth);
        } else if (v instanceof Iterator<?> it) {
            writeIterator(out, it, depth);
        } else {
            throw new MsgPackException("cannot encode " + v.getClass().getName()
                    + " dynamically; declare it in a @ProcwireMethod signature so an encoder is generated");
        }
    }

    private static void writeIterator(MsgPackWriter out, Iterator<?> it, int depth) {
        java.util.ArrayList<Object> items = new java.util.ArrayList<>();
        it.forEachRemaining(items::add);
        writeValue(out, items, depth + 1);
    }
}
