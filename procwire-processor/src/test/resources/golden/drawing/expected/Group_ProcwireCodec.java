package golden.drawing;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Group} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Group_ProcwireCodec {
    private Group_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Group value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("group_name");
        String groupName = value.groupName();
        if (groupName == null) out.writeNil(); else out.writeString(groupName);
        out.writeString("children");
        writeCollectionOfShape(out, value.children());
    }

    /**
     * Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.
     */
    static void writeTagged(MsgPackWriter out, Group value, String key, String tag) {
        out.writeMapHeader(3);
        out.writeString(key);
        out.writeString(tag);
        out.writeString("group_name");
        String groupName = value.groupName();
        if (groupName == null) out.writeNil(); else out.writeString(groupName);
        out.writeString("children");
        writeCollectionOfShape(out, value.children());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Group read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String groupName = null;
        List<Shape> children = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "group_name" -> groupName = in.readNullableString();
                case "children" -> children = readListOfShape(in);
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        try {
            return new Group(groupName, children);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Group", e);
        }
    }

    private static void writeCollectionOfShape(MsgPackWriter out,
            Collection<? extends Shape> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Shape element : value) {
            Shape_ProcwireCodec.write(out, element);
        }
    }

    private static List<Shape> readListOfShape(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Shape> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(Shape_ProcwireCodec.read(in));
        }
        return result;
    }
}
