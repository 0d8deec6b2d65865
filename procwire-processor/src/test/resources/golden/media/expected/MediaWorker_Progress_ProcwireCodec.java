package golden.media;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link MediaWorker.Progress} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class MediaWorker_Progress_ProcwireCodec {
    private MediaWorker_Progress_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, MediaWorker.Progress value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("id");
        String id = value.id();
        if (id == null) out.writeNil(); else out.writeString(id);
        out.writeString("fraction");
        out.writeDouble(value.fraction());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static MediaWorker.Progress read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String id = null;
        double fraction = 0;
        boolean hasFraction = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "id" -> id = in.readNullableString();
                case "fraction" -> {
                    fraction = in.readDouble();
                    hasFraction = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasFraction) {
            throw new MsgPackException("missing Progress.fraction (double)");
        }
        try {
            return new MediaWorker.Progress(id, fraction);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Progress", e);
        }
    }
}
