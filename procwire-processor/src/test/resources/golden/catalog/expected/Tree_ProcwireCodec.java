package golden.catalog;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Tree} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Tree_ProcwireCodec {
    private Tree_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Tree value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("label");
        String label = value.label();
        if (label == null) out.writeNil(); else out.writeString(label);
        out.writeString("children");
        writeCollectionOfTree(out, value.children());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Tree read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String label = null;
        List<Tree> children = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "label" -> label = in.readNullableString();
                case "children" -> children = readListOfTree(in);
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        try {
            return new Tree(label, children);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Tree", e);
        }
    }

    private static void writeCollectionOfTree(MsgPackWriter out, Collection<? extends Tree> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Tree element : value) {
            Tree_ProcwireCodec.write(out, element);
        }
    }

    private static List<Tree> readListOfTree(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Tree> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(Tree_ProcwireCodec.read(in));
        }
        return result;
    }
}
