package dev.procwire.runtime.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MsgPack from a byte array region, leniently where the parent's JavaScript encoder leaves no
 * choice (docs/protocol.md#msgpack): integers arrive in any int format and integral numbers above
 * 2⁵³ as float64, so {@link #readLong()} accepts both with a range check; bytes arrive as bin or as
 * ext type 1 (a Node {@code Buffer}); instants as the timestamp extension (−1) or ext 2 (float64
 * epoch milliseconds).
 *
 * <p>Every length is checked against the bytes that remain before anything is allocated, so a
 * hostile header cannot make the reader allocate more than the payload's own size. Errors throw
 * {@link MsgPackException} naming what was expected and what was found. Not thread-safe.
 */
public final class MsgPackReader {
    /** Nesting deeper than this in a dynamic value or a skipped value is rejected. */
    public static final int MAX_DEPTH = 512;

    private final byte[] buf;
    private int pos;
    private final int limit;
    private int depth;
    private String key; // the map key whose value is being read: errors name it
    /** Recently read keys ({@link #readKey}), shared by all readers. */
    private static final int KEY_CACHE_SIZE = 512;
    private static final int KEY_CACHE_MAX_LENGTH = 32;
    private static final String[] KEY_CACHE = new String[KEY_CACHE_SIZE];

    /** A reader over {@code buf[offset, offset + length)}. */
    public MsgPackReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("region out of bounds");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public MsgPackReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /**
     * Marks the start of a nested structured value; generated readers call it for every record or
     * POJO they read, so a recursive type cannot be nested deeply enough to overflow the stack.
     *
     * @throws MsgPackException past {@link #MAX_DEPTH} levels
     */
    public void enterNested() {
        if (++depth > MAX_DEPTH) {
            throw new MsgPackException("value nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** Marks the end of a value started with {@link #enterNested()}. */
    public void leaveNested() {
        depth--;
    }

    /** Whether any bytes remain. */
    public boolean hasNext() {
        return pos < limit;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return limit - pos;
    }

    /** Fails unless every byte has been read. */
    public void expectEnd() {
        if (pos != limit) {
            throw new MsgPackException((limit - pos) + " unexpected bytes after the value");
        }
    }

    /** The type of the next value, without consuming it. */
    public ValueType nextType() {
        return ValueType.of(peek());
    }

    private int peek() {
        if (pos >= limit) {
            throw new MsgPackException("unexpected end of payload");
        }
        return buf[pos] & 0xff;
    }

    private void need(long n) {
        if (n > limit - pos) {
            throw new MsgPackException("unexpected end of payload: need " + n + " bytes, " + (limit - pos) + " remain");
        }
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int i32() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long u32() {
        return i32() & 0xffffffffL;
    }

    private long i64() {
        need(8);
        long hi = i32() & 0xffffffffL;
        long lo = i32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /**
     * Records the map key whose value comes next, so that an error reading it names the parameter or
     * field ({@link MapKeys#readName} does this for generated readers).
     */
    void noteKey(String name) {
        key = name;
    }

    /**
     * For generated readers: the payload's fault in the value being read (an unknown enum constant or
     * discriminator), naming the map key it belongs to, if any: {@code unknown Status "x"; expected one
     * of: new, done (at 'status')}.
     */
    public MsgPackException invalid(String message) {
        return fail(message);
    }

    /**
     * For generated readers: {@code what} (an adapter's {@code @FromWire} method) refused the value just
     * read, as {@link MsgPackException#refusedBy} words it, naming the map key it belongs to, if any.
     */
    public RuntimeException refused(String what, Exception refusal) {
        RuntimeException e = MsgPackException.refusedBy(what, refusal);
        return e instanceof MsgPackException && key != null
                ? new MsgPackException(e.getMessage() + " (at '" + key + "')", refusal) : e;
    }

    /** An error about the value being read, naming the map key it belongs to, if any. */
    MsgPackException fail(String message) {
        return new MsgPackException(key == null ? message : message + " (at '" + key + "')");
    }

    private MsgPackException mismatch(String expected, int b) {
        return fail("expected " + expected + " but found " + ValueType.describe(b));
    }

    // ---- nil and booleans -------------------------------------------------------------------

    /** Consumes a nil and returns true, or returns false and consumes nothing. */
    public boolean tryReadNil() {
        if (peek() == 0xc0) {
            pos++;
            return true;
        }
        return false;
    }

    public void readNil() {
        int b = u8();
        if (b != 0xc0) {
            pos--;
            throw mismatch("nil", b);
        }
    }

    public boolean readBoolean() {
        int b = peek();
        if (b == 0xc3 || b == 0xc2) {
            pos++;
            return b == 0xc3;
        }
        throw mismatch("boolean", b);
    }

    // ---- numbers ----------------------------------------------------------------------------

    /**
     * Reads an integer in any int format, or an integral float. A uint64 above {@link Long#MAX_VALUE}
     * or a float outside the long range is an error.
     */
    public long readLong() {
        int b = peek();
        if (b <= 0x7f) {
            pos++;
            return b;
        }
        if (b >= 0xe0) {
            pos++;
            return (byte) b;
        }
        pos++;
        switch (b) {
            case 0xcc: return u8();
            case 0xcd: return u16();
            case 0xce: return u32();
            case 0xcf: {
                long v = i64();
                if (v < 0) {
                    throw fail("integer " + Long.toUnsignedString(v) + " is out of range for a 64-bit signed integer");
                }
                return v;
            }
            case 0xd0: need(1); return buf[pos++];
            case 0xd1: return (short) u16();
            case 0xd2: return i32();
            case 0xd3: return i64();
            case 0xca: return integral(Float.intBitsToFloat(i32()));
            case 0xcb: return integral(Double.longBitsToDouble(i64()));
            default:
                pos--;
                throw mismatch("integer", b);
        }
    }

    private long integral(double d) {
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw fail("expected an integer but found " + d);
        }
        if (d < -0x1p63 || d >= 0x1p63) {
            throw fail("number " + d + " is out of range for a 64-bit integer");
        }
        return (long) d;
    }

    /** Reads an integer that fits in an {@code int}. */
    public int readInt() {
        long v = readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail("number " + v + " is out of range for int");
        }
        return (int) v;
    }

    public short readShort() {
        long v = readLong();
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw fail("number " + v + " is out of range for short");
        }
        return (short) v;
    }

    public byte readByte() {
        long v = readLong();
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw fail("number " + v + " is out of range for byte");
        }
        return (byte) v;
    }

    /** Reads a one-character string as a {@code char}. */
    public char readChar() {
        String s = readString();
        if (s.length() != 1) {
            throw new MsgPackException("expected a one-character string but found \"" + s + "\"");
        }
        return s.charAt(0);
    }

    /** Reads any number (int formats widen) as a double. */
    public double readDouble() {
        int b = peek();
        if (b == 0xcb) {
            pos++;
            return Double.longBitsToDouble(i64());
        }
        if (b == 0xca) {
            pos++;
            return Float.intBitsToFloat(i32());
        }
        if (b == 0xcf) {
            pos++;
            long v = i64();
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
        if (ValueType.of(b) == ValueType.INTEGER) {
            return readLong();
        }
        throw mismatch("number", b);
    }

    /**
     * Reads any number as a float, rounded to the nearest one. A finite number beyond the float range
     * (JavaScript sends every fraction as float64) is an error, as an integer beyond an {@code int}
     * is for {@link #readInt()}; an infinity or NaN sent as such stays one.
     */
    public float readFloat() {
        double d = readDouble();
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw fail("number " + d + " is out of range for float");
        }
        return f;
    }

    /** Reads an integer of any size (uint64 included), or an integral float, or a decimal string. */
    public BigInteger readBigInteger() {
        int b = peek();
        if (b == 0xcf) {
            pos++;
            long v = i64();
            return v >= 0 ? BigInteger.valueOf(v) : new BigInteger(Long.toUnsignedString(v));
        }
        if (ValueType.of(b) == ValueType.STRING) {
            String s = readString();
            try {
                return new BigInteger(s.trim());
            } catch (NumberFormatException e) {
                throw new MsgPackException("expected an integer but found \"" + s + "\"");
            }
        }
        if (b == 0xcb || b == 0xca) {
            double d = readDouble();
            if (d != Math.rint(d) || Double.isInfinite(d) || Double.isNaN(d)) {
                throw new MsgPackException("expected an integer but found " + d);
            }
            return new BigDecimal(d).toBigInteger();
        }
        return BigInteger.valueOf(readLong());
    }

    /** Reads a number, or a decimal string (exact), as a {@link BigDecimal}. */
    public BigDecimal readBigDecimal() {
        int b = peek();
        if (ValueType.of(b) == ValueType.STRING) {
            String s = readString();
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new MsgPackException("expected a decimal number but found \"" + s + "\"");
            }
        }
        if (b == 0xcb || b == 0xca) {
            double d = readDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new MsgPackException("expected a decimal number but found " + d);
            }
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(readBigInteger());
    }

    // ---- strings and bytes ------------------------------------------------------------------

    /** Reads a str header and returns its byte length. */
    public int readStringHeader() {
        int b = peek();
        int n;
        if ((b & 0xe0) == 0xa0) {
            pos++;
            n = b & 0x1f;
        } else if (b == 0xd9) {
            pos++;
            n = u8();
        } else if (b == 0xda) {
            pos++;
            n = u16();
        } else if (b == 0xdb) {
            pos++;
            n = length(u32());
        } else {
            throw mismatch("string", b);
        }
        need(n);
        return n;
    }

    public String readString() {
        int n = readStringHeader();
        String s = decodeUtf8(buf, pos, n);
        pos += n;
        return s;
    }

    /**
     * Reads a string that is likely to repeat from one payload to the next, such as a map key: a short
     * ASCII string equal to one read recently is returned as that same {@code String}, with no
     * allocation and its hash code already computed (a {@code switch} on it is cheaper too).
     */
    public String readKey() {
        int n = readStringHeader();
        byte[] b = buf;
        int off = pos;
        pos += n;
        if (n > KEY_CACHE_MAX_LENGTH) {
            return decodeUtf8(b, off, n);
        }
        int h = n;
        for (int i = 0; i < n; i++) {
            int c = b[off + i];
            if (c < 0) {
                return new String(b, off, n, StandardCharsets.UTF_8); // not ASCII: not cached
            }
            h = 31 * h + c;
        }
        int slot = (h ^ (h >>> 11)) & (KEY_CACHE_SIZE - 1);
        String cached = KEY_CACHE[slot];
        if (cached != null && cached.length() == n && asciiEquals(cached, b, off, n)) {
            return cached;
        }
        String s = new String(b, off, n, StandardCharsets.ISO_8859_1);
        KEY_CACHE[slot] = s; // a benign race: strings are immutable, any thread's entry is as good
        return s;
    }

    private static boolean asciiEquals(String s, byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads a string or nil. */
    public String readNullableString() {
        return tryReadNil() ? null : readString();
    }

    private static String decodeUtf8(byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            if (b[off + i] < 0) {
                return new String(b, off, n, StandardCharsets.UTF_8);
            }
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads bin, or ext type 1 (a Node {@code Buffer} sent by the parent), and returns the byte
     * length; the bytes follow at the reader's position.
     */
    public int readBinaryHeader() {
        int b = peek();
        switch (b) {
            case 0xc4: pos++; return checked(u8());
            case 0xc5: pos++; return checked(u16());
            case 0xc6: pos++; return checked(length(u32()));
            default:
                if (ValueType.of(b) == ValueType.EXTENSION) {
                    int save = pos;
                    ExtensionHeader h = readExtensionHeader();
                    if (h.type() == 1) {
                        return h.length();
                    }
                    pos = save;
                    throw new MsgPackException("expected binary but found extension type " + h.type());
                }
                throw mismatch("binary", b);
        }
    }

    private int checked(int n) {
        need(n);
        return n;
    }

    /** Reads bin or ext 1 into a new array. */
    public byte[] readBinary() {
        int n = readBinaryHeader();
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Reads bin or ext 1 as a read-only view of the payload, without copying. */
    public ByteBuffer readBinaryView() {
        int n = readBinaryHeader();
        ByteBuffer view = ByteBuffer.wrap(buf, pos, n).slice().asReadOnlyBuffer();
        pos += n;
        return view;
    }

    /** Consumes {@code n} bytes as they are (after a header read by the caller). */
    public byte[] readRaw(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    // ---- containers -------------------------------------------------------------------------

    /** Reads an array header; the count is checked against the bytes that remain. */
    public int readArrayHeader() {
        int b = peek();
        int n;
        if ((b & 0xf0) == 0x90) {
            pos++;
            n = b & 0x0f;
        } else if (b == 0xdc) {
            pos++;
            n = u16();
        } else if (b == 0xdd) {
            pos++;
            n = length(u32());
        } else {
            throw mismatch("array", b);
        }
        need(n); // every element takes at least one byte
        return n;
    }

    /** Reads a map header; the count is checked against the bytes that remain. */
    public int readMapHeader() {
        int b = peek();
        int n;
        if ((b & 0xf0) == 0x80) {
            pos++;
            n = b & 0x0f;
        } else if (b == 0xde) {
            pos++;
            n = u16();
        } else if (b == 0xdf) {
            pos++;
            n = length(u32());
        } else {
            throw mismatch("map", b);
        }
        need(2L * n);
        return n;
    }

    private static int length(long n) {
        if (n > Integer.MAX_VALUE) {
            throw new MsgPackException("length " + n + " is too large");
        }
        return (int) n;
    }

    // ---- extensions and time ----------------------------------------------------------------

    /** The type and data length of an extension value. */
    public record ExtensionHeader(int type, int length) {}

    public ExtensionHeader readExtensionHeader() {
        int b = peek();
        int n;
        if (b >= 0xd4 && b <= 0xd8) {
            pos++;
            n = 1 << (b - 0xd4);
        } else if (b == 0xc7) {
            pos++;
            n = u8();
        } else if (b == 0xc8) {
            pos++;
            n = u16();
        } else if (b == 0xc9) {
            pos++;
            n = length(u32());
        } else {
            throw mismatch("extension", b);
        }
        int type = (byte) u8();
        need(n);
        return new ExtensionHeader(type, n);
    }

    /**
     * Reads an instant from the timestamp extension (−1, all three sizes), ext 2 (float64 epoch
     * milliseconds, as some parents send), an integer of epoch milliseconds, or an ISO-8601 string.
     */
    public Instant readInstant() {
        ValueType t = nextType();
        if (t == ValueType.INTEGER) {
            return Instant.ofEpochMilli(readLong());
        }
        if (t == ValueType.FLOAT) {
            return millis(readDouble());
        }
        if (t == ValueType.STRING) {
            String s = readString();
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                throw new MsgPackException("expected an ISO-8601 instant but found \"" + s + "\"");
            }
        }
        ExtensionHeader h = readExtensionHeader();
        if (h.type() == -1) {
            return timestamp(h.length());
        }
        if (h.type() == 2 && h.length() == 8) {
            return millis(Double.longBitsToDouble(i64()));
        }
        throw new MsgPackException("expected a timestamp but found extension type " + h.type());
    }

    /** The timestamp extension's data, {@code length} bytes at the reader's position: 32, 64 or 96 bits. */
    private Instant timestamp(int length) {
        switch (length) {
            case 4:
                return Instant.ofEpochSecond(u32());
            case 8: {
                long data = i64();
                long nsec = data >>> 34;
                if (nsec > 999_999_999L) {
                    throw new MsgPackException("timestamp nanoseconds out of range: " + nsec);
                }
                return Instant.ofEpochSecond(data & 0x3ffffffffL, nsec);
            }
            case 12: {
                long nsec = u32();
                long sec = i64();
                if (nsec > 999_999_999L) {
                    throw new MsgPackException("timestamp nanoseconds out of range: " + nsec);
                }
                try {
                    return Instant.ofEpochSecond(sec, nsec);
                } catch (RuntimeException e) {
                    throw new MsgPackException("timestamp out of range: " + sec + "s");
                }
            }
            default:
                throw new MsgPackException("bad timestamp length " + length);
        }
    }

    private static Instant millis(double ms) {
        if (Double.isNaN(ms) || Double.isInfinite(ms)) {
            throw new MsgPackException("expected a date but found " + ms);
        }
        long whole = (long) Math.floor(ms);
        long nanos = Math.round((ms - whole) * 1_000_000d);
        try {
            return Instant.ofEpochMilli(whole).plusNanos(nanos);
        } catch (RuntimeException e) {
            throw new MsgPackException("date out of range: " + ms);
        }
    }

    /**
     * The string under {@code key} in the map that comes next, read without consuming anything: how a
     * sealed type's reader finds its discriminator, wherever the parent put it among the keys.
     *
     * @return the value, or {@code null} when the map has no such key or its value is nil
     * @throws MsgPackException when the next value is not a map, or the key's value is not a string
     */
    public String peekMapString(String key) {
        int start = pos;
        String outer = this.key;
        try {
            int size = readMapHeader();
            for (int i = 0; i < size; i++) {
                if (nextType() != ValueType.STRING) {
                    skipValue(); // a key that is not a string cannot be the discriminator
                } else if (readKey().equals(key)) {
                    noteKey(key);
                    return readNullableString();
                }
                skipValue();
            }
            return null;
        } finally {
            pos = start;
            this.key = outer;
        }
    }

    // ---- skipping and dynamic values --------------------------------------------------------

    /** Skips one value of any type, however nested (iteratively; depth is not limited by the stack). */
    public void skipValue() {
        long pending = 1;
        while (pending > 0) {
            pending--;
            int b = peek();
            pos++;
            if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
                continue;
            }
            switch (b & 0xf0) {
                case 0x80: pending += 2L * (b & 0x0f); continue;
                case 0x90: pending += b & 0x0f; continue;
                case 0xa0: case 0xb0: skip(b & 0x1f); continue;
                default: break;
            }
            pending += skipSized(b);
            if (pending > remaining()) {
                throw new MsgPackException("unexpected end of payload: container declares more values than bytes remain");
            }
        }
    }

    /**
     * Skips the rest of a value whose first byte {@code b}, already consumed, is none of the fixed or
     * fix-sized formats: its data, or for an array or map its length, which it returns as the number
     * of values that follow (0 for anything else).
     */
    private long skipSized(int b) {
        switch (b) {
            case 0xc4: case 0xd9: skip(u8()); return 0;
            case 0xc5: case 0xda: skip(u16()); return 0;
            case 0xc6: case 0xdb: skip(u32()); return 0;
            case 0xc7: { long n = u8(); skip(1 + n); return 0; }
            case 0xc8: { long n = u16(); skip(1 + n); return 0; }
            case 0xc9: { long n = u32(); skip(1 + n); return 0; }
            case 0xcc: case 0xd0: skip(1); return 0;
            case 0xcd: case 0xd1: skip(2); return 0;
            case 0xce: case 0xd2: case 0xca: skip(4); return 0;
            case 0xcf: case 0xd3: case 0xcb: skip(8); return 0;
            case 0xd4: skip(2); return 0;
            case 0xd5: skip(3); return 0;
            case 0xd6: skip(5); return 0;
            case 0xd7: skip(9); return 0;
            case 0xd8: skip(17); return 0;
            case 0xdc: return u16();
            case 0xdd: return u32();
            case 0xde: return 2L * u16();
            case 0xdf: return 2L * u32();
            default:
                pos--;
                throw new MsgPackException("invalid MsgPack byte 0x" + Integer.toHexString(b));
        }
    }

    private void skip(long n) {
        need(n);
        pos += (int) n;
    }

    /**
     * Reads any value into the dynamic model: {@code null}, {@link Boolean}, {@link Long} (a uint64
     * above {@link Long#MAX_VALUE} as {@link BigInteger}), {@link Double}, {@link String},
     * {@code byte[]} (bin and ext 1), {@link Instant} (timestamps), {@link List}, {@link Map}
     * (insertion-ordered; keys are dynamic values too), and {@link Extension} for other extensions.
     */
    public Object readValue() {
        return readValue(0);
    }

    private Object readValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MsgPackException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        int b = peek();
        switch (ValueType.of(b)) {
            case NIL: pos++; return null;
            case BOOLEAN: return readBoolean();
            case INTEGER:
                if (b == 0xcf) {
                    pos++;
                    long v = i64();
                    return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
                }
                return readLong();
            case FLOAT: return readDouble();
            case STRING: return readString();
            case BINARY: return readBinary();
            case ARRAY: return readList(depth);
            case MAP: return readMap(depth);
            case EXTENSION: return readExtensionValue();
            default:
                throw new MsgPackException("invalid MsgPack byte 0x" + Integer.toHexString(b));
        }
    }

    /** An array's elements, each a dynamic value one level deeper. */
    private List<Object> readList(int depth) {
        int n = readArrayHeader();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readValue(depth + 1));
        }
        return list;
    }

    /** A map's entries, in the order sent; a string key is read as {@link #readKey} reads it. */
    private Map<Object, Object> readMap(int depth) {
        int n = readMapHeader();
        Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
        for (int i = 0; i < n; i++) {
            Object k = nextType() == ValueType.STRING ? readKey() : readValue(depth + 1);
            map.put(k, readValue(depth + 1));
        }
        return map;
    }

    /** An extension as a dynamic value: ext 1 as {@code byte[]}, a timestamp as {@link Instant}. */
    private Object readExtensionValue() {
        int save = pos;
        ExtensionHeader h = readExtensionHeader();
        if (h.type() == 1) {
            return readRaw(h.length());
        }
        if (h.type() == -1 || (h.type() == 2 && h.length() == 8)) {
            pos = save;
            return readInstant();
        }
        return new Extension(h.type(), readRaw(h.length()));
    }
}
