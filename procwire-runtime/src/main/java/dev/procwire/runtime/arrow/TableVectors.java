package dev.procwire.runtime.arrow;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The Arrow side of {@link TableBuilder}: one vector per column, filled in bulk through views of Arrow's
 * buffers ({@link FixedWidthValues}) where the Java values are primitive arrays.
 */
final class TableVectors {
    private TableVectors() {}

    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT16 = new ArrowType.Int(16, true);
    private static final ArrowType INT8 = new ArrowType.Int(8, true);
    private static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType TIMESTAMP_NS_UTC = new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC");
    /** The element field of a vector column, named as Arrow's other implementations name it. */
    private static final String ELEMENT = "item";

    static VectorSchemaRoot build(List<TableColumn> columns, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        try {
            for (TableColumn c : columns) {
                FieldVector v = field(c).createVector(allocator);
                vectors.add(v);
                fill(v, c);
            }
        } catch (RuntimeException | Error e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            fields.add(v.getField());
        }
        return new VectorSchemaRoot(fields, vectors, columns.isEmpty() ? 0 : columns.get(0).length());
    }

    private static Field field(TableColumn c) {
        return switch (c.kind()) {
            case LONGS -> Field.notNullable(c.name(), INT64);
            case INTS -> Field.notNullable(c.name(), INT32);
            case SHORTS -> Field.notNullable(c.name(), INT16);
            case BYTES -> Field.notNullable(c.name(), INT8);
            case FLOATS -> Field.notNullable(c.name(), FLOAT32);
            case DOUBLES -> Field.notNullable(c.name(), FLOAT64);
            case BOOLEANS -> Field.notNullable(c.name(), ArrowType.Bool.INSTANCE);
            case LONG_LIST -> Field.nullable(c.name(), INT64);
            case INT_LIST -> Field.nullable(c.name(), INT32);
            case SHORT_LIST -> Field.nullable(c.name(), INT16);
            case BYTE_LIST -> Field.nullable(c.name(), INT8);
            case FLOAT_LIST -> Field.nullable(c.name(), FLOAT32);
            case DOUBLE_LIST -> Field.nullable(c.name(), FLOAT64);
            case BOOLEAN_LIST -> Field.nullable(c.name(), ArrowType.Bool.INSTANCE);
            case STRINGS -> Field.nullable(c.name(), ArrowType.Utf8.INSTANCE);
            case INSTANTS -> Field.nullable(c.name(), TIMESTAMP_NS_UTC);
            case BINARIES -> Field.nullable(c.name(), ArrowType.Binary.INSTANCE);
            case FLOAT_VECTORS, FLOAT_ROWS -> vectorField(c, FLOAT32);
            case DOUBLE_VECTORS, DOUBLE_ROWS -> vectorField(c, FLOAT64);
        };
    }

    /**
     * A vector column: a fixed-size list of its dimension, or, for dimension 0, a list (of empty rows):
     * Arrow Java refuses a fixed-size list of size 0 as invalid (and so would the worker reading it).
     */
    private static Field vectorField(TableColumn c, ArrowType element) {
        ArrowType list = c.dimension() == 0 ? ArrowType.List.INSTANCE : new ArrowType.FixedSizeList(c.dimension());
        return new Field(c.name(), FieldType.nullable(list), List.of(Field.notNullable(ELEMENT, element)));
    }

    @SuppressWarnings("unchecked")
    private static void fill(FieldVector v, TableColumn c) {
        int n = c.length();
        String name = c.name();
        switch (c.kind()) {
            case LONGS -> allValid((BigIntVector) v, n, 8, name).asLongBuffer().put((long[]) c.values());
            case INTS -> allValid((IntVector) v, n, 4, name).asIntBuffer().put((int[]) c.values());
            case SHORTS -> allValid((SmallIntVector) v, n, 2, name).asShortBuffer().put((short[]) c.values());
            case BYTES -> allValid((TinyIntVector) v, n, 1, name).put((byte[]) c.values());
            case FLOATS -> allValid((Float4Vector) v, n, 4, name).asFloatBuffer().put((float[]) c.values());
            case DOUBLES -> allValid((Float8Vector) v, n, 8, name).asDoubleBuffer().put((double[]) c.values());
            case BOOLEANS -> booleans((BitVector) v, (boolean[]) c.values());
            case LONG_LIST -> boxed((BigIntVector) v, (List<Long>) c.values(), n, (b, i, x) -> b.set(i, x));
            case INT_LIST -> boxed((IntVector) v, (List<Integer>) c.values(), n, (b, i, x) -> b.set(i, x));
            case SHORT_LIST -> boxed((SmallIntVector) v, (List<Short>) c.values(), n, (b, i, x) -> b.set(i, x));
            case BYTE_LIST -> boxed((TinyIntVector) v, (List<Byte>) c.values(), n, (b, i, x) -> b.set(i, x));
            case FLOAT_LIST -> boxed((Float4Vector) v, (List<Float>) c.values(), n, (b, i, x) -> b.set(i, x));
            case DOUBLE_LIST -> boxed((Float8Vector) v, (List<Double>) c.values(), n, (b, i, x) -> b.set(i, x));
            case BOOLEAN_LIST -> boxed((BitVector) v, (List<Boolean>) c.values(), n, (b, i, x) -> b.set(i, x ? 1 : 0));
            case STRINGS -> variableWidth((BaseVariableWidthVector) v, utf8((List<String>) c.values(), n));
            case INSTANTS -> boxed((TimeStampNanoTZVector) v, (List<Instant>) c.values(), n,
                    (b, i, t) -> b.set(i, TableColumn.epochNanos(t)));
            case BINARIES -> variableWidth((BaseVariableWidthVector) v, ((List<byte[]>) c.values()).toArray(new byte[0][]));
            case FLOAT_VECTORS, DOUBLE_VECTORS -> vectorRows(v, c);
            case FLOAT_ROWS, DOUBLE_ROWS -> writtenRows(v, c);
        }
        v.setValueCount(n);
    }

    /** Sets one non-null value of a boxed list into its vector. */
    private interface Setter<V, T> {
        void set(V vector, int index, T value);
    }

    /** A list of boxed values into a fixed-width vector: {@code null} elements are null slots. */
    private static <V extends BaseFixedWidthVector, T> void boxed(V v, List<T> values, int n, Setter<V, T> setter) {
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
            T x = values.get(i);
            if (x == null) {
                v.setNull(i);
            } else {
                setter.set(v, i, x);
            }
        }
    }

    private static byte[][] utf8(List<String> values, int n) {
        byte[][] utf8 = new byte[n][];
        for (int i = 0; i < n; i++) {
            String s = values.get(i);
            utf8[i] = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /** A column of Float32 or Float64 vectors: fixed-size lists, or lists of empty rows at dimension 0. */
    private static void vectorRows(FieldVector v, TableColumn c) {
        if (c.dimension() == 0) {
            List<?> rows = (List<?>) c.values();
            emptyRows((ListVector) v, rows.size(), i -> rows.get(i) == null);
        } else if (c.kind() == TableColumn.Kind.FLOAT_VECTORS) {
            floatRows((FixedSizeListVector) v, c);
        } else {
            doubleRows((FixedSizeListVector) v, c);
        }
    }

    @SuppressWarnings("unchecked")
    private static void floatRows(FixedSizeListVector v, TableColumn c) {
        int n = c.length();
        List<float[]> rows = (List<float[]>) c.values();
        FloatBuffer out = vectorRows(v, c, rows, 4).asFloatBuffer();
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(i);
            if (row != null) out.put(i * c.dimension(), row);
        }
    }

    @SuppressWarnings("unchecked")
    private static void doubleRows(FixedSizeListVector v, TableColumn c) {
        int n = c.length();
        List<double[]> rows = (List<double[]>) c.values();
        DoubleBuffer out = vectorRows(v, c, rows, 8).asDoubleBuffer();
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            if (row != null) out.put(i * c.dimension(), row);
        }
    }

    /**
     * A column of vectors written by a row writer: each row goes through one array, reused, into the
     * element buffer (a memory copy), so that no array per row is made and no value is written twice.
     */
    private static void writtenRows(FieldVector v, TableColumn c) {
        int n = c.length();
        int dim = c.dimension();
        if (dim == 0) {
            emptyRows((ListVector) v, n, i -> false);
            return;
        }
        FixedSizeListVector list = (FixedSizeListVector) v;
        BufferAllocator allocator = v.getAllocator();
        boolean floats = c.kind() == TableColumn.Kind.FLOAT_ROWS;
        ByteBuffer elements = allValid((BaseFixedWidthVector) list.getDataVector(), n * dim, floats ? 4 : 8, c.name());
        list.loadFieldBuffers(new ArrowFieldNode(n, 0), List.of(allocator.getEmpty()));
        if (floats) {
            TableBuilder.FloatRows writer = (TableBuilder.FloatRows) c.values();
            FloatBuffer out = elements.asFloatBuffer();
            float[] row = new float[dim];
            for (int i = 0; i < n; i++) {
                Arrays.fill(row, 0f);
                writer.write(i, row);
                out.put(i * dim, row);
            }
        } else {
            TableBuilder.DoubleRows writer = (TableBuilder.DoubleRows) c.values();
            DoubleBuffer out = elements.asDoubleBuffer();
            double[] row = new double[dim];
            for (int i = 0; i < n; i++) {
                Arrays.fill(row, 0d);
                writer.write(i, row);
                out.put(i * dim, row);
            }
        }
    }

    private static void emptyRows(ListVector v, int n, IntPredicate isNull) {
        v.setInitialCapacity(n);
        v.allocateNew();
        for (int i = 0; i < n; i++) {
            if (isNull.test(i)) {
                v.setNull(i);
            } else {
                v.startNewValue(i);
                v.endValue(i, 0);
            }
        }
    }

    /**
     * Gives a fixed-width vector {@code n} values, all valid, and returns a view of their data buffer to
     * write them into. The data buffer is not zeroed first, as the vector's own {@code allocateNew}
     * would do, since the caller writes every value: a large column is not written twice.
     */
    private static ByteBuffer allValid(BaseFixedWidthVector v, int n, int width, String column) {
        BufferAllocator allocator = v.getAllocator();
        try (ArrowBuf data = allocator.buffer(FixedWidthValues.bytes(n, width, column))) {
            // No nulls: the vector makes its validity buffer itself, all set.
            v.loadFieldBuffers(new ArrowFieldNode(n, 0), List.of(allocator.getEmpty(), data));
        }
        return FixedWidthValues.view(v.getDataBuffer(), n, width, column);
    }

    /** Sets the first {@code n} bits, and only those (a reader may look at the bits past the last value). */
    private static void setValid(ArrowBuf validity, int n) {
        validity.setOne(0L, n / 8);
        if (n % 8 != 0) {
            validity.setByte(n / 8, (1 << (n % 8)) - 1);
        }
    }

    private static void booleans(BitVector v, boolean[] values) {
        int n = values.length;
        v.allocateNew(n);
        byte[] bits = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (values[i]) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        setValid(v.getValidityBuffer(), n);
        v.getDataBuffer().setBytes(0, bits);
    }

    private static void variableWidth(BaseVariableWidthVector v, byte[][] values) {
        long total = 0;
        for (byte[] b : values) {
            total += b == null ? 0 : b.length;
        }
        v.allocateNew(total, values.length);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) v.setNull(i); else v.set(i, values[i]);
        }
    }

    /**
     * Gives a vector column its rows, all elements valid (a null row's are zeros), each row null or not,
     * and returns a view of the element buffer to write the rows into.
     */
    private static ByteBuffer vectorRows(FixedSizeListVector v, TableColumn c, List<?> rows, int width) {
        int n = c.length();
        long elements = (long) n * c.dimension();
        if (elements > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("column '" + c.name() + "' has " + elements + " values, more than a vector takes");
        }
        BaseFixedWidthVector values = (BaseFixedWidthVector) v.getDataVector();
        ByteBuffer view = allValid(values, (int) elements, width, c.name());
        int nulls = 0;
        for (int i = 0; i < n; i++) {
            if (rows.get(i) == null) {
                nulls++;
            }
        }
        BufferAllocator allocator = v.getAllocator();
        if (nulls == 0) {
            v.loadFieldBuffers(new ArrowFieldNode(n, 0), List.of(allocator.getEmpty()));
            return view;
        }
        long rowBytes = (long) c.dimension() * width;
        try (ArrowBuf validity = allocator.buffer((n + 7) / 8)) {
            validity.setZero(0, validity.capacity());
            for (int i = 0; i < n; i++) {
                if (rows.get(i) == null) {
                    values.getDataBuffer().setZero(i * rowBytes, rowBytes);
                } else {
                    BitVectorHelper.setBit(validity, i);
                }
            }
            v.loadFieldBuffers(new ArrowFieldNode(n, nulls), List.of(validity));
        }
        return view;
    }
}
