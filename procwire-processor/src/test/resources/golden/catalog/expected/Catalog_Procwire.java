package golden.catalog;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * The Procwire binding of {@link Catalog}: serves its methods and events without reflection.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Catalog_Procwire implements ServiceBinding {
    public static final int METHOD_SEARCH = 1;

    public static final int METHOD_PRODUCT = 2;

    public static final int METHOD_CUSTOMER = 3;

    public static final int METHOD_PRICE = 4;

    public static final int METHOD_BY_CATEGORY = 5;

    public static final int METHOD_TREE = 6;

    public static final int METHOD_TOUCH = 7;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(METHOD_SEARCH, "search", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_PRODUCT, "product", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_CUSTOMER, "customer", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_PRICE, "price", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_BY_CATEGORY, "byCategory", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_TREE, "tree", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_TOUCH, "touch", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK));

    private static final List<EventDescriptor> EVENTS = List.of();

    private final Catalog service;

    /**
     * A binding that serves {@code service}.
     */
    public Catalog_Procwire(Catalog service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public List<MethodDescriptor> methods() {
        return METHODS;
    }

    @Override
    public List<EventDescriptor> events() {
        return EVENTS;
    }

    @Override
    public void attach(EventPort events) {
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        switch (methodId) {
            case METHOD_SEARCH -> handleSearch(call);
            case METHOD_PRODUCT -> handleProduct(call);
            case METHOD_CUSTOMER -> handleCustomer(call);
            case METHOD_PRICE -> handlePrice(call);
            case METHOD_BY_CATEGORY -> handleByCategory(call);
            case METHOD_TREE -> handleTree(call);
            case METHOD_TOUCH -> handleTouch(call);
            default -> throw new IllegalArgumentException("unknown method id " + methodId);
        }
    }

    /**
     * Handles {@code search} with {@link Catalog#search(String, Optional, OptionalInt, Set)}.
     */
    private void handleSearch(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String query = null;
        Optional<Category> category = Optional.empty();
        OptionalInt limit = OptionalInt.empty();
        Set<String> tags = null;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "query" -> query = in.readNullableString();
                    case "category" -> category = readOptionalOfCategory(in);
                    case "limit" -> limit = in.tryReadNil() ? OptionalInt.empty() : OptionalInt.of(in.readInt());
                    case "tags" -> tags = readSetOfString(in);
                    default -> in.skipValue();
                }
            }
        }
        call.<Page<Product>>reply(Catalog_Procwire::writePageOfProduct, service.search(query,
                category, limit, tags));
    }

    /**
     * Handles {@code product} with {@link Catalog#product(Product)}.
     */
    private void handleProduct(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Product product = Product_ProcwireCodec.read(in);
        call.<Product>reply(Product_ProcwireCodec::write, service.product(product));
    }

    /**
     * Handles {@code customer} with {@link Catalog#customer(Customer)}.
     */
    private void handleCustomer(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Customer customer = Customer_ProcwireCodec.read(in);
        call.<Customer>reply(Customer_ProcwireCodec::write, service.customer(customer));
    }

    /**
     * Handles {@code price} with {@link Catalog#price(Price)}.
     */
    private void handlePrice(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Price price = Price_ProcwireCodec.read(in);
        call.<Price>reply(Price_ProcwireCodec::write, service.price(price));
    }

    /**
     * Handles {@code byCategory} with {@link Catalog#byCategory(Map)}.
     */
    private void handleByCategory(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Map<String, Object> filter = readMapOfStringToValue(in);
        call.<Map<Category, List<Product>>>reply(Catalog_Procwire::writeMapOfCategoryToCollectionOfProduct,
                service.byCategory(filter));
    }

    /**
     * Handles {@code tree} with {@link Catalog#tree(Tree)}.
     */
    private void handleTree(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Tree root = Tree_ProcwireCodec.read(in);
        call.<Tree>reply(Tree_ProcwireCodec::write, service.tree(root));
    }

    /**
     * Handles {@code touch} with {@link Catalog#touch(Instant, BigDecimal, char, int[][], Map)}.
     */
    private void handleTouch(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Instant at = null;
        BigDecimal amount = null;
        char grade = 0;
        boolean hasGrade = false;
        int[][] grid = null;
        Map<Integer, Page<Price>> pages = null;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "at" -> at = in.tryReadNil() ? null : in.readInstant();
                    case "amount" -> amount = in.tryReadNil() ? null : in.readBigDecimal();
                    case "grade" -> {
                        grade = in.readChar();
                        hasGrade = true;
                    }
                    case "grid" -> grid = readArrayOfArrayOfInt(in);
                    case "pages" -> pages = readMapOfIntToPageOfPrice(in);
                    default -> in.skipValue();
                }
            }
        }
        if (!hasGrade) {
            throw new MsgPackException("missing parameter grade (char)");
        }
        call.<Instant>reply(Catalog_Procwire::writeInstant, service.touch(at, amount, grade, grid,
                pages));
    }

    private static Optional<Category> readOptionalOfCategory(MsgPackReader in) {
        if (in.tryReadNil()) {
            return Optional.empty();
        }
        return Optional.ofNullable(Category_ProcwireCodec.read(in));
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

    private static void writePageOfProduct(MsgPackWriter out, Page<? extends Product> value) {
        Page_ProcwireCodec.write(out, value, Product_ProcwireCodec::write);
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

    private static void writeCollectionOfProduct(MsgPackWriter out,
            Collection<? extends Product> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Product element : value) {
            Product_ProcwireCodec.write(out, element);
        }
    }

    private static void writeMapOfCategoryToCollectionOfProduct(MsgPackWriter out,
            Map<? extends Category, ? extends Collection<? extends Product>> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(value.size());
        for (Map.Entry<? extends Category, ? extends Collection<? extends Product>> entry : value.entrySet()) {
            Category_ProcwireCodec.write(out, entry.getKey());
            writeCollectionOfProduct(out, entry.getValue());
        }
    }

    private static int[] readArrayOfInt(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = in.readInt();
        }
        return result;
    }

    private static int[][] readArrayOfArrayOfInt(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        int[][] result = new int[size][];
        for (int i = 0; i < size; i++) {
            result[i] = readArrayOfInt(in);
        }
        return result;
    }

    private static Map<Integer, Page<Price>> readMapOfIntToPageOfPrice(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readMapHeader();
        Map<Integer, Page<Price>> result = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            Integer key = MapKeys.readInt(in);
            result.put(key, Page_ProcwireCodec.read(in, Price_ProcwireCodec::read));
        }
        return result;
    }

    private static void writeInstant(MsgPackWriter out, Instant value) {
        if (value == null) out.writeNil(); else out.writeTimestamp(value);
    }

    /**
     * Lets {@code Procwire.serve} find this binding; listed in
     * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.
     */
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return Catalog.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return new Catalog_Procwire((Catalog) service);
        }

        @Override
        public ServiceBinding create() {
            return new Catalog_Procwire(new Catalog());
        }
    }
}
