package dev.procwire.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void headerIsElevenBigEndianBytes() {
        byte[] b = new byte[Frames.HEADER_SIZE];
        Frames.writeHeader(b, 0, 0x1234, Frames.FLAGS_RESULT, 0x01020304, 0x0A0B0C0D);
        assertArrayEquals(hex("1234" + "03" + "01020304" + "0a0b0c0d"), b);
    }

    @Test
    void headerWritesUnsignedExtremes() {
        byte[] b = new byte[Frames.HEADER_SIZE];
        Frames.writeHeader(b, 0, Frames.ABORT_METHOD_ID, 0xFF, 0xFFFFFFFF, 0xFFFFFFFF);
        assertArrayEquals(hex("ffff" + "ff" + "ffffffff" + "ffffffff"), b);
    }

    @Test
    void headerIsWrittenAtTheOffsetAndTouchesNothingElse() {
        byte[] b = new byte[Frames.HEADER_SIZE + 4];
        java.util.Arrays.fill(b, (byte) 0x55);
        Frames.writeHeader(b, 2, 1, Frames.FLAGS_EVENT, 0, 7);
        assertArrayEquals(hex("5555" + "0001" + "01" + "00000000" + "00000007" + "5555"), b);
    }

    @Test
    void flagCombinationsMatchTheWireTable() {
        // docs/protocol.md#frame-kinds: result 0x03, ack 0x23, chunk 0x0B, end 0x1B, error 0x07, event 0x01.
        assertEquals(0x03, Frames.FLAGS_RESULT);
        assertEquals(0x23, Frames.FLAGS_ACK);
        assertEquals(0x0B, Frames.FLAGS_CHUNK);
        assertEquals(0x1B, Frames.FLAGS_STREAM_END);
        assertEquals(0x07, Frames.FLAGS_ERROR);
        assertEquals(0x0F, Frames.FLAGS_STREAM_ERROR);
        assertEquals(0x01, Frames.FLAGS_EVENT);
        assertEquals(0xC0, Frames.RESERVED_FLAGS);
        assertEquals(0xFFFE, Frames.AUTH_METHOD_ID);
        assertEquals(0xFFFF, Frames.ABORT_METHOD_ID);
    }

    @Test
    void defaultMaximumIsOneGibAndTheHardCapTwoGibMinusOne() {
        assertEquals(1L << 30, Frames.DEFAULT_MAX_PAYLOAD);
        assertEquals((1L << 31) - 1, Frames.HARD_MAX_PAYLOAD);
    }

    @Test
    void writtenHeaderDecodesToTheSameFields() throws FrameException {
        byte[] b = new byte[Frames.HEADER_SIZE + 3];
        Frames.writeHeader(b, 0, 0xFFFD, Frames.FLAGS_CHUNK, 0x80000001, 3);
        b[11] = 1;
        b[12] = 2;
        b[13] = 3;
        Frame f = new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD).next(java.nio.ByteBuffer.wrap(b));
        assertEquals(0xFFFD, f.methodId());
        assertEquals(Frames.FLAGS_CHUNK, f.flags());
        assertEquals(0x80000001L, f.requestIdUnsigned());
        assertArrayEquals(new byte[] {1, 2, 3}, f.payload());
    }
}
