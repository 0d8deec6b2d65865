package golden.media;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link MediaWorker.TileRequest} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class MediaWorker_TileRequest_ProcwireCodec {
    private MediaWorker_TileRequest_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, MediaWorker.TileRequest value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("path");
        String path = value.path();
        if (path == null) out.writeNil(); else out.writeString(path);
        out.writeString("size");
        out.writeLong(value.size());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static MediaWorker.TileRequest read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String path = null;
        int size_ = 0;
        boolean hasSize = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "path" -> path = in.readNullableString();
                case "size" -> {
                    size_ = in.readInt();
                    hasSize = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasSize) {
            throw new MsgPackException("missing TileRequest.size (int)");
        }
        try {
            return new MediaWorker.TileRequest(path, size_);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("TileRequest", e);
        }
    }
}
