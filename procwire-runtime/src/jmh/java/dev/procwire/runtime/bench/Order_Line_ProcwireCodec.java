package dev.procwire.runtime.bench;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Order.Line} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Order_Line_ProcwireCodec {
    private Order_Line_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Order.Line value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(3);
        out.writeString("sku");
        String sku = value.sku();
        if (sku == null) out.writeNil(); else out.writeString(sku);
        out.writeString("quantity");
        out.writeLong(value.quantity());
        out.writeString("price");
        out.writeDouble(value.price());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Order.Line read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        String sku = null;
        int quantity = 0;
        boolean hasQuantity = false;
        double price = 0;
        boolean hasPrice = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "sku" -> sku = in.readNullableString();
                case "quantity" -> {
                    quantity = in.readInt();
                    hasQuantity = true;
                }
                case "price" -> {
                    price = in.readDouble();
                    hasPrice = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasQuantity) {
            throw new MsgPackException("missing Line.quantity (int)");
        }
        if (!hasPrice) {
            throw new MsgPackException("missing Line.price (double)");
        }
        try {
            return new Order.Line(sku, quantity, price);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Line", e);
        }
    }
}
