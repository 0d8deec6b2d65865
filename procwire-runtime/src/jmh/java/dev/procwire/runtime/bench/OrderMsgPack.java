package dev.procwire.runtime.bench;

import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A MsgPack encoder and decoder for {@link Order} written by hand in the shape the annotation processor
 * generates: a map with the record component names as keys, straight calls on {@link MsgPackWriter} and
 * {@link MsgPackReader}, a {@code switch} on each key, unknown keys skipped. It stands in for the
 * generated serializer in {@link SerializerBenchmark}.
 */
final class OrderMsgPack {
    private OrderMsgPack() {}

    static void write(MsgPackWriter out, Order o) {
        out.writeMapHeader(6);
        out.writeString("id").writeLong(o.id());
        out.writeString("customer").writeString(o.customer());
        out.writeString("total").writeDouble(o.total());
        out.writeString("paid").writeBoolean(o.paid());
        out.writeString("tags").writeArrayHeader(o.tags().size());
        for (String t : o.tags()) {
            out.writeString(t);
        }
        out.writeString("lines").writeArrayHeader(o.lines().size());
        for (Order.Line l : o.lines()) {
            out.writeMapHeader(3);
            out.writeString("sku").writeString(l.sku());
            out.writeString("quantity").writeLong(l.quantity());
            out.writeString("price").writeDouble(l.price());
        }
    }

    static Order read(MsgPackReader in) {
        long id = 0;
        String customer = null;
        double total = 0;
        boolean paid = false;
        List<String> tags = List.of();
        List<Order.Line> lines = List.of();
        int fields = in.readMapHeader();
        for (int i = 0; i < fields; i++) {
            switch (in.readString()) {
                case "id" -> id = in.readLong();
                case "customer" -> customer = in.readNullableString();
                case "total" -> total = in.readDouble();
                case "paid" -> paid = in.readBoolean();
                case "tags" -> {
                    int n = in.readArrayHeader();
                    List<String> list = new ArrayList<>(n);
                    for (int j = 0; j < n; j++) {
                        list.add(in.readNullableString());
                    }
                    tags = list;
                }
                case "lines" -> {
                    int n = in.readArrayHeader();
                    List<Order.Line> list = new ArrayList<>(n);
                    for (int j = 0; j < n; j++) {
                        list.add(readLine(in));
                    }
                    lines = list;
                }
                default -> in.skipValue();
            }
        }
        return new Order(id, customer, total, paid, tags, lines);
    }

    private static Order.Line readLine(MsgPackReader in) {
        String sku = null;
        int quantity = 0;
        double price = 0;
        int fields = in.readMapHeader();
        for (int i = 0; i < fields; i++) {
            switch (in.readString()) {
                case "sku" -> sku = in.readNullableString();
                case "quantity" -> quantity = in.readInt();
                case "price" -> price = in.readDouble();
                default -> in.skipValue();
            }
        }
        if (sku == null) {
            throw new MsgPackException("missing sku");
        }
        return new Order.Line(sku, quantity, price);
    }
}
