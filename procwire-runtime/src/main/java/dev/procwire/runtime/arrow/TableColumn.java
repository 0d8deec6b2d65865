package dev.procwire.runtime.arrow;

import java.time.Instant;

/**
 * One column given to a {@link TableBuilder}, as Java values: checked, not yet in Arrow memory (Arrow is
 * touched by {@link TableVectors} only, once {@link TableBuilder#build()} has made sure it can run).
 *
 * @param values the array, list or row writer the column was given, of the type {@code kind} names
 * @param dimension the row length of a vector column, else 0
 */
record TableColumn(String name, Kind kind, Object values, int length, int dimension) {

    enum Kind {
        LONGS, INTS, SHORTS, BYTES, FLOATS, DOUBLES, BOOLEANS,
        LONG_LIST, INT_LIST, SHORT_LIST, BYTE_LIST, FLOAT_LIST, DOUBLE_LIST, BOOLEAN_LIST,
        STRINGS, INSTANTS, BINARIES, FLOAT_VECTORS, DOUBLE_VECTORS,
        /** Vector rows written by a {@link TableBuilder.FloatRows} at build time, instead of a list. */
        FLOAT_ROWS,
        /** Vector rows written by a {@link TableBuilder.DoubleRows} at build time, instead of a list. */
        DOUBLE_ROWS
    }

    /** Nanoseconds since the epoch, as Timestamp(ns) holds them; {@link ArithmeticException} out of its range. */
    static long epochNanos(Instant t) {
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        if (seconds < 0 && nanos > 0) { // the earliest instants fit only when counted from the next second down
            return Math.addExact(Math.multiplyExact(seconds + 1, 1_000_000_000L), nanos - 1_000_000_000L);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }
}
