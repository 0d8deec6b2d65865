package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MapKeysTest {

    private static MsgPackReader reader(MsgPackWriter w) {
        return new MsgPackReader(w.toByteArray());
    }

    @Test
    void aValueOfTheWrongTypeNamesItsKey() {
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(2).writeString("a").writeLong(1).writeString("b").writeString("x");
        MsgPackReader in = reader(w);
        in.readMapHeader();
        assertEquals("a", MapKeys.readName(in));
        assertEquals(1, in.readLong());
        assertEquals("b", MapKeys.readName(in));
        MsgPackException e = assertThrows(MsgPackException.class, in::readDouble);
        assertEquals("expected number but found string (at 'b')", e.getMessage());
    }

    @Test
    void anOutOfRangeNumberNamesItsKey() {
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(1).writeString("width").writeLong(1L << 40);
        MsgPackReader in = reader(w);
        in.readMapHeader();
        MapKeys.readName(in);
        MsgPackException e = assertThrows(MsgPackException.class, in::readInt);
        assertEquals("number 1099511627776 is out of range for int (at 'width')", e.getMessage());
    }

    @Test
    void integerKeysAreReadAsTheirDecimalForm() {
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(1).writeLong(7).writeNil();
        MsgPackReader in = reader(w);
        in.readMapHeader();
        assertEquals("7", MapKeys.readName(in));
    }

    @Test
    void aValueReadOutsideAnyMapNamesNoKey() {
        MsgPackWriter w = new MsgPackWriter();
        w.writeString("x");
        MsgPackException e = assertThrows(MsgPackException.class, reader(w)::readLong);
        assertEquals("expected integer but found string", e.getMessage());
    }
}
