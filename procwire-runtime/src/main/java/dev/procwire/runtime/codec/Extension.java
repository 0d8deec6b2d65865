package dev.procwire.runtime.codec;

import java.util.Arrays;

/** A MsgPack extension value of a type the dynamic model has no Java type for. */
public record Extension(int type, byte[] data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Extension[type=" + type + ", " + data.length + " bytes]";
    }
}
