package golden.drawing;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Canvas.Blank} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Canvas_Blank_ProcwireCodec {
    private Canvas_Blank_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Canvas.Blank value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("width");
        out.writeLong(value.width());
        out.writeString("height");
        out.writeLong(value.height());
    }

    /**
     * Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.
     */
    static void writeTagged(MsgPackWriter out, Canvas.Blank value, String key, String tag) {
        out.writeMapHeader(3);
        out.writeString(key);
        out.writeString(tag);
        out.writeString("width");
        out.writeLong(value.width());
        out.writeString("height");
        out.writeLong(value.height());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Canvas.Blank read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int width = 0;
        boolean hasWidth = false;
        int height = 0;
        boolean hasHeight = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "width" -> {
                    width = in.readInt();
                    hasWidth = true;
                }
                case "height" -> {
                    height = in.readInt();
                    hasHeight = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasWidth) {
            throw new MsgPackException("missing Blank.width (int)");
        }
        if (!hasHeight) {
            throw new MsgPackException("missing Blank.height (int)");
        }
        try {
            return new Canvas.Blank(width, height);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Blank", e);
        }
    }
}
