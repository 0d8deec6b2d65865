package golden.catalog;

import java.util.List;

/** A generic record: its codec takes the codec of {@code T}. */
public record Page<T>(List<T> items, int total, String next) {}
