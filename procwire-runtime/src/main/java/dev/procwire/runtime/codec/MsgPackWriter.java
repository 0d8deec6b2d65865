package dev.procwire.runtime.codec;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes MsgPack into a growable byte array, always in the smallest format for a value, so the bytes
 * match what the parent's {@code @msgpack/msgpack} encoder produces for the same value.
 *
 * <p>A writer may keep {@code headroom} bytes free at the front: the runtime writes the 11-byte frame
 * header there and sends header and payload in one write, with no copy. Not thread-safe.
 *
 * <p>Also the output of the raw codec: {@link #writeRaw} appends bytes as they are.
 */
public final class MsgPackWriter {
    private byte[] buf;
    private int pos;
    private final int start;

    /** A writer with no headroom. */
    public MsgPackWriter() {
        this(0, 64);
    }

    /**
     * A writer that keeps {@code headroom} bytes free before the first value.
     *
     * @param initialCapacity bytes to allocate for the values (grows as needed)
     */
    public MsgPackWriter(int headroom, int initialCapacity) {
        this.buf = new byte[headroom + Math.max(initialCapacity, 16)];
        this.start = headroom;
        this.pos = headroom;
    }

    /** Forgets everything written, keeping the buffer. */
    public void reset() {
        pos = start;
    }

    /** Bytes written after the headroom. */
    public int size() {
        return pos - start;
    }

    /** The headroom this writer keeps at the front of {@link #buffer()}. */
    public int headroom() {
        return start;
    }

    /** The backing array: headroom, then {@link #size()} bytes of output. Valid until the next write. */
    public byte[] buffer() {
        return buf;
    }

    /** A copy of the output. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, start, pos);
    }

    /**
     * Makes room for {@code n} more bytes at once, for a caller that knows how much it is about to
     * write: a large payload written in many pieces then costs no step-by-step growth (each step a copy
     * of everything written so far).
     *
     * @throws MsgPackException the writer would exceed the largest array (about 2 GiB)
     */
    public MsgPackWriter reserve(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("reserve(" + n + ")");
        }
        ensure(n);
        return this;
    }

    private void ensure(int n) {
        if (buf.length - pos < n) {
            grow(n);
        }
    }

    private void grow(int n) {
        long needed = (long) pos + n;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new MsgPackException("value too large to encode: " + needed + " bytes");
        }
        int cap = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, buf.length * 2L));
        buf = Arrays.copyOf(buf, cap);
    }

    // ---- scalars ----------------------------------------------------------------------------

    public MsgPackWriter writeNil() {
        ensure(1);
        buf[pos++] = (byte) 0xc0;
        return this;
    }

    public MsgPackWriter writeBoolean(boolean v) {
        ensure(1);
        buf[pos++] = (byte) (v ? 0xc3 : 0xc2);
        return this;
    }

    /** Writes an integer in the smallest format (positive values as uint, like the JS encoder). */
    public MsgPackWriter writeLong(long v) {
        ensure(9);
        byte[] b = buf;
        int p = pos;
        if (v >= 0) {
            if (v < 0x80) {
                b[p++] = (byte) v;
            } else if (v < 0x100) {
                b[p++] = (byte) 0xcc;
                b[p++] = (byte) v;
            } else if (v < 0x10000) {
                b[p++] = (byte) 0xcd;
                p = put16(b, p, (int) v);
            } else if (v < 0x100000000L) {
                b[p++] = (byte) 0xce;
                p = put32(b, p, (int) v);
            } else {
                b[p++] = (byte) 0xcf;
                p = put64(b, p, v);
            }
        } else {
            if (v >= -32) {
                b[p++] = (byte) v;
            } else if (v >= Byte.MIN_VALUE) {
                b[p++] = (byte) 0xd0;
                b[p++] = (byte) v;
            } else if (v >= Short.MIN_VALUE) {
                b[p++] = (byte) 0xd1;
                p = put16(b, p, (int) v);
            } else if (v >= Integer.MIN_VALUE) {
                b[p++] = (byte) 0xd2;
                p = put32(b, p, (int) v);
            } else {
                b[p++] = (byte) 0xd3;
                p = put64(b, p, v);
            }
        }
        pos = p;
        return this;
    }

    /** Writes an unsigned 64-bit integer given as its bit pattern. */
    public MsgPackWriter writeUnsignedLong(long bits) {
        if (bits >= 0) {
            return writeLong(bits);
        }
        ensure(9);
        buf[pos++] = (byte) 0xcf;
        pos = put64(buf, pos, bits);
        return this;
    }

    /**
     * Writes a {@link BigInteger} as its decimal string, whatever its size, so a JavaScript reader
     * can rely on one type that holds every digit ({@code BigInt(value)}): the parent decodes every
     * MsgPack integer to a {@code Number}, exact only within ±(2⁵³ − 1), and has no wider integer
     * type. {@link MsgPackReader#readBigInteger()} reads such a string back, and numbers too.
     */
    public MsgPackWriter writeBigInteger(BigInteger v) {
        return writeString(v.toString());
    }

    /** Writes an integral double as an integer and any other as float64, like the JS encoder. */
    public MsgPackWriter writeNumber(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 0x1p63 && !(v == 0 && 1 / v < 0)) {
            return writeLong((long) v);
        }
        return writeDouble(v);
    }

    /** Writes float64. */
    public MsgPackWriter writeDouble(double v) {
        ensure(9);
        buf[pos++] = (byte) 0xcb;
        pos = put64(buf, pos, Double.doubleToRawLongBits(v));
        return this;
    }

    /** Writes float32. */
    public MsgPackWriter writeFloat(float v) {
        ensure(5);
        buf[pos++] = (byte) 0xca;
        pos = put32(buf, pos, Float.floatToRawIntBits(v));
        return this;
    }

    /** Writes a UTF-8 string (unpaired surrogates become {@code ?}, as {@link String#getBytes} does). */
    public MsgPackWriter writeString(String s) {
        int len = s.length();
        // Fast path: ASCII, encoded straight into the buffer behind a header sized for len bytes.
        if (len < 32) {
            ensure(1 + len);
            int p = pos + 1;
            byte[] b = buf;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return writeStringSlow(s);
                }
                b[p + i] = (byte) c;
            }
            b[pos] = (byte) (0xa0 | len);
            pos = p + len;
            return this;
        }
        return writeStringSlow(s);
    }

    private MsgPackWriter writeStringSlow(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeStringHeader(utf8.length);
        return writeRaw(utf8, 0, utf8.length);
    }

    /** Writes a str header for {@code n} bytes; the caller writes the UTF-8 bytes with {@link #writeRaw}. */
    public MsgPackWriter writeStringHeader(int n) {
        ensure(5);
        if (n < 32) {
            buf[pos++] = (byte) (0xa0 | n);
        } else if (n < 0x100) {
            buf[pos++] = (byte) 0xd9;
            buf[pos++] = (byte) n;
        } else if (n < 0x10000) {
            buf[pos++] = (byte) 0xda;
            pos = put16(buf, pos, n);
        } else {
            buf[pos++] = (byte) 0xdb;
            pos = put32(buf, pos, n);
        }
        return this;
    }

    /** Writes bytes as bin (the parent decodes bin as a {@code Buffer}). */
    public MsgPackWriter writeBinary(byte[] v) {
        return writeBinary(v, 0, v.length);
    }

    public MsgPackWriter writeBinary(byte[] v, int off, int len) {
        writeBinaryHeader(len);
        return writeRaw(v, off, len);
    }

    /** Writes the remaining bytes of {@code v} as bin, leaving its position unchanged. */
    public MsgPackWriter writeBinary(ByteBuffer v) {
        writeBinaryHeader(v.remaining());
        return writeRaw(v);
    }

    public MsgPackWriter writeBinaryHeader(int n) {
        ensure(5);
        if (n < 0x100) {
            buf[pos++] = (byte) 0xc4;
            buf[pos++] = (byte) n;
        } else if (n < 0x10000) {
            buf[pos++] = (byte) 0xc5;
            pos = put16(buf, pos, n);
        } else {
            buf[pos++] = (byte) 0xc6;
            pos = put32(buf, pos, n);
        }
        return this;
    }

    public MsgPackWriter writeArrayHeader(int n) {
        ensure(5);
        if (n < 16) {
            buf[pos++] = (byte) (0x90 | n);
        } else if (n < 0x10000) {
            buf[pos++] = (byte) 0xdc;
            pos = put16(buf, pos, n);
        } else {
            buf[pos++] = (byte) 0xdd;
            pos = put32(buf, pos, n);
        }
        return this;
    }

    public MsgPackWriter writeMapHeader(int n) {
        ensure(5);
        if (n < 16) {
            buf[pos++] = (byte) (0x80 | n);
        } else if (n < 0x10000) {
            buf[pos++] = (byte) 0xde;
            pos = put16(buf, pos, n);
        } else {
            buf[pos++] = (byte) 0xdf;
            pos = put32(buf, pos, n);
        }
        return this;
    }

    /**
     * Writes an instant as the MsgPack timestamp extension (type −1) in its smallest form; the parent
     * decodes it as a {@code Date}.
     */
    public MsgPackWriter writeTimestamp(Instant t) {
        long sec = t.getEpochSecond();
        int nsec = t.getNano();
        ensure(15);
        if ((sec >>> 34) == 0) {
            long data64 = ((long) nsec << 34) | sec;
            if ((data64 & 0xffffffff00000000L) == 0) {
                buf[pos++] = (byte) 0xd6;
                buf[pos++] = (byte) -1;
                pos = put32(buf, pos, (int) data64);
            } else {
                buf[pos++] = (byte) 0xd7;
                buf[pos++] = (byte) -1;
                pos = put64(buf, pos, data64);
            }
        } else {
            buf[pos++] = (byte) 0xc7;
            buf[pos++] = 12;
            buf[pos++] = (byte) -1;
            pos = put32(buf, pos, nsec);
            pos = put64(buf, pos, sec);
        }
        return this;
    }

    /** Writes an extension header; the caller writes {@code length} bytes of data with {@link #writeRaw}. */
    public MsgPackWriter writeExtensionHeader(int type, int length) {
        ensure(6);
        switch (length) {
            case 1 -> buf[pos++] = (byte) 0xd4;
            case 2 -> buf[pos++] = (byte) 0xd5;
            case 4 -> buf[pos++] = (byte) 0xd6;
            case 8 -> buf[pos++] = (byte) 0xd7;
            case 16 -> buf[pos++] = (byte) 0xd8;
            default -> {
                if (length < 0x100) {
                    buf[pos++] = (byte) 0xc7;
                    buf[pos++] = (byte) length;
                } else if (length < 0x10000) {
                    buf[pos++] = (byte) 0xc8;
                    pos = put16(buf, pos, length);
                } else {
                    buf[pos++] = (byte) 0xc9;
                    pos = put32(buf, pos, length);
                }
            }
        }
        buf[pos++] = (byte) type;
        return this;
    }

    // ---- raw bytes --------------------------------------------------------------------------

    /** Appends bytes as they are: the raw codec, or the body after a header written above. */
    public MsgPackWriter writeRaw(byte[] v) {
        return writeRaw(v, 0, v.length);
    }

    public MsgPackWriter writeRaw(byte[] v, int off, int len) {
        ensure(len);
        System.arraycopy(v, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Appends the remaining bytes of {@code v}, leaving its position unchanged. */
    public MsgPackWriter writeRaw(ByteBuffer v) {
        int len = v.remaining();
        ensure(len);
        v.duplicate().get(buf, pos, len);
        pos += len;
        return this;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static int put16(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
        return p + 2;
    }

    private static int put32(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        return p + 4;
    }

    private static int put64(byte[] b, int p, long v) {
        put32(b, p, (int) (v >>> 32));
        return put32(b, p + 4, (int) v);
    }
}
