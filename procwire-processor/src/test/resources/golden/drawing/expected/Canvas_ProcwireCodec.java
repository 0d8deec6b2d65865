package golden.drawing;

import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Canvas} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Canvas_ProcwireCodec {
    private Canvas_ProcwireCodec() {
    }

    /**
     * Writes the value's class as a map with "kind" first, or nil.
     */
    public static void write(MsgPackWriter out, Canvas value) {
        if (value == null) {
            out.writeNil();
        } else if (value instanceof Canvas.Blank) {
            Canvas_Blank_ProcwireCodec.writeTagged(out, (Canvas.Blank) value, "kind", "Blank");
        } else if (value instanceof Canvas.Framed) {
            Canvas_Framed_ProcwireCodec.writeTagged(out, (Canvas.Framed) value, "kind", "Framed");
        } else {
            throw new IllegalArgumentException("not a permitted Canvas: " + value);
        }
    }

    /**
     * Reads the subtype named by "kind"; nil is {@code null}.
     */
    public static Canvas read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String tag = in.peekMapString("kind");
        if (tag == null) {
            throw in.invalid("missing Canvas.kind; expected one of: Blank, Framed");
        }
        return switch (tag) {
            case "Blank" -> Canvas_Blank_ProcwireCodec.read(in);
            case "Framed" -> Canvas_Framed_ProcwireCodec.read(in);
            default -> throw in.invalid("unknown Canvas.kind \"" + tag +
                    "\"; expected one of: Blank, Framed");
        };
    }
}
