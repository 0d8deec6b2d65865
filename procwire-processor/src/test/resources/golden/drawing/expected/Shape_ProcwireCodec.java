package golden.drawing;

import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Shape} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Shape_ProcwireCodec {
    private Shape_ProcwireCodec() {
    }

    /**
     * Writes the value's class as a map with "type" first, or nil.
     */
    public static void write(MsgPackWriter out, Shape value) {
        if (value == null) {
            out.writeNil();
        } else if (value instanceof Circle) {
            Circle_ProcwireCodec.writeTagged(out, (Circle) value, "type", "circle");
        } else if (value instanceof Polygon.RightTriangle) {
            Polygon_RightTriangle_ProcwireCodec.writeTagged(out, (Polygon.RightTriangle) value,
                    "type", "right-triangle");
        } else if (value instanceof Polygon.Square) {
            Polygon_Square_ProcwireCodec.writeTagged(out, (Polygon.Square) value, "type", "square");
        } else if (value instanceof Group) {
            Group_ProcwireCodec.writeTagged(out, (Group) value, "type", "Group");
        } else {
            throw new IllegalArgumentException("not a permitted Shape: " + value);
        }
    }

    /**
     * Reads the subtype named by "type"; nil is {@code null}.
     */
    public static Shape read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String tag = in.peekMapString("type");
        if (tag == null) {
            throw in.invalid("missing Shape.type; expected one of: circle, right-triangle, " +
                    "square, Group");
        }
        return switch (tag) {
            case "circle" -> Circle_ProcwireCodec.read(in);
            case "right-triangle" -> Polygon_RightTriangle_ProcwireCodec.read(in);
            case "square" -> Polygon_Square_ProcwireCodec.read(in);
            case "Group" -> Group_ProcwireCodec.read(in);
            default -> throw in.invalid("unknown Shape.type \"" + tag +
                    "\"; expected one of: circle, right-triangle, square, Group");
        };
    }
}
