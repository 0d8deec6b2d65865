package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading what the parent's JS codec sends (docs/protocol.md#msgpack), leniently and safely. */
class MsgPackReaderTest {

    static MsgPackReader reader(String hex) {
        return new MsgPackReader(HexFormat.of().parseHex(hex));
    }

    static Object value(String hex) {
        MsgPackReader r = reader(hex);
        Object v = r.readValue();
        r.expectEnd();
        return v;
    }

    // ---- the table of docs/protocol.md#msgpack, as bytes the parent sent ----------------------

    @Test
    void readsTheJsIntegers() {
        assertEquals(1L, reader("01").readLong());
        assertEquals(-1L, reader("ff").readLong());
        assertEquals(300L, reader("cd012c").readLong());
        assertEquals(1L << 40, reader("cf0000010000000000").readLong());
        assertEquals(1L << 40, value("cf0000010000000000"));
    }

    @Test
    void readsAnIntegralFloat64IntoALong() {
        // JS sends 2**53 and larger integers as float64.
        assertEquals(1L << 53, reader("cb4340000000000000").readLong());
        assertEquals((1L << 53) + 2, reader("cb4340000000000001").readLong());
        assertEquals(3, reader("cb4008000000000000").readInt());
    }

    @Test
    void readsIntegerFormatsIntoADouble() {
        assertEquals(0.5, reader("cb3fe0000000000000").readDouble());
        assertEquals(3.0, reader("03").readDouble());
        assertEquals(300.0, reader("cd012c").readDouble());
        assertEquals(0x1p64 - 2048, reader("cffffffffffffff800").readDouble());
        assertEquals(1.5, reader("ca3fc00000").readDouble());
    }

    @Test
    void readsTheJsStringNilAndMap() {
        assertEquals("héllo", reader("a668c3a96c6c6f").readString());
        assertNull(value("c0"));
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("a", 1L);
        expected.put("b", "x");
        Object m = value("82a16101a162a178");
        assertEquals(expected, m);
        assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) m).keySet()), "insertion order is kept");
    }

    @Test
    void readsANodeBufferSentAsExtensionTypeOneAsBytes() {
        assertArrayEquals(new byte[] {1, 2, 3}, reader("c70301010203").readBinary());
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) value("c70301010203"));
        assertArrayEquals(new byte[] {7}, reader("d40107").readBinary());
    }

    @Test
    void readsBinAsBytes() {
        assertArrayEquals(new byte[] {4, 5}, reader("c4020405").readBinary());
        assertArrayEquals(new byte[] {4, 5}, (byte[]) value("c4020405"));
        var view = reader("c4020405").readBinaryView();
        assertTrue(view.isReadOnly());
        assertEquals(2, view.remaining());
        assertEquals(5, view.get(1));
    }

    @Test
    void readsAJsDateAsAnInstant() {
        assertEquals(Instant.ofEpochMilli(1700000000123L), reader("d7ff1d5353006553f100").readInstant());
        assertEquals(Instant.ofEpochMilli(1700000000000L), reader("d6ff6553f100").readInstant());
        assertEquals(Instant.ofEpochMilli(1700000000123L), value("d7ff1d5353006553f100"));
    }

    @Test
    void readsExtensionTwoAsFloat64EpochMillis() {
        // ext 2 is how the parent's codec registers Date on its own side: a float64 of epoch ms.
        String ms = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(8).putDouble(1700000000123.0).array());
        assertEquals(Instant.ofEpochMilli(1700000000123L), reader("d702" + ms).readInstant());
        assertEquals(Instant.ofEpochMilli(1700000000123L), value("d702" + ms));
    }

    @Test
    void readsTheNinetySixBitTimestamp() {
        assertEquals(Instant.ofEpochSecond(-1, 5), reader("c70cff00000005ffffffffffffffff").readInstant());
    }

    @Test
    void aJsMapArrivesAsAnEmptyMap() {
        assertEquals(Map.of(), value("80"));
    }

    // ---- lenient numbers, with range checks -----------------------------------------------

    @Test
    void integralFloatOutsideTheLongRangeIsAnError() {
        MsgPackException e = assertThrows(MsgPackException.class, () -> reader("cb43e0000000000000").readLong()); // 2**63
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertEquals(Long.MIN_VALUE, reader("cbc3e0000000000000").readLong()); // -2**63 fits
    }

    @Test
    void fractionalFloatIsNotAnInteger() {
        assertThrows(MsgPackException.class, () -> reader("cb3fe0000000000000").readLong());
        assertThrows(MsgPackException.class, () -> reader("cb7ff8000000000000").readLong()); // NaN
        assertThrows(MsgPackException.class, () -> reader("cb7ff0000000000000").readLong()); // Infinity
    }

    @Test
    void uint64AboveTheSignedRangeIsAnErrorForLongButABigIntegerDynamically() {
        assertThrows(MsgPackException.class, () -> reader("cfffffffffffffffff").readLong());
        assertEquals(new BigInteger("18446744073709551615"), value("cfffffffffffffffff"));
        assertEquals(new BigInteger("18446744073709551615"), reader("cfffffffffffffffff").readBigInteger());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ce80000000", "d37fffffffffffffff", "cb41e0000000000000", "d3ffffffff7fffffff"})
    void narrowIntegerReadsCheckTheRange(String hex) {
        assertThrows(MsgPackException.class, () -> reader(hex).readInt());
    }

    @Test
    void narrowReadsAcceptTheirExtremes() {
        assertEquals(Integer.MAX_VALUE, reader("ce7fffffff").readInt());
        assertEquals(Integer.MIN_VALUE, reader("d280000000").readInt());
        assertEquals(Short.MIN_VALUE, reader("d18000").readShort());
        assertThrows(MsgPackException.class, () -> reader("cd8000").readShort());
        assertEquals(Byte.MAX_VALUE, reader("7f").readByte());
        assertThrows(MsgPackException.class, () -> reader("cc80").readByte());
    }

    @Test
    void aFiniteNumberBeyondTheFloatRangeIsAnErrorForFloat() {
        MsgPackException e = assertThrows(MsgPackException.class, () -> reader("cb7e37e43c8800759c").readFloat()); // 1e300
        assertEquals("number 1.0E300 is out of range for float", e.getMessage());
        assertThrows(MsgPackException.class, () -> reader("cbfe37e43c8800759c").readFloat()); // -1e300
        assertEquals(1e300, reader("cb7e37e43c8800759c").readDouble(), "a double holds it");
    }

    @Test
    void floatReadsAcceptTheirExtremesAndTheInfinitiesSent() {
        assertEquals(Float.MAX_VALUE, reader("cb47efffffe0000000").readFloat());
        assertEquals(-Float.MAX_VALUE, reader("cbc7efffffe0000000").readFloat());
        assertEquals(Float.POSITIVE_INFINITY, reader("cb7ff0000000000000").readFloat(), "an infinity sent stays one");
        assertTrue(Float.isNaN(reader("cb7ff8000000000000").readFloat()));
        assertEquals(0.1f, reader("cb3fb999999999999a").readFloat(), "0.1 rounds to the nearest float");
    }

    @Test
    void mistypedValuesSayWhatWasExpectedAndFound() {
        MsgPackException e = assertThrows(MsgPackException.class, () -> reader("a161").readLong());
        assertTrue(e.getMessage().contains("integer") && e.getMessage().contains("string"), e.getMessage());
        assertThrows(MsgPackException.class, () -> reader("01").readString());
        assertThrows(MsgPackException.class, () -> reader("c0").readBoolean());
        assertThrows(MsgPackException.class, () -> reader("90").readMapHeader());
        assertThrows(MsgPackException.class, () -> reader("80").readArrayHeader());
        assertThrows(MsgPackException.class, () -> reader("d60501020304").readBinary()); // ext 5 is not bytes
        assertThrows(MsgPackException.class, () -> reader("a3616263").readChar());
        assertEquals('a', reader("a161").readChar());
    }

    @Test
    void failedTypedReadConsumesNothing() {
        MsgPackReader r = reader("a161");
        assertThrows(MsgPackException.class, r::readLong);
        assertEquals("a", r.readString());
    }

    @Test
    void nilHandling() {
        MsgPackReader r = reader("c001");
        assertTrue(r.tryReadNil());
        assertFalse(r.tryReadNil());
        assertEquals(1, r.readLong());
        assertNull(reader("c0").readNullableString());
        assertThrows(MsgPackException.class, () -> reader("01").readNil());
    }

    @Test
    void bigDecimalAndBigIntegerFromStrings() {
        assertEquals(new BigInteger("123456789012345678901234567890"),
                reader("be313233343536373839303132333435363738393031323334353637383930").readBigInteger());
        assertEquals(new java.math.BigDecimal("0.1"), reader("a3302e31").readBigDecimal());
        assertThrows(MsgPackException.class, () -> reader("a178").readBigInteger());
    }

    @Test
    void instantFromIntegerMillisAndIsoString() {
        assertEquals(Instant.ofEpochMilli(1000), reader("cd03e8").readInstant());
        String iso = "2024-01-02T03:04:05Z";
        String hex = "b4" + HexFormat.of().formatHex(iso.getBytes());
        assertEquals(Instant.parse(iso), reader(hex).readInstant());
        assertThrows(MsgPackException.class, () -> reader("a3616263").readInstant());
    }

    @Test
    void timestampWithNanosecondsOutOfRangeIsAnError() {
        // 64-bit form with nsec = 2^30 - 1 (> 999,999,999).
        assertThrows(MsgPackException.class, () -> reader("d7ff" + "fffffffc00000000").readInstant());
        assertThrows(MsgPackException.class, () -> reader("c70cff" + "ffffffff" + "0000000000000000").readInstant());
        assertThrows(MsgPackException.class, () -> reader("d5ff0102").readInstant()); // bad length
    }

    // ---- hostile input ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "dbffffffff", "db7fffffff41", "c6ffffffff", "c6000000ff00", "ddffffffff", "dd7fffffff01", "dfffffffff",
        "df4000000001", "c9ffffffff01", "c97fffffff0100", "dc0005010203", "de000201", "da0010",
    })
    void lengthsLongerThanThePayloadFailWithoutAllocating(String hex) {
        MsgPackReader r = reader(hex);
        assertThrows(MsgPackException.class, r::readValue);
        MsgPackReader s = reader(hex);
        assertThrows(MsgPackException.class, s::skipValue);
    }

    @Test
    void containerCountsAreCheckedBeforeAnythingIsAllocated() {
        assertThrows(MsgPackException.class, () -> reader("dd7fffffff").readArrayHeader());
        assertThrows(MsgPackException.class, () -> reader("df7fffffff").readMapHeader());
        assertThrows(MsgPackException.class, () -> reader("db7fffffff").readStringHeader());
        assertThrows(MsgPackException.class, () -> reader("c67fffffff").readBinaryHeader());
    }

    @Test
    void invalidByteC1IsAnError() {
        assertEquals(ValueType.INVALID, reader("c1").nextType());
        assertThrows(MsgPackException.class, () -> value("c1"));
        assertThrows(MsgPackException.class, () -> reader("c1").skipValue());
        assertThrows(MsgPackException.class, () -> value("91c1"));
    }

    @Test
    void emptyPayloadIsAnErrorNotACrash() {
        assertThrows(MsgPackException.class, () -> new MsgPackReader(new byte[0]).readValue());
        assertThrows(MsgPackException.class, () -> new MsgPackReader(new byte[0]).readLong());
        assertFalse(new MsgPackReader(new byte[0]).hasNext());
    }

    @Test
    void trailingBytesAreReportedByExpectEnd() {
        MsgPackReader r = reader("0102");
        assertEquals(1, r.readLong());
        assertThrows(MsgPackException.class, r::expectEnd);
    }

    @Test
    void everyTruncationOfAValidMessageIsAMsgPackError() {
        byte[] full = HexFormat.of().parseHex(
                "86a16101a162a178a163cf0000010000000000a164d7ff1d5353006553f100a165c70301010203a16692c4020405cb3fe0000000000000");
        assertEquals(6, ((Map<?, ?>) new MsgPackReader(full).readValue()).size());
        for (int n = 0; n < full.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(full, n);
            int len = n;
            assertThrows(MsgPackException.class, () -> new MsgPackReader(cut).readValue(), "prefix of " + len);
            assertThrows(MsgPackException.class, () -> new MsgPackReader(cut).skipValue(), "prefix of " + len);
        }
    }

    @Test
    void deepNestingIsRejectedByTheDynamicReaderAndSkippedIteratively() {
        int depth = 100_000;
        byte[] nested = new byte[depth + 1];
        java.util.Arrays.fill(nested, (byte) 0x91);
        nested[depth] = 0x01;
        MsgPackException e = assertThrows(MsgPackException.class, () -> new MsgPackReader(nested).readValue());
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
        MsgPackReader r = new MsgPackReader(nested);
        r.skipValue();
        assertFalse(r.hasNext());
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        int depth = MsgPackReader.MAX_DEPTH;
        byte[] nested = new byte[depth + 1];
        java.util.Arrays.fill(nested, (byte) 0x91);
        nested[depth] = 0x01;
        Object v = new MsgPackReader(nested).readValue();
        for (int i = 0; i < depth; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(1L, v);
    }

    @Test
    void randomBytesNeverThrowAnythingButMsgPackException() {
        java.util.Random rnd = new java.util.Random(42);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[1 + rnd.nextInt(24)];
            rnd.nextBytes(b);
            if (rnd.nextBoolean()) {
                // bias towards container and length-prefixed formats
                b[0] = (byte) new int[] {0xdc, 0xdd, 0xde, 0xdf, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xd9, 0xda, 0xdb,
                    0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0x9f, 0x8f}[rnd.nextInt(20)];
            }
            for (int op = 0; op < 3; op++) {
                MsgPackReader r = new MsgPackReader(b);
                try {
                    switch (op) {
                        case 0 -> r.readValue();
                        case 1 -> r.skipValue();
                        default -> r.readInstant();
                    }
                } catch (MsgPackException expected) {
                    // fine: bad input is reported as such
                } catch (RuntimeException | Error other) {
                    throw new AssertionError("op " + op + " on " + HexFormat.of().formatHex(b) + " threw " + other, other);
                }
            }
        }
    }

    @Test
    void unknownExtensionsAreKeptWithTheirType() {
        Object v = value("d60501020304");
        assertInstanceOf(Extension.class, v);
        assertEquals(new Extension(5, new byte[] {1, 2, 3, 4}), v);
    }

    @Test
    void nonStringMapKeysAreReadDynamically() {
        Map<?, ?> m = (Map<?, ?>) value("8201a178c3c0");
        assertEquals("x", m.get(1L));
        assertTrue(m.containsKey(true));
    }

    @Test
    void readerRegionIsBoundsChecked() {
        byte[] b = {1, 2, 3};
        assertThrows(IndexOutOfBoundsException.class, () -> new MsgPackReader(b, 2, 2));
        MsgPackReader r = new MsgPackReader(b, 1, 1);
        assertEquals(2, r.readLong());
        assertFalse(r.hasNext());
        assertThrows(MsgPackException.class, r::readLong, "reads stop at the region's end");
    }

    private static String key(String text) {
        MsgPackWriter w = new MsgPackWriter();
        w.writeString(text);
        MsgPackReader r = new MsgPackReader(w.toByteArray());
        String k = r.readKey();
        r.expectEnd();
        return k;
    }

    @Test
    void repeatedKeysAreTheSameStringAndEveryKeyReadsBackExactly() {
        String first = key("quantity");
        assertEquals("quantity", first);
        assertSame(first, key("quantity"), "a repeated short ASCII key is not allocated again");
        // Many distinct keys share the cache's slots: each still reads back as itself.
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5_000; i++) {
                assertEquals("k" + i, key("k" + i));
            }
        }
        assertEquals("prix-unitaire-é", key("prix-unitaire-é"), "non-ASCII keys are decoded, not cached");
        String longKey = "x".repeat(100);
        assertEquals(longKey, key(longKey));
        assertEquals("", key(""));
    }

    @Test
    void dynamicMapsReadTheirStringKeysAsKeys() {
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(2).writeString("id").writeLong(1).writeLong(7).writeString("seven");
        Object v = new MsgPackReader(w.toByteArray()).readValue();
        assertEquals(java.util.Map.of("id", 1L, 7L, "seven"), v);
    }
}
