package golden.catalog;

import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Customer} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Customer_ProcwireCodec {
    private Customer_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Customer value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(5);
        out.writeString("name");
        String name = value.getName();
        if (name == null) out.writeNil(); else out.writeString(name);
        out.writeString("vip");
        out.writeBoolean(value.isVip());
        out.writeString("orders");
        writeCollectionOfLong(out, value.getOrders());
        out.writeString("visits");
        out.writeLong(value.visits);
        out.writeString("displayName");
        String displayName = value.getDisplayName();
        if (displayName == null) out.writeNil(); else out.writeString(displayName);
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Customer read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        Customer result = new Customer();
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "name" -> {
                    String name = in.readNullableString();
                    try {
                        result.setName(name);
                    } catch (Exception e) {
                        throw MsgPackException.refusedBy("Customer.name", e);
                    }
                }
                case "vip" -> {
                    boolean vip = in.readBoolean();
                    try {
                        result.setVip(vip);
                    } catch (Exception e) {
                        throw MsgPackException.refusedBy("Customer.vip", e);
                    }
                }
                case "orders" -> {
                    List<Long> orders = readListOfLong(in);
                    try {
                        result.setOrders(orders);
                    } catch (Exception e) {
                        throw MsgPackException.refusedBy("Customer.orders", e);
                    }
                }
                case "visits" -> result.visits = in.readInt();
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        return result;
    }

    private static void writeCollectionOfLong(MsgPackWriter out, Collection<? extends Long> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Long element : value) {
            if (element == null) out.writeNil(); else out.writeLong(element);
        }
    }

    private static List<Long> readListOfLong(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Long> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(in.tryReadNil() ? null : Long.valueOf(in.readLong()));
        }
        return result;
    }
}
