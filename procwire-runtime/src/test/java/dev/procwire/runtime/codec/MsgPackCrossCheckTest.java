package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Our reader and writer against msgpack-core, the reference Java implementation: for the same value
 * both write the same (smallest) bytes, and each reads what the other wrote.
 */
class MsgPackCrossCheckTest {
    private static final int ROUNDS = 3000;

    /** Random values of the dynamic model, in the shapes a parent sends. */
    private static Object randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 3 ? 8 : 10);
        switch (kind) {
            case 0: return null;
            case 1: return rnd.nextBoolean();
            case 2: return randomLong(rnd);
            case 3: return rnd.nextInt(4) == 0 ? (double) rnd.nextInt(1000) / 8 : rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            case 4: return randomString(rnd);
            case 5: {
                byte[] b = new byte[pickLength(rnd)];
                rnd.nextBytes(b);
                return b;
            }
            case 6: return Instant.ofEpochSecond(rnd.nextInt(3) == 0 ? (rnd.nextLong() >> 20) : rnd.nextInt() & 0xffffffffL,
                    rnd.nextBoolean() ? 0 : rnd.nextInt(1_000_000_000));
            case 7: return randomLong(rnd) >>> rnd.nextInt(64);
            case 8: {
                int n = rnd.nextInt(5) == 0 ? 16 + rnd.nextInt(20) : rnd.nextInt(5);
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) l.add(randomValue(rnd, depth + 1));
                return l;
            }
            default: {
                int n = rnd.nextInt(5) == 0 ? 16 + rnd.nextInt(20) : rnd.nextInt(5);
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) m.put(randomString(rnd) + i, randomValue(rnd, depth + 1));
                return m;
            }
        }
    }

    private static long randomLong(Random rnd) {
        long[] edges = {0, 1, 127, 128, 255, 256, 65535, 65536, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, -1, -32, -33,
            -128, -129, -32768, -32769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE};
        return rnd.nextBoolean() ? edges[rnd.nextInt(edges.length)] + rnd.nextInt(3) - 1 : rnd.nextLong() >> rnd.nextInt(64);
    }

    private static int pickLength(Random rnd) {
        int[] edges = {0, 1, 31, 32, 255, 256, 300, 65535, 65536};
        return rnd.nextInt(6) == 0 ? edges[rnd.nextInt(edges.length)] : rnd.nextInt(40);
    }

    private static String randomString(Random rnd) {
        int n = pickLength(rnd);
        StringBuilder sb = new StringBuilder(n);
        String alphabet = "abcxyz019 é€😀";
        while (sb.length() < n) {
            int i = rnd.nextInt(alphabet.length());
            char c = alphabet.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(alphabet.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void pack(MessageBufferPacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Long l) {
            p.packLong(l);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof Instant t) {
            p.packTimestamp(t);
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) pack(p, o);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(p, e.getKey());
                pack(p, e.getValue());
            }
        } else {
            throw new IllegalArgumentException(v.getClass().toString());
        }
    }

    private static byte[] packReference(Object v) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, v);
            return p.toByteArray();
        }
    }

    private static byte[] packOurs(Object v) {
        MsgPackWriter w = new MsgPackWriter();
        Codecs.writeValue(w, v);
        return w.toByteArray();
    }

    /** Deep equality where byte arrays compare by content. */
    private static void assertSameValue(Object expected, Object actual, String where) {
        if (expected instanceof byte[] e) {
            assertTrue(actual instanceof byte[], where + ": expected bytes, got " + actual);
            assertArrayEquals(e, (byte[]) actual, where);
        } else if (expected instanceof List<?> e) {
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), where + " size");
            for (int i = 0; i < e.size(); i++) assertSameValue(e.get(i), a.get(i), where + "[" + i + "]");
        } else if (expected instanceof Map<?, ?> e) {
            Map<?, ?> a = (Map<?, ?>) actual;
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), where + " keys in order");
            for (Object k : e.keySet()) assertSameValue(e.get(k), a.get(k), where + "." + k);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    @Test
    void weWriteTheSameBytesAsMsgPackCore() throws IOException {
        Random rnd = new Random(1234);
        for (int i = 0; i < ROUNDS; i++) {
            Object v = randomValue(rnd, 0);
            byte[] reference = packReference(v);
            byte[] ours = packOurs(v);
            if (!Arrays.equals(reference, ours)) {
                throw new AssertionError("round " + i + ": msgpack-core wrote " + HexFormat.of().formatHex(reference)
                        + " but we wrote " + HexFormat.of().formatHex(ours));
            }
        }
    }

    @Test
    void weReadWhatMsgPackCoreWrites() throws IOException {
        Random rnd = new Random(5678);
        for (int i = 0; i < ROUNDS; i++) {
            Object v = randomValue(rnd, 0);
            MsgPackReader r = new MsgPackReader(packReference(v));
            Object read = r.readValue();
            r.expectEnd();
            assertSameValue(v, read, "round " + i);
            MsgPackReader s = new MsgPackReader(packReference(v));
            s.skipValue();
            assertEquals(0, s.remaining(), "skipValue consumes exactly one value, round " + i);
        }
    }

    @Test
    void msgPackCoreReadsWhatWeWrite() throws IOException {
        Random rnd = new Random(91011);
        for (int i = 0; i < ROUNDS; i++) {
            Object v = randomValue(rnd, 0);
            try (MessageUnpacker u = MessagePack.newDefaultUnpacker(packOurs(v))) {
                org.msgpack.value.Value ours = u.unpackValue();
                assertTrue(!u.hasNext(), "one value, round " + i);
                try (MessageUnpacker ref = MessagePack.newDefaultUnpacker(packReference(v))) {
                    assertEquals(ref.unpackValue(), ours, "round " + i);
                }
            }
        }
    }

    @Test
    void nonMinimalEncodingsFromOtherWritersAreReadToo() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            // Formats a minimal writer never chooses for these values, but any valid writer may send.
            p.addPayload(HexFormat.of().parseHex("cf0000000000000001" + "d3fffffffffffffffe" + "d000" + "ca40400000"
                    + "db00000003616263" + "c600000001ff" + "dd0000000101" + "df00000001a16102"));
            MsgPackReader r = new MsgPackReader(p.toByteArray());
            assertEquals(1, r.readLong());
            assertEquals(-2, r.readLong());
            assertEquals(0, r.readInt());
            assertEquals(3, r.readLong(), "an integral float32 reads as an integer");
            assertEquals("abc", r.readString());
            assertArrayEquals(new byte[] {(byte) 0xff}, r.readBinary());
            assertEquals(List.of(1L), r.readValue());
            assertEquals(Map.of("a", 2L), r.readValue());
            r.expectEnd();
        }
    }

    @Test
    void unsignedSixtyFourBitValuesAgree() throws IOException {
        MsgPackWriter w = new MsgPackWriter();
        w.writeUnsignedLong(-1L).writeUnsignedLong(Long.MIN_VALUE);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(w.toByteArray())) {
            assertEquals(new BigInteger("18446744073709551615"), u.unpackBigInteger());
            assertEquals(new BigInteger("9223372036854775808"), u.unpackBigInteger());
        }
    }

    @Test
    void float32AndTimestampsAgreeWithMsgPackCore() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packFloat(1.25f);
            Instant[] instants = {Instant.EPOCH, Instant.ofEpochSecond(0xffffffffL), Instant.ofEpochSecond(1, 1),
                Instant.ofEpochSecond((1L << 34) - 1, 999_999_999), Instant.ofEpochSecond(1L << 34), Instant.ofEpochSecond(-5, 7)};
            for (Instant t : instants) p.packTimestamp(t);
            MsgPackWriter w = new MsgPackWriter();
            w.writeFloat(1.25f);
            for (Instant t : instants) w.writeTimestamp(t);
            assertEquals(HexFormat.of().formatHex(p.toByteArray()), HexFormat.of().formatHex(w.toByteArray()));
            MsgPackReader r = new MsgPackReader(p.toByteArray());
            assertEquals(1.25f, r.readFloat());
            for (Instant t : instants) assertEquals(t, r.readInstant());
        }
    }
}
