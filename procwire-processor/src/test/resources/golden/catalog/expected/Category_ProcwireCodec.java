package golden.catalog;

import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Category} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Category_ProcwireCodec {
    private Category_ProcwireCodec() {
    }

    /**
     * Writes the constant's name, or nil.
     */
    public static void write(MsgPackWriter out, Category value) {
        if (value == null) out.writeNil(); else out.writeString(value.name());
    }

    /**
     * Reads a constant by name; nil is {@code null}.
     */
    public static Category read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String name = in.readString();
        return switch (name) {
            case "BOOKS" -> Category.BOOKS;
            case "MUSIC" -> Category.MUSIC;
            case "GAMES" -> Category.GAMES;
            default -> throw in.invalid("unknown Category \"" + name +
                    "\"; expected one of: BOOKS, MUSIC, GAMES");
        };
    }
}
