package dev.procwire.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.procwire.runtime.codec.Extension;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.Value;

/**
 * Our MsgPack reader against generated values in every wire format (checked against msgpack-core,
 * the reference implementation), and against mutated and random payloads: every read returns or
 * throws {@link MsgPackException}; nothing else escapes, nesting cannot exhaust the stack, and no
 * payload makes the reader allocate much more than its own size.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MsgPackReaderFuzzTest {

    /** A MsgPack encoder that picks a random legal format for every value (not just the shortest). */
    static final class AnyFormatWriter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Random r;

        AnyFormatWriter(Random r) {
            this.r = r;
        }

        void u8(int v) { out.write(v); }
        void u16(int v) { out.write(v >>> 8); out.write(v); }
        void u32(long v) { u16((int) (v >>> 16) & 0xffff); u16((int) v & 0xffff); }
        void u64(long v) { u32(v >>> 32); u32(v & 0xffffffffL); }

        void integer(long v) {
            List<Runnable> forms = new ArrayList<>();
            if (v >= 0 && v <= 0x7f) forms.add(() -> u8((int) v));
            if (v >= -32 && v < 0) forms.add(() -> u8((int) v & 0xff));
            if (v >= 0 && v <= 0xff) forms.add(() -> { u8(0xcc); u8((int) v); });
            if (v >= 0 && v <= 0xffff) forms.add(() -> { u8(0xcd); u16((int) v); });
            if (v >= 0 && v <= 0xffffffffL) forms.add(() -> { u8(0xce); u32(v); });
            if (v >= 0) forms.add(() -> { u8(0xcf); u64(v); });
            if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) forms.add(() -> { u8(0xd0); u8((int) v & 0xff); });
            if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) forms.add(() -> { u8(0xd1); u16((int) v & 0xffff); });
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) forms.add(() -> { u8(0xd2); u32(v & 0xffffffffL); });
            forms.add(() -> { u8(0xd3); u64(v); });
            forms.get(r.nextInt(forms.size())).run();
        }

        void header(int n, int fixMask, int fixMax, int f8, int f16, int f32) {
            List<Runnable> forms = new ArrayList<>();
            if (fixMask >= 0 && n <= fixMax) forms.add(() -> u8(fixMask | n));
            if (f8 >= 0 && n <= 0xff) forms.add(() -> { u8(f8); u8(n); });
            if (n <= 0xffff) forms.add(() -> { u8(f16); u16(n); });
            forms.add(() -> { u8(f32); u32(n); });
            forms.get(r.nextInt(forms.size())).run();
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            header(b.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
            out.writeBytes(b);
        }

        void binary(byte[] b) {
            header(b.length, -1, 0, 0xc4, 0xc5, 0xc6);
            out.writeBytes(b);
        }

        void extension(int type, byte[] data) {
            int n = data.length;
            List<Runnable> forms = new ArrayList<>();
            int fixed = Arrays.asList(1, 2, 4, 8, 16).indexOf(n);
            if (fixed >= 0) forms.add(() -> { u8(0xd4 + fixed); u8(type & 0xff); });
            if (n <= 0xff) forms.add(() -> { u8(0xc7); u8(n); u8(type & 0xff); });
            if (n <= 0xffff) forms.add(() -> { u8(0xc8); u16(n); u8(type & 0xff); });
            forms.add(() -> { u8(0xc9); u32(n); u8(type & 0xff); });
            forms.get(r.nextInt(forms.size())).run();
            out.writeBytes(data);
        }
    }

    /** Writes a random value and returns what {@link MsgPackReader#readValue()} must read back. */
    static Object randomValue(Random r, AnyFormatWriter w, int depth) {
        int kind = depth >= 5 ? 2 + r.nextInt(9) : r.nextInt(11);
        switch (kind) {
            case 0: {
                int n = r.nextInt(6);
                w.header(n, 0x90, 15, -1, 0xdc, 0xdd);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) list.add(randomValue(r, w, depth + 1));
                return list;
            }
            case 1: {
                int n = r.nextInt(5);
                w.header(n, 0x80, 15, -1, 0xde, 0xdf);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String k = "k" + i + "-" + r.nextInt(1000);
                    w.string(k);
                    map.put(k, randomValue(r, w, depth + 1));
                }
                return map;
            }
            case 2: w.u8(0xc0); return null;
            case 3: { boolean b = r.nextBoolean(); w.u8(b ? 0xc3 : 0xc2); return b; }
            case 4: {
                long v = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(256) - 128;
                    case 1 -> r.nextInt();
                    case 2 -> r.nextLong();
                    default -> r.nextInt(70_000);
                };
                w.integer(v);
                return v;
            }
            case 5: { // uint64 above Long.MAX_VALUE
                long bits = r.nextLong() | Long.MIN_VALUE;
                w.u8(0xcf);
                w.u64(bits);
                return new BigInteger(Long.toUnsignedString(bits));
            }
            case 6: {
                if (r.nextBoolean()) {
                    float f = r.nextFloat() * (r.nextBoolean() ? 1e6f : -1e-3f);
                    w.u8(0xca);
                    w.u32(Float.floatToIntBits(f) & 0xffffffffL);
                    return (double) f;
                }
                double d = r.nextGaussian() * Math.pow(10, r.nextInt(20));
                w.u8(0xcb);
                w.u64(Double.doubleToLongBits(d));
                return d;
            }
            case 7: {
                StringBuilder sb = new StringBuilder();
                int n = r.nextInt(r.nextInt(10) == 0 ? 300 : 12);
                for (int i = 0; i < n; i++) sb.appendCodePoint(r.nextInt(4) == 0 ? 0x80 + r.nextInt(0x10000 - 0x80 - 0x800) : 0x20 + r.nextInt(0x5f));
                String s = sb.toString().replaceAll("[\\ud800-\\udfff]", "x");
                w.string(s);
                return s;
            }
            case 8: {
                byte[] b = new byte[r.nextInt(r.nextInt(10) == 0 ? 70_000 : 20)];
                r.nextBytes(b);
                if (r.nextBoolean()) {
                    w.binary(b);
                } else {
                    w.extension(1, b); // a Node Buffer
                }
                return b;
            }
            case 9: { // timestamps: ext -1 in its three sizes
                long sec = r.nextInt(3) == 0 ? r.nextInt() & 0xffffffffL : (r.nextLong() & 0x3ffffffffL);
                int nano = r.nextInt(1_000_000_000);
                ByteBuffer b;
                if (nano == 0 || r.nextInt(4) == 0) {
                    b = ByteBuffer.allocate(12).putInt(nano).putLong(sec - (r.nextBoolean() ? 1L << 35 : 0));
                } else if (sec <= 0xffffffffL && r.nextBoolean()) {
                    b = ByteBuffer.allocate(4).putInt((int) sec);
                    nano = 0;
                } else {
                    b = ByteBuffer.allocate(8).putLong(((long) nano << 34) | (sec & 0x3ffffffffL));
                }
                byte[] data = b.array();
                w.extension(-1, data);
                ByteBuffer rb = ByteBuffer.wrap(data);
                return switch (data.length) {
                    case 4 -> Instant.ofEpochSecond(rb.getInt() & 0xffffffffL);
                    case 8 -> { long x = rb.getLong(); yield Instant.ofEpochSecond(x & 0x3ffffffffL, x >>> 34); }
                    default -> { int ns = rb.getInt(); yield Instant.ofEpochSecond(rb.getLong(), ns); }
                };
            }
            default: {
                int type = r.nextInt(100) + 3;
                byte[] data = new byte[r.nextInt(20)];
                r.nextBytes(data);
                w.extension(type, data);
                return new Extension(type, data);
            }
        }
    }

    /** msgpack-core's reading of the same bytes, in our dynamic model. */
    static Object reference(Value v) {
        switch (v.getValueType()) {
            case NIL: return null;
            case BOOLEAN: return v.asBooleanValue().getBoolean();
            case INTEGER: return v.asIntegerValue().isInLongRange() ? (Object) v.asIntegerValue().toLong() : v.asIntegerValue().toBigInteger();
            case FLOAT: return v.asFloatValue().toDouble();
            case STRING: return v.asStringValue().asString();
            case BINARY: return v.asBinaryValue().asByteArray();
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                for (Value e : v.asArrayValue()) l.add(reference(e));
                return l;
            }
            case MAP: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) m.put(reference(e.getKey()), reference(e.getValue()));
                return m;
            }
            default: {
                if (v.isTimestampValue()) return v.asTimestampValue().toInstant();
                ExtensionValue e = v.asExtensionValue();
                return e.getType() == 1 ? e.getData() : new Extension(e.getType(), e.getData());
            }
        }
    }

    static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!deepEquals(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator(), j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> p = i.next(), q = j.next();
                if (!deepEquals(p.getKey(), q.getKey()) || !deepEquals(p.getValue(), q.getValue())) return false;
            }
            return true;
        }
        if (a instanceof Double x && b instanceof Double y) return Double.compare(x, y) == 0;
        return java.util.Objects.equals(a, b);
    }

    @Test
    void generatedValuesInEveryFormatReadAsMsgPackCoreReadsThem() throws IOException {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(3000);
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            AnyFormatWriter w = new AnyFormatWriter(r);
            Object expected = randomValue(r, w, 0);
            byte[] bytes = w.out.toByteArray();
            String where = "seed=" + seed + " input=" + i;
            MsgPackReader reader = new MsgPackReader(bytes);
            Object ours = reader.readValue();
            reader.expectEnd();
            if (!deepEquals(expected, ours)) fail(where + ": expected " + expected + " but read " + ours);
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
                Object theirs = reference(u.unpackValue());
                if (!deepEquals(theirs, ours)) fail(where + ": msgpack-core read " + theirs + " but we read " + ours);
            }
            MsgPackReader skipper = new MsgPackReader(bytes);
            skipper.skipValue();
            assertEquals(0, skipper.remaining(), where + ": skipValue consumed a different length");
        }
    }

    /** Every read the generated readers and handlers use, chosen at random. */
    private static final List<Consumer<MsgPackReader>> READS = List.of(
            MsgPackReader::readValue, MsgPackReader::skipValue, MsgPackReader::readLong, MsgPackReader::readInt,
            MsgPackReader::readShort, MsgPackReader::readByte, MsgPackReader::readChar, MsgPackReader::readDouble,
            MsgPackReader::readFloat, MsgPackReader::readBigInteger, MsgPackReader::readBigDecimal,
            MsgPackReader::readBoolean, MsgPackReader::readNil, MsgPackReader::tryReadNil, MsgPackReader::readString,
            MsgPackReader::readNullableString, MsgPackReader::readBinary, MsgPackReader::readBinaryView,
            MsgPackReader::readInstant, MsgPackReader::readArrayHeader, MsgPackReader::readMapHeader,
            MsgPackReader::readExtensionHeader, MsgPackReader::readStringHeader, MsgPackReader::readBinaryHeader,
            MsgPackReader::nextType, MsgPackReader::expectEnd,
            rd -> rd.readRaw(Math.max(0, Math.min(rd.remaining(), 3))),
            rd -> dev.procwire.runtime.codec.Codecs.STRING_DECODER.decode(rd),
            rd -> dev.procwire.runtime.codec.Codecs.VALUE_DECODER.decode(rd));

    @Test
    void mutatedAndRandomPayloadsGiveValuesOrAMsgPackExceptionOnly() {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(20_000);
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            AnyFormatWriter w = new AnyFormatWriter(Fuzz.random(~seed, i));
            randomValue(w.r, w, 0);
            corpus.add(w.out.toByteArray());
        }
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            byte[] input = r.nextInt(5) == 0 ? Fuzz.randomBytes(r, 40) : Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            // 1. readValue and skipValue agree: when readValue succeeds, skipValue skips exactly as far.
            MsgPackReader a = new MsgPackReader(input);
            MsgPackReader b = new MsgPackReader(input);
            boolean read = attempt(seed, i, input, a::readValue);
            boolean skipped = attempt(seed, i, input, b::skipValue);
            if (read && (!skipped || a.remaining() != b.remaining())) {
                fail("readValue read " + (input.length - a.remaining()) + " bytes but skipValue "
                        + (skipped ? (input.length - b.remaining()) + " bytes" : "failed") + ": " + Fuzz.describe(seed, i, input));
            }
            // 2. A random sequence of typed reads, as generated readers make them.
            MsgPackReader c = new MsgPackReader(input);
            for (int k = 0; k < 6; k++) {
                Consumer<MsgPackReader> op = READS.get(r.nextInt(READS.size()));
                if (!attempt(seed, i, input, () -> op.accept(c))) {
                    break;
                }
            }
            // 3. Allocation stays proportional to the payload.
            long allocated = Fuzz.allocatedBy(() -> attempt(seed, 0, input, new MsgPackReader(input)::readValue));
            if (allocated > 64L * input.length + (64 << 10)) {
                allocated = Fuzz.allocatedBy(() -> attempt(seed, 0, input, new MsgPackReader(input)::readValue));
                if (allocated > 64L * input.length + (64 << 10)) {
                    fail("readValue allocated " + allocated + " bytes: " + Fuzz.describe(seed, i, input));
                }
            }
        }
    }

    /** Runs one read; true if it returned, false if it threw MsgPackException; fails on anything else. */
    private static boolean attempt(long seed, long i, byte[] input, Runnable read) {
        try {
            read.run();
            return true;
        } catch (MsgPackException expected) {
            return false;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + Fuzz.describe(seed, i, input), t);
        }
    }

    @Test
    void hostileLengthsAndNestingAreRejectedBeforeAllocating() {
        byte[][] hostile = {
            {(byte) 0xdd, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // array of 2^31-1 elements
            {(byte) 0xdf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // map of 2^32-1 entries
            {(byte) 0xdb, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x41}, // 2 GiB string
            {(byte) 0xc6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // 4 GiB binary
            {(byte) 0xc9, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}, // 2 GiB ext 1
        };
        for (byte[] h : hostile) {
            Runnable both = () -> {
                assertThrows(MsgPackException.class, () -> new MsgPackReader(h).readValue());
                assertThrows(MsgPackException.class, () -> new MsgPackReader(h).skipValue());
            };
            both.run(); // once unmeasured: class loading is not the reader's allocation
            long allocated = Fuzz.allocatedBy(both);
            if (allocated > (64 << 10)) {
                fail("a " + h.length + "-byte hostile header made the reader allocate " + allocated + " bytes");
            }
        }
        byte[] deep = new byte[1_000_000];
        Arrays.fill(deep, (byte) 0x91); // [[[[…]]]] a million levels deep
        MsgPackException e = assertThrows(MsgPackException.class, () -> new MsgPackReader(deep).readValue());
        assertEquals(true, e.getMessage().contains("nested deeper"), e.getMessage());
        assertThrows(MsgPackException.class, () -> new MsgPackReader(deep).skipValue()); // ends without a leaf
        deep[deep.length - 1] = (byte) 0xc0;
        new MsgPackReader(deep).skipValue(); // iterative: any depth
    }
}
