package golden.catalog;

import dev.procwire.runtime.codec.Decoder;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Page} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Page_ProcwireCodec {
    private Page_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static <T> void write(MsgPackWriter out, Page<T> value, Encoder<? super T> encoderT) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(3);
        out.writeString("items");
        writeCollectionOfT(out, value.items(), encoderT);
        out.writeString("total");
        out.writeLong(value.total());
        out.writeString("next");
        String next = value.next();
        if (next == null) out.writeNil(); else out.writeString(next);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static <T> Page<T> read(MsgPackReader in, Decoder<? extends T> decoderT) {
        if (in.tryReadNil()) {
            return null;
        }
        List<T> items = null;
        int total = 0;
        boolean hasTotal = false;
        String next = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "items" -> items = readListOfT(in, decoderT);
                case "total" -> {
                    total = in.readInt();
                    hasTotal = true;
                }
                case "next" -> next = in.readNullableString();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasTotal) {
            throw new MsgPackException("missing Page.total (int)");
        }
        try {
            return new Page<>(items, total, next);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Page", e);
        }
    }

    private static <T> void writeCollectionOfT(MsgPackWriter out, Collection<? extends T> value,
            Encoder<? super T> encoderT) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (T element : value) {
            encoderT.encode(out, element);
        }
    }

    private static <T> List<T> readListOfT(MsgPackReader in, Decoder<? extends T> decoderT) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<T> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(decoderT.decode(in));
        }
        return result;
    }
}
