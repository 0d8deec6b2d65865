package golden.arrow;

/** Mapped both ways: as a column record (one Float32 column) and as rows (a fixed-size list per row). */
public record Signal(float[] samples) {}
