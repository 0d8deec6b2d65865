package golden.drawing;

import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Stage} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Stage_ProcwireCodec {
    private Stage_ProcwireCodec() {
    }

    /**
     * Writes the constant's wire name, or nil.
     */
    public static void write(MsgPackWriter out, Stage value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeString(switch (value) {
            case DRAFT -> "draft";
            case IN_REVIEW -> "in_review";
            case PUBLISHED -> "done!";
        });
    }

    /**
     * Reads a constant by name; nil is {@code null}.
     */
    public static Stage read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String name = in.readString();
        return switch (name) {
            case "draft" -> Stage.DRAFT;
            case "in_review" -> Stage.IN_REVIEW;
            case "done!" -> Stage.PUBLISHED;
            default -> throw in.invalid("unknown Stage \"" + name +
                    "\"; expected one of: draft, in_review, done!");
        };
    }
}
