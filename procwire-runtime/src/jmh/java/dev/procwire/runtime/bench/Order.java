package dev.procwire.runtime.bench;

import java.util.List;

/**
 * The representative value of the serializer benchmarks: six fields of the common kinds, one of them a
 * nested list of records.
 */
public record Order(long id, String customer, double total, boolean paid, List<String> tags, List<Line> lines) {

    /** One line of an order. */
    public record Line(String sku, int quantity, double price) {}

    /** A typical order: three lines, two tags. */
    static Order sample() {
        return new Order(1_234_567L, "Ada Lovelace", 149.97, true, List.of("priority", "gift"),
                List.of(new Line("SKU-0001", 1, 49.99), new Line("SKU-0002", 2, 24.99), new Line("SKU-0003", 1, 50.00)));
    }
}
