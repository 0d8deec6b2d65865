package dev.procwire.runtime.codec;

import static dev.procwire.runtime.codec.MsgPackWriterTest.hex;
import static dev.procwire.runtime.codec.MsgPackWriterTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The built-in codecs and the dynamic value model. */
class CodecsTest {
    enum Color { RED }

    @Test
    void scalarEncodersWriteNilForNull() {
        assertEquals("c0", hex(w -> Codecs.STRING.encode(w, null)));
        assertEquals("c0", hex(w -> Codecs.LONG.encode(w, null)));
        assertEquals("c0", hex(w -> Codecs.BINARY.encode(w, null)));
        assertEquals("c0", hex(w -> Codecs.NIL.encode(w, "ignored")));
        assertEquals("a178", hex(w -> Codecs.STRING.encode(w, "x")));
        assertEquals("cd012c", hex(w -> Codecs.INT.encode(w, 300)));
        assertEquals("c3", hex(w -> Codecs.BOOLEAN.encode(w, true)));
        assertEquals("cb3fe0000000000000", hex(w -> Codecs.DOUBLE.encode(w, 0.5)));
    }

    @Test
    void rawCodecWritesTheBytesThemselves() {
        assertEquals("010203", hex(w -> Codecs.RAW.encode(w, new byte[] {1, 2, 3})));
        assertEquals("", hex(w -> Codecs.RAW.encode(w, null)), "an empty raw payload is legal");
        ByteBuffer b = ByteBuffer.wrap(new byte[] {9, 8, 7});
        b.position(1);
        assertEquals("0807", hex(w -> Codecs.RAW_BUFFER.encode(w, b)));
        assertEquals(1, b.position());
    }

    @Test
    void dynamicModelCoversCommonJavaTypes() {
        assertEquals("a3524544", value(Color.RED));
        assertEquals("a178", value('x'));
        assertEquals("a3302e31", value(new BigDecimal("0.1")));
        assertEquals("01", value(Optional.of(1)));
        assertEquals("c0", value(Optional.empty()));
        assertEquals("920102", value(new int[] {1, 2}));
        assertEquals("920102", value(new long[] {1, 2}));
        assertEquals("92c3c2", value(new boolean[] {true, false}));
        assertEquals("92a161c0", value(new Object[] {"a", null}));
        assertEquals("920102", value(List.of(1, 2).iterator()));
        assertEquals("07", value((short) 7));
        assertEquals("07", value((byte) 7));
        assertEquals("ca3fc00000", value(1.5f));
        assertEquals("cb3fe0000000000000", value(new java.util.concurrent.atomic.AtomicLong(0) {
            @Override
            public double doubleValue() {
                return 0.5;
            }
        }), "another Number is written as a JS number would be");
    }

    @Test
    void dynamicValueThatContainsItselfIsAnErrorNotAStackOverflow() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        MsgPackException e = assertThrows(MsgPackException.class, () -> value(cycle));
        assertTrue(e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void valueDecoderAndEncoderRoundTrip() {
        byte[] bytes = java.util.HexFormat.of().parseHex("83a16101a16292c3c0a163c4020405");
        Object v = Codecs.VALUE_DECODER.decode(new MsgPackReader(bytes));
        MsgPackWriter w = new MsgPackWriter();
        Codecs.VALUE.encode(w, v);
        assertEquals("83a16101a16292c3c0a163c4020405", java.util.HexFormat.of().formatHex(w.toByteArray()));
    }
}
