package golden.drawing;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Canvas.Framed} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Canvas_Framed_ProcwireCodec {
    private Canvas_Framed_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Canvas.Framed value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(1);
        out.writeString("frame");
        Shape_ProcwireCodec.write(out, value.frame());
    }

    /**
     * Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.
     */
    static void writeTagged(MsgPackWriter out, Canvas.Framed value, String key, String tag) {
        out.writeMapHeader(2);
        out.writeString(key);
        out.writeString(tag);
        out.writeString("frame");
        Shape_ProcwireCodec.write(out, value.frame());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Canvas.Framed read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        Shape frame = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "frame" -> frame = Shape_ProcwireCodec.read(in);
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        try {
            return new Canvas.Framed(frame);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Framed", e);
        }
    }
}
