package golden.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

public record Product(long id, String name, Category category, BigDecimal price, Set<String> tags,
        Map<String, Object> attributes, Optional<String> description, OptionalInt stock, Instant added,
        byte[] thumbnail, float rating) {}
