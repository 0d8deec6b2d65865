package dev.procwire.runtime.codec;

/**
 * Reads map keys for generated bindings. A JavaScript object's keys are always strings, even the
 * numeric ones ({@code {1: "a"}} arrives with the key {@code "1"}), while other MsgPack peers may
 * send integer keys; these reads accept both forms. Keys of the types that travel as a string
 * ({@code UUID}, {@code LocalDate}, …) are read by {@link StringForm#readKey}.
 */
public final class MapKeys {
    private MapKeys() {}

    /**
     * Reads the key of a parameter or property map: a string, or an integer as its decimal form. A key
     * of any other type is skipped and read as {@code ""}, which matches no parameter or property, so
     * the caller skips its value like any unknown key.
     */
    public static String readName(MsgPackReader in) {
        ValueType t = in.nextType();
        String name;
        if (t == ValueType.STRING) {
            name = in.readKey();
        } else if (t == ValueType.INTEGER) {
            name = Long.toString(in.readLong());
        } else {
            in.skipValue();
            name = "";
        }
        in.noteKey(name);
        return name;
    }

    /** Reads a string key, or an integer key as its decimal form. */
    public static String readString(MsgPackReader in) {
        ValueType t = in.nextType();
        if (t == ValueType.INTEGER) {
            return Long.toString(in.readLong());
        }
        if (t == ValueType.STRING) {
            return in.readString();
        }
        throw new MsgPackException("expected a string map key but found " + t.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Reads an integer key, or a string key holding an integer in the one form JavaScript's
     * {@code String(number)} writes: ASCII digits, no sign but a leading {@code -}, no leading zeros,
     * no {@code -0}. Any other spelling ({@code "01"}, {@code "+1"}, {@code " 1"}, fullwidth
     * {@code "１２"}) is refused rather than read as a number, so two distinct keys of a JavaScript object
     * can never collapse into one Java key.
     *
     * @throws MsgPackException naming the key when it is not such an integer
     */
    public static long readLong(MsgPackReader in) {
        if (in.nextType() != ValueType.STRING) {
            return in.readLong();
        }
        String s = in.readString();
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new MsgPackException("expected an integer map key but found \"" + s + "\"");
        }
        if (!Long.toString(v).equals(s)) {
            throw new MsgPackException("map key \"" + s + "\" is not an integer as JavaScript writes one (expected \""
                    + v + "\")");
        }
        return v;
    }

    /** {@link #readLong} with a range check for {@code int}. */
    public static int readInt(MsgPackReader in) {
        long v = readLong(in);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MsgPackException("map key " + v + " is out of range for int");
        }
        return (int) v;
    }

    /** {@link #readLong} with a range check for {@code short}. */
    public static short readShort(MsgPackReader in) {
        long v = readLong(in);
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new MsgPackException("map key " + v + " is out of range for short");
        }
        return (short) v;
    }

    /** {@link #readLong} with a range check for {@code byte}. */
    public static byte readByte(MsgPackReader in) {
        long v = readLong(in);
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new MsgPackException("map key " + v + " is out of range for byte");
        }
        return (byte) v;
    }
}
