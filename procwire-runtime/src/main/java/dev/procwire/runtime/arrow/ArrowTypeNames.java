package dev.procwire.runtime.arrow;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Arrow types as error messages name them, in the spelling of Arrow's own docs and of the parent's
 * {@code apache-arrow} ({@code Int64}, {@code Float32}, {@code Utf8}, {@code Timestamp(ms, UTC)},
 * {@code FixedSizeList<Float32>(384)}), not Arrow Java's {@code toString} ({@code Int(64, true)}).
 */
final class ArrowTypeNames {
    private ArrowTypeNames() {}

    static String of(Field field) {
        if (field.getDictionary() != null) {
            return "Dictionary<" + of(field.getDictionary().getIndexType()) + ", …>";
        }
        ArrowType t = field.getType();
        return switch (t.getTypeID()) {
            case List, LargeList, FixedSizeList, ListView, LargeListView -> of(t)
                    .replace("<>", "<" + (field.getChildren().isEmpty() ? "?" : of(field.getChildren().get(0))) + ">");
            default -> of(t);
        };
    }

    /** The name of {@code t}; a list type's element type is left empty ({@code List<>}): see {@link #of(Field)}. */
    static String of(ArrowType t) {
        return switch (t.getTypeID()) {
            case Int -> {
                ArrowType.Int i = (ArrowType.Int) t;
                yield (i.getIsSigned() ? "Int" : "UInt") + i.getBitWidth();
            }
            case FloatingPoint -> switch (((ArrowType.FloatingPoint) t).getPrecision()) {
                case HALF -> "Float16";
                case SINGLE -> "Float32";
                case DOUBLE -> "Float64";
            };
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) t;
                yield "Timestamp(" + unit(ts.getUnit()) + (ts.getTimezone() == null ? "" : ", " + ts.getTimezone()) + ")";
            }
            case Date -> "Date(" + (((ArrowType.Date) t).getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? "day" : "ms") + ")";
            case FixedSizeBinary -> "FixedSizeBinary(" + ((ArrowType.FixedSizeBinary) t).getByteWidth() + ")";
            case FixedSizeList -> "FixedSizeList<>(" + ((ArrowType.FixedSizeList) t).getListSize() + ")";
            case List -> "List<>";
            case LargeList -> "LargeList<>";
            case ListView -> "ListView<>";
            case LargeListView -> "LargeListView<>";
            default -> t.getTypeID().name();
        };
    }

    private static String unit(org.apache.arrow.vector.types.TimeUnit u) {
        return switch (u) {
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
