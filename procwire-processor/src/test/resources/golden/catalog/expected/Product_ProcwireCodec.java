package golden.catalog;

import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Reads and writes {@link Product} as MsgPack; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Product_ProcwireCodec {
    private Product_ProcwireCodec() {
    }

    /**
     * Writes a map of the properties, or nil.
     */
    public static void write(MsgPackWriter out, Product value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(11);
        out.writeString("id");
        out.writeLong(value.id());
        out.writeString("name");
        String name = value.name();
        if (name == null) out.writeNil(); else out.writeString(name);
        out.writeString("category");
        Category_ProcwireCodec.write(out, value.category());
        out.writeString("price");
        BigDecimal price = value.price();
        if (price == null) out.writeNil(); else out.writeString(price.toString());
        out.writeString("tags");
        writeCollectionOfString(out, value.tags());
        out.writeString("attributes");
        writeMapOfStringToValue(out, value.attributes());
        out.writeString("description");
        writeOptionalOfString(out, value.description());
        out.writeString("stock");
        OptionalInt stock = value.stock();
        if (stock == null || stock.isEmpty()) out.writeNil(); else out.writeLong(stock.getAsInt());
        out.writeString("added");
        Instant added = value.added();
        if (added == null) out.writeNil(); else out.writeTimestamp(added);
        out.writeString("thumbnail");
        byte[] thumbnail = value.thumbnail();
        if (thumbnail == null) out.writeNil(); else out.writeBinary(thumbnail);
        out.writeString("rating");
        out.writeFloat(value.rating());
    }

    /**
     * Reads a map of the properties; unknown keys are skipped, nil is {@code null}.
     */
    public static Product read(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        long id = 0;
        boolean hasId = false;
        String name = null;
        Category category = null;
        BigDecimal price = null;
        Set<String> tags = null;
        Map<String, Object> attributes = null;
        Optional<String> description = Optional.empty();
        OptionalInt stock = OptionalInt.empty();
        Instant added = null;
        byte[] thumbnail = null;
        float rating = 0;
        boolean hasRating = false;
        in.enterNested();
        int size = in.readMapHeader();
        for (int i = 0; i < size; i++) {
            switch (MapKeys.readName(in)) {
                case "id" -> {
                    id = in.readLong();
                    hasId = true;
                }
                case "name" -> name = in.readNullableString();
                case "category" -> category = Category_ProcwireCodec.read(in);
                case "price" -> price = in.tryReadNil() ? null : in.readBigDecimal();
                case "tags" -> tags = readSetOfString(in);
                case "attributes" -> attributes = readMapOfStringToValue(in);
                case "description" -> description = readOptionalOfString(in);
                case "stock" -> stock = in.tryReadNil() ? OptionalInt.empty() : OptionalInt.of(in.readInt());
                case "added" -> added = in.tryReadNil() ? null : in.readInstant();
                case "thumbnail" -> thumbnail = in.tryReadNil() ? null : in.readBinary();
                case "rating" -> {
                    rating = in.readFloat();
                    hasRating = true;
                }
                default -> in.skipValue();
            }
        }
        in.leaveNested();
        if (!hasId) {
            throw new MsgPackException("missing Product.id (long)");
        }
        if (!hasRating) {
            throw new MsgPackException("missing Product.rating (float)");
        }
        try {
            return new Product(id, name, category, price, tags, attributes, description, stock,
                    added, thumbnail, rating);
        } catch (Exception e) {
            throw MsgPackException.refusedBy("Product", e);
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

    private static void writeMapOfStringToValue(MsgPackWriter out, Map<? extends String, ?> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(value.size());
        for (Map.Entry<? extends String, ?> entry : value.entrySet()) {
            String key = entry.getKey();
            if (key == null) out.writeNil(); else out.writeString(key);
            Codecs.writeValue(out, entry.getValue());
        }
    }

    private static void writeOptionalOfString(MsgPackWriter out, Optional<? extends String> value) {
        if (value == null || value.isEmpty()) {
            out.writeNil();
            return;
        }
        String get = value.get();
        if (get == null) out.writeNil(); else out.writeString(get);
    }

    private static Set<String> readSetOfString(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            result.add(in.readNullableString());
        }
        return result;
    }

    private static Map<String, Object> readMapOfStringToValue(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readMapHeader();
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = MapKeys.readString(in);
            result.put(key, in.readValue());
        }
        return result;
    }

    private static Optional<String> readOptionalOfString(MsgPackReader in) {
        if (in.tryReadNil()) {
            return Optional.empty();
        }
        return Optional.ofNullable(in.readNullableString());
    }
}
