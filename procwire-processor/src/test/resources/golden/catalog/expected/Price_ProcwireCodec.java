package golden.catalog;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.math.BigInteger;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Price} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Price_ProcwireCodec {
    private Price_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Price value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(2);
        out.writeString("currency");
        String currency = value.getCurrency();
        if (currency == null) out.writeNil(); else out.writeString(currency);
        out.writeString("cents");
        BigInteger cents = value.getCents();
        if (cents == null) out.writeNil(); else out.writeBigInteger(cents);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Price read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String currency = null;
        BigInteger cents = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "currency" -> currency = in.readNullableString();
                case "cents" -> cents = in.tryReadNil() ? null : in.readBigInteger();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        try {
            return new Price(currency, cents);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Price", e);
        }
    }
}
