package dev.procwire.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.Arrays;
import java.util.List;

/**
 * The Java column types of an Arrow table (the README's Java ↔ Arrow type table), each with the method
 * of the runtime's {@code ArrowColumns} that reads it and of {@code TableBuilder} that writes it (both
 * have the same name). A column record's component is of the {@link #columnType()}; a row record's
 * component is of the {@link #rowType()}, one value of that column, so {@code byte[]} is an Int8 column
 * in a column record and a Binary value in a row record.
 */
enum ArrowColumnType {
    LONGS(array(TypeName.LONG), "longs", TypeName.LONG),
    INTS(array(TypeName.INT), "ints", TypeName.INT),
    SHORTS(array(TypeName.SHORT), "shorts", TypeName.SHORT),
    BYTES(array(TypeName.BYTE), "bytes", TypeName.BYTE),
    FLOATS(array(TypeName.FLOAT), "floats", TypeName.FLOAT),
    DOUBLES(array(TypeName.DOUBLE), "doubles", TypeName.DOUBLE),
    BOOLEANS(array(TypeName.BOOLEAN), "booleans", TypeName.BOOLEAN),
    LONG_LIST(list(ClassName.get(Long.class)), "longList", ClassName.get(Long.class)),
    INT_LIST(list(ClassName.get(Integer.class)), "intList", ClassName.get(Integer.class)),
    SHORT_LIST(list(ClassName.get(Short.class)), "shortList", ClassName.get(Short.class)),
    BYTE_LIST(list(ClassName.get(Byte.class)), "byteList", ClassName.get(Byte.class)),
    FLOAT_LIST(list(ClassName.get(Float.class)), "floatList", ClassName.get(Float.class)),
    DOUBLE_LIST(list(ClassName.get(Double.class)), "doubleList", ClassName.get(Double.class)),
    BOOLEAN_LIST(list(ClassName.get(Boolean.class)), "booleanList", ClassName.get(Boolean.class)),
    STRINGS(list(ClassName.get(String.class)), "strings", ClassName.get(String.class)),
    INSTANTS(list(ClassName.get("java.time", "Instant")), "instants", ClassName.get("java.time", "Instant")),
    BINARIES(list(array(TypeName.BYTE)), "binaries", array(TypeName.BYTE)),
    FLOAT_VECTORS(list(array(TypeName.FLOAT)), "floatVectors", array(TypeName.FLOAT)),
    DOUBLE_VECTORS(list(array(TypeName.DOUBLE)), "doubleVectors", array(TypeName.DOUBLE)),
    /** {@code float[][]}: read and written through the {@code List<float[]>} of {@link #FLOAT_VECTORS}. */
    FLOAT_MATRIX(array(array(TypeName.FLOAT)), "floatVectors", null),
    DOUBLE_MATRIX(array(array(TypeName.DOUBLE)), "doubleVectors", null);

    private final TypeName columnType;
    private final String method;
    private final TypeName rowType;

    ArrowColumnType(TypeName columnType, String method, TypeName rowType) {
        this.columnType = columnType;
        this.method = method;
        this.rowType = rowType;
    }

    /** The type of a column record's component holding the whole column. */
    TypeName columnType() {
        return columnType;
    }

    /** The {@code ArrowColumns} reader and {@code TableBuilder} writer. */
    String method() {
        return method;
    }

    /** The type of a row record's component holding one value of the column; {@code null}: none. */
    TypeName rowType() {
        return rowType;
    }

    /** Whether the column, as {@code ArrowColumns} reads it, is a primitive array (else a {@code List}). */
    boolean primitiveArray() {
        return ordinal() <= BOOLEANS.ordinal();
    }

    /** Whether the column is an array of arrays, converted from and to the {@code List} the runtime speaks. */
    boolean matrix() {
        return this == FLOAT_MATRIX || this == DOUBLE_MATRIX;
    }

    /** Whether {@code TableBuilder} takes the vectors' dimension too. */
    boolean vectors() {
        return method.endsWith("Vectors");
    }

    /** The column type a column record's component of {@code type} is, or {@code null}. */
    static ArrowColumnType ofColumn(TypeName type) {
        return Arrays.stream(values()).filter(c -> c.columnType.equals(type)).findFirst().orElse(null);
    }

    /** The column a row record's component of {@code type} is a value of, or {@code null}. */
    static ArrowColumnType ofRowValue(TypeName type) {
        return Arrays.stream(values()).filter(c -> type.equals(c.rowType)).findFirst().orElse(null);
    }

    /** The column types of a column record, for an error listing them. */
    static String columnTypes() {
        return describe(Arrays.stream(values()).map(c -> c.columnType).toList());
    }

    /** The component types of a row record, for an error listing them. */
    static String rowTypes() {
        return describe(Arrays.stream(values()).filter(c -> c.rowType != null).map(c -> c.rowType).toList());
    }

    /** {@code java.util.List<java.lang.String>} → {@code List<String>}. */
    static String shown(TypeName type) {
        return type.toString().replace("java.util.", "").replace("java.lang.", "").replace("java.time.", "");
    }

    private static String describe(List<TypeName> types) {
        List<String> names = types.stream().map(ArrowColumnType::shown).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static TypeName array(TypeName component) {
        return ArrayTypeName.of(component);
    }

    private static TypeName list(TypeName element) {
        // Not a constant: the constants above are built before any static field of the enum.
        return ParameterizedTypeName.get(ClassName.get("java.util", "List"), element);
    }
}
