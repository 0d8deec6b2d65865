package golden.catalog;

import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Value types: records, a bean, an immutable POJO, an enum, generic and recursive types, containers. */
@ProcwireService
public class Catalog {
    @ProcwireMethod
    public Page<Product> search(String query, Optional<Category> category, OptionalInt limit, Set<String> tags) {
        return null;
    }

    @ProcwireMethod
    public Product product(Product product) {
        return product;
    }

    @ProcwireMethod
    public Customer customer(Customer customer) {
        return customer;
    }

    @ProcwireMethod
    public Price price(Price price) {
        return price;
    }

    @ProcwireMethod
    public Map<Category, List<Product>> byCategory(Map<String, Object> filter) {
        return Map.of();
    }

    @ProcwireMethod
    public Tree tree(Tree root) {
        return root;
    }

    @ProcwireMethod
    public Instant touch(Instant at, BigDecimal amount, char grade, int[][] grid, Map<Integer, Page<Price>> pages) {
        return at;
    }
}
