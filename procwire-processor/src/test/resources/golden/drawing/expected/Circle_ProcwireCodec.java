package golden.drawing;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Circle} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Circle_ProcwireCodec {
    private Circle_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Circle value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("r");
        out.writeDouble(value.radius());
        out.writeString("stage");
        Stage_ProcwireCodec.write(out, value.stage());
    }

    /**
     * Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.
     */
    static void writeTagged(MsgPackWriter out, Circle value, String key, String tag) {
        out.writeMapHeader(3);
        out.writeString(key);
        out.writeString(tag);
        out.writeString("r");
        out.writeDouble(value.radius());
        out.writeString("stage");
        Stage_ProcwireCodec.write(out, value.stage());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Circle read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        double radius = 0;
        boolean hasRadius = false;
        Stage stage = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "r" -> {
                    radius = in.readDouble();
                    hasRadius = true;
                }
                case "stage" -> stage = Stage_ProcwireCodec.read(in);
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasRadius) {
            throw new MsgPackException("missing Circle.r (double)");
        }
        try {
            return new Circle(radius, stage);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Circle", e);
        }
    }
}
