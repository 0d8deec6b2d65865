package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static MsgPackReader stringKey(String key) {
        MsgPackWriter w = new MsgPackWriter();
        w.writeString(key);
        return reader(w);
    }

    @Test
    void integerKeysInJavaScriptsOwnFormAreRead() {
        assertEquals(12, MapKeys.readInt(stringKey("12")));
        assertEquals(0, MapKeys.readInt(stringKey("0")));
        assertEquals(-5, MapKeys.readLong(stringKey("-5")));
        assertEquals(Long.MAX_VALUE, MapKeys.readLong(stringKey("9223372036854775807")));
        assertEquals(Long.MIN_VALUE, MapKeys.readLong(stringKey("-9223372036854775808")));
    }

    @Test
    void otherSpellingsOfAnIntegerKeyAreRefusedNamingTheKey() {
        for (String key : new String[] {"\uff11\uff12", "01", "+1", "-0", "00", "1\u0661", "\u0661"}) {
            MsgPackException e = assertThrows(MsgPackException.class, () -> MapKeys.readInt(stringKey(key)), key);
            assertTrue(e.getMessage().contains("\"" + key + "\""), e.getMessage());
        }
        assertThrows(MsgPackException.class, () -> MapKeys.readLong(stringKey(" 1")));
        assertThrows(MsgPackException.class, () -> MapKeys.readLong(stringKey("1e3")));
    }

    @Test
    void keysThatWouldCollapseIntoOneJavaKeyAreRefused() {
        // {"12": "a", "１２": "b"} into Map<Integer, String>: the second key is not 12 as JavaScript writes it.
        MsgPackWriter w = new MsgPackWriter();
        w.writeMapHeader(2).writeString("12").writeString("a").writeString("\uff11\uff12").writeString("b");
        MsgPackReader in = reader(w);
        in.readMapHeader();
        assertEquals(12, MapKeys.readInt(in));
        in.readString();
        assertThrows(MsgPackException.class, () -> MapKeys.readInt(in));
    }
}
