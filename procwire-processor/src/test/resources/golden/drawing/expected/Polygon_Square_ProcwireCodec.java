package golden.drawing;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Polygon.Square} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Polygon_Square_ProcwireCodec {
    private Polygon_Square_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Polygon.Square value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("xs");
        writeArrayOfDouble(out, value.xs);
        out.writeString("sideLength");
        out.writeDouble(value.sideLength);
    }

    /**
     * Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.
     */
    static void writeTagged(MsgPackWriter out, Polygon.Square value, String key, String tag) {
        out.writeMapHeader(3);
        out.writeString(key);
        out.writeString(tag);
        out.writeString("xs");
        writeArrayOfDouble(out, value.xs);
        out.writeString("sideLength");
        out.writeDouble(value.sideLength);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Polygon.Square read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        Polygon.Square result = new Polygon.Square();
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "xs" -> result.xs = readArrayOfDouble(in);
                case "sideLength" -> result.sideLength = in.readDouble();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        return result;
    }

    private static void writeArrayOfDouble(MsgPackWriter out, double[] value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.length);
        for (double element : value) {
            out.writeDouble(element);
        }
    }

    private static double[] readArrayOfDouble(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        double[] result = new double[size];
        for (int i = 0; i < size; i++) {
            result[i] = in.readDouble();
        }
        return result;
    }
}
