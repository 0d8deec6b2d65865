package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact bytes. The expected values marked "JS" were produced by the parent's own codec
 * ({@code @procwire/codecs} msgpackCodec 2.0.0 on {@code @msgpack/msgpack}); docs/protocol.md#msgpack.
 */
class MsgPackWriterTest {

    static String hex(Consumer<MsgPackWriter> write) {
        MsgPackWriter w = new MsgPackWriter();
        write.accept(w);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    static String value(Object v) {
        return hex(w -> Codecs.writeValue(w, v));
    }

    // ---- the table of docs/protocol.md#msgpack ---------------------------------------------

    @Test
    void smallIntegersUseTheSmallestFormatLikeJs() {
        assertEquals("01", hex(w -> w.writeLong(1)));
        assertEquals("ff", hex(w -> w.writeLong(-1)));
        assertEquals("cd012c", hex(w -> w.writeLong(300)));
    }

    @Test
    void integerAtTwoToTheFortyIsUint64LikeJs() {
        assertEquals("cf0000010000000000", hex(w -> w.writeLong(1L << 40)));
        assertEquals("d3ffffff0000000000", hex(w -> w.writeLong(-(1L << 40))));
    }

    @Test
    void halfIsFloat64LikeJs() {
        assertEquals("cb3fe0000000000000", hex(w -> w.writeDouble(0.5)));
        assertEquals("cb3fe0000000000000", hex(w -> w.writeNumber(0.5)));
        assertEquals("cb3fe0000000000000", value(0.5d));
    }

    @Test
    void integralNumberIsSentAsAnIntegerLikeJs() {
        assertEquals("03", hex(w -> w.writeNumber(3.0)));
        assertEquals("cd012c", hex(w -> w.writeNumber(300.0)));
        assertEquals("ff", hex(w -> w.writeNumber(-1.0)));
    }

    @Test
    void utf8StringLikeJs() {
        assertEquals("a668c3a96c6c6f", hex(w -> w.writeString("héllo")));
        assertEquals("d920" + "78".repeat(32), hex(w -> w.writeString("x".repeat(32))));
    }

    @Test
    void nilLikeJs() {
        assertEquals("c0", hex(MsgPackWriter::writeNil));
        assertEquals("c0", value(null));
    }

    @Test
    void mapWithStringKeysInInsertionOrderLikeJs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", "x");
        assertEquals("82a16101a162a178", value(m));
        Map<String, Object> nil = new LinkedHashMap<>();
        nil.put("a", null);
        assertEquals("81a161c0", value(nil));
    }

    @Test
    void nestedArraysLikeJs() {
        assertEquals("920192029103", value(List.of(1, List.of(2, List.of(3)))));
    }

    @Test
    void bytesAreSentAsBinLikeAUint8Array() {
        assertEquals("c4020405", hex(w -> w.writeBinary(new byte[] {4, 5})));
        assertEquals("c4020405", value(new byte[] {4, 5}));
        assertEquals("c4020405", value(ByteBuffer.wrap(new byte[] {9, 4, 5}, 1, 2)));
    }

    @Test
    void extensionTypeOneIsWhatANodeBufferLooksLike() {
        assertEquals("c70301010203", value(new Extension(1, new byte[] {1, 2, 3})));
    }

    @Test
    void instantIsTheTimestampExtensionLikeAJsDate() {
        // new Date(1700000000123) and new Date(1700000000000) through the parent's codec:
        assertEquals("d7ff1d5353006553f100", hex(w -> w.writeTimestamp(Instant.ofEpochMilli(1700000000123L))));
        assertEquals("d6ff6553f100", hex(w -> w.writeTimestamp(Instant.ofEpochMilli(1700000000000L))));
    }

    @Test
    void timestampBeyondThirtyFourBitsUsesTheNinetySixBitForm() {
        Instant far = Instant.ofEpochSecond(1L << 34, 5);
        assertEquals("c70cff" + "00000005" + "0000000400000000", hex(w -> w.writeTimestamp(far)));
        Instant before1970 = Instant.ofEpochSecond(-1, 0);
        assertEquals("c70cff" + "00000000" + "ffffffffffffffff", hex(w -> w.writeTimestamp(before1970)));
    }

    // ---- format boundaries ----------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 00", "127, 7f", "128, cc80", "255, ccff", "256, cd0100", "65535, cdffff", "65536, ce00010000",
        "4294967295, ceffffffff", "4294967296, cf0000000100000000", "9223372036854775807, cf7fffffffffffffff",
        "-32, e0", "-33, d0df", "-128, d080", "-129, d1ff7f", "-32768, d18000", "-32769, d2ffff7fff",
        "-2147483648, d280000000", "-2147483649, d3ffffffff7fffffff", "-9223372036854775808, d38000000000000000",
    })
    void integerFormatBoundaries(long v, String expected) {
        assertEquals(expected, hex(w -> w.writeLong(v)));
    }

    @Test
    void unsignedLongAboveTheSignedRangeIsUint64() {
        assertEquals("cfffffffffffffffff", hex(w -> w.writeUnsignedLong(-1L)));
        assertEquals("cd012c", hex(w -> w.writeUnsignedLong(300)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "10000", "-1099511627776", "9007199254740993", "18446744073709551615",
            "18446744073709551616", "-123456789012345678901234567890"})
    void aBigIntegerIsAlwaysItsDecimalString(String digits) {
        // One type a JavaScript reader can rely on, at every size: the parent's numbers are exact only to 2^53 - 1.
        MsgPackWriter expected = new MsgPackWriter().writeString(digits);
        assertEquals(HexFormat.of().formatHex(expected.toByteArray()), hex(w -> w.writeBigInteger(new BigInteger(digits))));
    }

    @ParameterizedTest(name = "str of {0} bytes")
    @CsvSource({"0, a0", "31, bf", "32, d920", "255, d9ff", "256, da0100", "65535, daffff", "65536, db00010000"})
    void stringHeaderBoundaries(int n, String header) {
        String s = "a".repeat(n);
        String out = hex(w -> w.writeString(s));
        assertEquals(header, out.substring(0, header.length()));
        assertEquals(header.length() / 2 + n, out.length() / 2);
    }

    @Test
    void nonAsciiStringsCountUtf8Bytes() {
        // 16 two-byte characters: 32 bytes, so str8 although only 16 chars.
        String s = "é".repeat(16);
        assertEquals("d920" + "c3a9".repeat(16), hex(w -> w.writeString(s)));
        assertEquals("a4f09f9880", hex(w -> w.writeString("\uD83D\uDE00")));
    }

    @ParameterizedTest(name = "bin of {0} bytes")
    @CsvSource({"0, c400", "255, c4ff", "256, c50100", "65535, c5ffff", "65536, c600010000"})
    void binaryHeaderBoundaries(int n, String header) {
        String out = hex(w -> w.writeBinary(new byte[n]));
        assertEquals(header, out.substring(0, header.length()));
        assertEquals(header.length() / 2 + n, out.length() / 2);
    }

    @ParameterizedTest(name = "{0} entries")
    @CsvSource({"0, 90, 80", "15, 9f, 8f", "16, dc0010, de0010", "65535, dcffff, deffff", "65536, dd00010000, df00010000"})
    void containerHeaderBoundaries(int n, String array, String map) {
        assertEquals(array, hex(w -> w.writeArrayHeader(n)));
        assertEquals(map, hex(w -> w.writeMapHeader(n)));
    }

    @ParameterizedTest(name = "ext of {0} bytes")
    @CsvSource({"1, d405", "2, d505", "4, d605", "8, d705", "16, d805", "3, c70305", "0, c70005", "256, c8010005",
        "65536, c90001000005"})
    void extensionHeaderBoundaries(int n, String header) {
        assertEquals(header, hex(w -> w.writeExtensionHeader(5, n)));
    }

    @Test
    void floatsKeepTheirWidth() {
        assertEquals("ca3fc00000", hex(w -> w.writeFloat(1.5f)));
        assertEquals("cb7ff8000000000000", hex(w -> w.writeDouble(Double.NaN)));
        assertEquals("cb7ff0000000000000", hex(w -> w.writeNumber(Double.POSITIVE_INFINITY)));
        assertEquals("cb4340000000000000", hex(w -> w.writeDouble(0x1p53)));
    }

    @Test
    void booleans() {
        assertEquals("c3c2", hex(w -> w.writeBoolean(true).writeBoolean(false)));
    }

    // ---- buffer management ----------------------------------------------------------------

    @Test
    void headroomIsKeptFreeInFrontOfTheOutput() {
        MsgPackWriter w = new MsgPackWriter(11, 1);
        w.writeString("x".repeat(100)); // forces growth
        assertEquals(11, w.headroom());
        assertEquals(102, w.size());
        byte[] b = w.buffer();
        assertEquals((byte) 0xd9, b[11]);
        assertEquals(100, b[12]);
        assertArrayEquals(java.util.Arrays.copyOfRange(b, 11, 11 + 102), w.toByteArray());
    }

    @Test
    void resetForgetsOutputButKeepsHeadroom() {
        MsgPackWriter w = new MsgPackWriter(11, 16);
        w.writeLong(1234567);
        w.reset();
        assertEquals(0, w.size());
        w.writeNil();
        assertArrayEquals(new byte[] {(byte) 0xc0}, w.toByteArray());
        assertEquals(11, w.headroom());
    }

    @Test
    void rawBytesAreAppendedUnchanged() {
        ByteBuffer src = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        src.position(1);
        assertEquals("00020304", hex(w -> w.writeRaw(new byte[] {0}).writeRaw(src)));
        assertEquals(1, src.position(), "writeRaw(ByteBuffer) leaves the position alone");
    }

    @Test
    void dynamicValueThatCannotBeEncodedIsAMsgPackError() {
        assertThrows(MsgPackException.class, () -> value(new Object()));
    }
}
