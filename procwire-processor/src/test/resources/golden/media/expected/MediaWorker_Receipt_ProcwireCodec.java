package golden.media;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link MediaWorker.Receipt} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class MediaWorker_Receipt_ProcwireCodec {
    private MediaWorker_Receipt_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, MediaWorker.Receipt value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("id");
        String id = value.id();
        if (id == null) out.writeNil(); else out.writeString(id);
        out.writeString("queuedAt");
        out.writeLong(value.queuedAt());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static MediaWorker.Receipt read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String id = null;
        long queuedAt = 0;
        boolean hasQueuedAt = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "id" -> id = in.readNullableString();
                case "queuedAt" -> {
                    queuedAt = in.readLong();
                    hasQueuedAt = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasQueuedAt) {
            throw new MsgPackException("missing Receipt.queuedAt (long)");
        }
        try {
            return new MediaWorker.Receipt(id, queuedAt);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Receipt", e);
        }
    }
}
