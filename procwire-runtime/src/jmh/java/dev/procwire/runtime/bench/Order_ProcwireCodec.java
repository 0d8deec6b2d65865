package dev.procwire.runtime.bench;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Order} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Order_ProcwireCodec {
    private Order_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Order value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(6);
        out.writeString("id");
        out.writeLong(value.id());
        out.writeString("customer");
        String customer = value.customer();
        if (customer == null) out.writeNil(); else out.writeString(customer);
        out.writeString("total");
        out.writeDouble(value.total());
        out.writeString("paid");
        out.writeBoolean(value.paid());
        out.writeString("tags");
        writeCollectionOfString(out, value.tags());
        out.writeString("lines");
        writeCollectionOfOrderLine(out, value.lines());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Order read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        long id = 0;
        boolean hasId = false;
        String customer = null;
        double total = 0;
        boolean hasTotal = false;
        boolean paid = false;
        boolean hasPaid = false;
        List<String> tags = null;
        List<Order.Line> lines = null;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "id" -> {
                    id = in.readLong();
                    hasId = true;
                }
                case "customer" -> customer = in.readNullableString();
                case "total" -> {
                    total = in.readDouble();
                    hasTotal = true;
                }
                case "paid" -> {
                    paid = in.readBoolean();
                    hasPaid = true;
                }
                case "tags" -> tags = readListOfString(in);
                case "lines" -> lines = readListOfOrderLine(in);
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasId) {
            throw new MsgPackException("missing Order.id (long)");
        }
        if (!hasTotal) {
            throw new MsgPackException("missing Order.total (double)");
        }
        if (!hasPaid) {
            throw new MsgPackException("missing Order.paid (boolean)");
        }
        try {
            return new Order(id, customer, total, paid, tags, lines);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Order", e);
        }
    }

    private static void writeCollectionOfString(MsgPackWriter out,
            Collection<? extends String> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (String element : value) {
            if (element == null) out.writeNil(); else out.writeString(element);
        }
    }

    private static void writeCollectionOfOrderLine(MsgPackWriter out,
            Collection<? extends Order.Line> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Order.Line element : value) {
            Order_Line_ProcwireCodec.write(out, element);
        }
    }

    private static List<String> readListOfString(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<String> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(in.readNullableString());
        }
        return result;
    }

    private static List<Order.Line> readListOfOrderLine(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Order.Line> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(Order_Line_ProcwireCodec.read(in));
        }
        return result;
    }
}
