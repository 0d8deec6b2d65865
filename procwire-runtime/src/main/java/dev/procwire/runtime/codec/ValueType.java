package dev.procwire.runtime.codec;

/** The type family of a MsgPack value, told by its first byte. */
public enum ValueType {
    NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP, EXTENSION,
    /** 0xc1, which MsgPack never uses. */
    INVALID;

    private static final ValueType[] BY_BYTE = new ValueType[256];

    static {
        for (int b = 0; b < 256; b++) {
            BY_BYTE[b] = classify(b);
        }
    }

    private static ValueType classify(int b) {
        if (b <= 0x7f || b >= 0xe0) return INTEGER;
        if (b <= 0x8f) return MAP;
        if (b <= 0x9f) return ARRAY;
        if (b <= 0xbf) return STRING;
        switch (b) {
            case 0xc0: return NIL;
            case 0xc2: case 0xc3: return BOOLEAN;
            case 0xc4: case 0xc5: case 0xc6: return BINARY;
            case 0xc7: case 0xc8: case 0xc9: case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: return EXTENSION;
            case 0xca: case 0xcb: return FLOAT;
            case 0xcc: case 0xcd: case 0xce: case 0xcf: case 0xd0: case 0xd1: case 0xd2: case 0xd3: return INTEGER;
            case 0xd9: case 0xda: case 0xdb: return STRING;
            case 0xdc: case 0xdd: return ARRAY;
            case 0xde: case 0xdf: return MAP;
            default: return INVALID;
        }
    }

    /** The type whose values start with byte {@code b} (0–255). */
    public static ValueType of(int b) {
        return BY_BYTE[b & 0xff];
    }

    static String describe(int b) {
        ValueType t = of(b);
        return t == INVALID ? "invalid byte 0xc1" : t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
