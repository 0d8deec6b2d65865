package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.procwire.api.NamingPolicy;
import dev.procwire.processor.ServiceModel.ArrowMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Decides how a Java type travels as an Arrow table (the {@code ARROW} codec), or why it cannot. A value
 * has one of three shapes: the table itself ({@code VectorSchemaRoot}); a record whose components are
 * whole columns ({@code long[] ids, List<String> names}), each of an {@link ArrowColumnType}; or a
 * {@code List} of flat records, one per row, whose components are values of those columns. A column's
 * name is its component's wire name ({@code @WireName}, the record's {@code @WireNaming}).
 */
final class ArrowClassifier {
    static final String VECTOR_SCHEMA_ROOT = "org.apache.arrow.vector.VectorSchemaRoot";
    /** The shapes an Arrow value may have, for the errors refusing another. */
    static final String SHAPES = "VectorSchemaRoot, a record whose components are columns (long[] ids, "
            + "List<String> names, …), or a List<R> of flat records R (one per row)";
    static final String MISSING = "Codec.ARROW, which needs Apache Arrow Java on the class path: add "
            + "org.apache.arrow:arrow-vector and org.apache.arrow:arrow-memory-unsafe (19.0.0)";
    private static final String LIST = "java.util.List";

    private final Elements elements;

    ArrowClassifier(Elements elements) {
        this.elements = elements;
    }

    /** Whether Apache Arrow Java is on the compile class path, so generated code naming its table compiles. */
    boolean available() {
        return elements.getTypeElement(VECTOR_SCHEMA_ROOT) != null;
    }

    /**
     * How a value of {@code type} found at {@code path} maps to a table; {@code null} when it has none of
     * the three shapes (the caller says where it is).
     *
     * @throws TypeProblem when it is a record, or a {@code List} of one, that cannot be mapped
     */
    ArrowMapping classify(TypeMirror type, String path) throws TypeProblem {
        TypeElement te = declared(type);
        if (te == null) {
            return null;
        }
        if (te.getQualifiedName().contentEquals(VECTOR_SCHEMA_ROOT)) {
            return new ArrowMapping.Table();
        }
        if (te.getKind() == ElementKind.RECORD) {
            return new ArrowMapping.Columns(record(te, false, path));
        }
        List<? extends TypeMirror> args = ((DeclaredType) bound(type)).getTypeArguments();
        TypeElement row = te.getQualifiedName().contentEquals(LIST) && args.size() == 1 ? declared(args.get(0)) : null;
        if (row != null && row.getKind() == ElementKind.RECORD) {
            return new ArrowMapping.Rows(record(row, true, path + "[]"));
        }
        return null;
    }

    /** The class or record {@code type} (a wildcard: its bound) names, or {@code null}. */
    private static TypeElement declared(TypeMirror type) {
        TypeMirror t = bound(type);
        return t != null && t.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t).asElement() : null;
    }

    private static TypeMirror bound(TypeMirror type) {
        if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) type;
            return w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
        }
        return type;
    }

    /**
     * Record {@code te}, used as a whole table ({@code rows} false) or as one row of it: the columns of that
     * use, and of the other one when the record has it too (its mapping class holds every mapping it has,
     * so that the class is the same for every service).
     */
    private ArrowRecord record(TypeElement te, boolean rows, String path) throws TypeProblem {
        List<ArrowRecord.Column> used = columns(te, rows, path);
        List<ArrowRecord.Column> other;
        try {
            other = columns(te, !rows, path);
        } catch (TypeProblem notThatShape) {
            other = null; // only the use at hand is the user's to fix
        }
        ClassName record = ClassName.get(te);
        return new ArrowRecord(te, record, Names.peerClass(record, "_ProcwireArrow"),
                TypeClassifier.accessibleEverywhere(te), rows ? other : used, rows ? used : other);
    }

    /** The columns of record {@code te} as a column record ({@code rows} false) or as a row record. */
    private List<ArrowRecord.Column> columns(TypeElement te, boolean rows, String path) throws TypeProblem {
        String simple = te.getSimpleName().toString();
        String unreachable = TypeClassifier.unreachable(te);
        if (unreachable != null) {
            throw new TypeProblem(path, "{path}: " + unreachable, te);
        }
        if (!te.getTypeParameters().isEmpty()) {
            throw new TypeProblem(path, "{path}: " + simple + " is generic, so its columns have no type to read: "
                    + "remove its type parameters", te);
        }
        if (te.getRecordComponents().isEmpty()) {
            throw new TypeProblem(path, "{path}: " + simple + " has no components, so a table of it would have no "
                    + "columns: give it a component per column", te);
        }
        NamingPolicy policy = WireNames.policyOf(te);
        Map<String, String> byName = new HashMap<>();
        List<ArrowRecord.Column> columns = new ArrayList<>();
        for (RecordComponentElement c : te.getRecordComponents()) {
            String component = c.getSimpleName().toString();
            Element field = TypeClassifier.backingField(te, component);
            String name;
            try {
                name = WireNames.of(component, policy, c);
            } catch (TypeProblem p) {
                throw p.under(path).blame(field); // javac has no position for a component: its field has
            }
            String other = byName.putIfAbsent(name, component);
            if (other != null) {
                throw new TypeProblem(path, "{path}: " + simple + "." + component + " and " + simple + "." + other
                        + " would both be column \"" + name + "\": give one another name with @WireName", field);
            }
            columns.add(new ArrowRecord.Column(component, name,
                    columnType(c.getAccessor().getReturnType(), rows, te, path + "." + component, field)));
        }
        return List.copyOf(columns);
    }

    /** The column a component of {@code type} is (or, of a row record, is a value of), or why it has none. */
    private ArrowColumnType columnType(TypeMirror type, boolean rows, TypeElement owner, String path, Element field)
            throws TypeProblem {
        TypeName name = TypeName.get(type);
        ArrowColumnType column = rows ? ArrowColumnType.ofRowValue(name) : ArrowColumnType.ofColumn(name);
        if (column != null) {
            return column;
        }
        String simple = owner.getSimpleName().toString();
        TypeElement nested = declared(type);
        if (nested != null && nested.getKind() == ElementKind.RECORD) {
            throw new TypeProblem(path, "record " + nested.getSimpleName() + " at {path} cannot be "
                    + (rows ? "a value of an Arrow row" : "an Arrow column") + ": move its components into " + simple
                    + (rows ? "" : " as columns of their own"), field);
        }
        if (rows) {
            throw new TypeProblem(path, "type " + type + " at {path} cannot be a value of an Arrow row; each "
                    + "component of a row record is one of " + ArrowColumnType.rowTypes(), field);
        }
        ArrowColumnType scalar = ArrowColumnType.ofRowValue(name);
        if (scalar != null) {
            throw new TypeProblem(path, "type " + type + " at {path} is one value, not an Arrow column: make it "
                    + ArrowColumnType.shown(scalar.columnType()) + ", or take a List<" + simple + "> to bind the table row by row",
                    field);
        }
        throw new TypeProblem(path, "type " + type + " at {path} cannot be an Arrow column; each component of a "
                + "column record is one of " + ArrowColumnType.columnTypes(), field);
    }
}
