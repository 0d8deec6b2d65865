package golden.media;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link MediaWorker.Tile} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class MediaWorker_Tile_ProcwireCodec {
    private MediaWorker_Tile_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, MediaWorker.Tile value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(3);
        out.writeString("x");
        out.writeLong(value.x());
        out.writeString("y");
        out.writeLong(value.y());
        out.writeString("pixels");
        byte[] pixels = value.pixels();
        if (pixels == null) out.writeNil(); else out.writeBinary(pixels);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static MediaWorker.Tile read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int x = 0;
        boolean hasX = false;
        int y = 0;
        boolean hasY = false;
        byte[] pixels = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "x" -> {
                    x = in.readInt();
                    hasX = true;
                }
                case "y" -> {
                    y = in.readInt();
                    hasY = true;
                }
                case "pixels" -> pixels = in.tryReadNil() ? null : in.readBinary();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasX) {
            throw new MsgPackException("missing Tile.x (int)");
        }
        if (!hasY) {
            throw new MsgPackException("missing Tile.y (int)");
        }
        try {
            return new MediaWorker.Tile(x, y, pixels);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Tile", e);
        }
    }
}
