package dev.procwire.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <Record>_ProcwireArrow}: how a record is read and written as an Arrow table. As a column
 * record, {@code read(VectorSchemaRoot)} and {@code write(Record)}; as a row record,
 * {@code readRows(VectorSchemaRoot)} and {@code writeRows(List<? extends Record>)}; each that the record
 * has, whichever a service uses, so the class is the same for every service. The bodies only call the
 * runtime's {@code ArrowColumns} (one reader per column, which checks the column's Arrow type) and
 * {@code TableBuilder}; what they add is a check that every column is as long as the table, so a
 * ragged table is refused naming its column. Arrow's types appear in this class only, never in a value
 * codec a service without Arrow may load too.
 *
 * <p>Kept out of auto-complete like a value codec: public only when its record is public all the way
 * out (then a binding in another package calls it), else package-private; its constructor is private.
 */
final class ArrowMappingGenerator {
    private static final String ARROW = "dev.procwire.runtime.arrow";
    static final ClassName ARROW_PAYLOADS = ClassName.get(ARROW, "ArrowPayloads");
    static final ClassName VECTOR_SCHEMA_ROOT = ClassName.bestGuess(ArrowClassifier.VECTOR_SCHEMA_ROOT);
    private static final ClassName ARROW_COLUMNS = ClassName.get(ARROW, "ArrowColumns");
    private static final ClassName TABLE_BUILDER = ClassName.get(ARROW, "TableBuilder");
    private static final ClassName ARROW_PAYLOAD_EXCEPTION = ClassName.get(ARROW, "ArrowPayloadException");
    private static final ClassName INVALID_PAYLOAD_EXCEPTION = ClassName.get("dev.procwire.runtime.codec",
            "InvalidPayloadException");
    private static final ClassName LIST = ClassName.get("java.util", "List");
    private static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    private static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
    private static final String CHECK_LENGTH = "checkLength";

    private ArrowMappingGenerator() {}

    /** The mapping class of record {@code r}. */
    static JavaFile generate(ArrowRecord r) {
        ClassName name = r.mappingName();
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addAnnotation(ValueCodecGenerator.GENERATED)
                .addAnnotation(ValueCodecGenerator.SUPPRESS_DEPRECATION)
                .addJavadoc("Reads and writes {@link $T} as an Arrow table; generated for Procwire service bindings.\n",
                        r.className())
                .addModifiers(Modifier.FINAL)
                .addOriginatingElement(r.element())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (r.accessibleEverywhere()) {
            type.addModifiers(Modifier.PUBLIC);
        }
        if (r.columns() != null) {
            type.addMethod(readColumns(r)).addMethod(writeColumns(r));
        }
        if (r.rowColumns() != null) {
            type.addMethod(readRows(r)).addMethod(writeRows(r));
        }
        type.addMethod(checkLength());
        return JavaFile.builder(name.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static MethodSpec.Builder method(String name) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC);
    }

    /** {@code read}: each component from its column, checked to be as long as the table. */
    private static MethodSpec readColumns(ArrowRecord r) {
        NameAllocator locals = CodecEmitter.locals("table", "rows");
        MethodSpec.Builder m = method("read").returns(r.className())
                .addParameter(VECTOR_SCHEMA_ROOT, "table")
                .addJavadoc("Reads each component from the column of its name; a column of another length than the "
                        + "table\nis refused, and so is what the record's constructor refuses.\n")
                .addStatement("int rows = $T.rowCount(table)", ARROW_COLUMNS);
        List<CodeBlock> arguments = new ArrayList<>();
        for (ArrowRecord.Column c : r.columns()) {
            String local = readColumn(m, c, false, locals);
            arguments.add(CodeBlock.of("$N", local));
        }
        String caught = locals.newName("e");
        CodeBlock record = CodeBlock.of("new $T($L)", r.className(), CodeBlock.join(arguments, ",$W"));
        ValueCodecGenerator.refusable(m, CodeBlock.of("return $L", record), INVALID_PAYLOAD_EXCEPTION,
                CodeBlock.of("$S", r.className().simpleName()), caught);
        return m.build();
    }

    /**
     * Declares a local holding column {@code c} as the runtime reads it, checks its length, and names it.
     * A primitive column read for a row record's component names the box as what takes a null.
     */
    private static String readColumn(MethodSpec.Builder m, ArrowRecord.Column c, boolean rows, NameAllocator locals) {
        String local = CodecEmitter.newLocal(locals, c.component());
        CodeBlock read = rows && c.type().primitiveArray()
                ? CodeBlock.of("$T.$N(table, $S, $S)", ARROW_COLUMNS, c.type().method(), c.name(),
                        ArrowColumnType.shown(c.type().rowType().box()))
                : CodeBlock.of("$T.$N(table, $S)", ARROW_COLUMNS, c.type().method(), c.name());
        if (c.type().matrix()) {
            TypeName element = ((ArrayTypeName) ((ArrayTypeName) c.type().columnType()).componentType()).componentType();
            read = CodeBlock.of("$L.toArray(new $T[0][])", read, element);
        }
        m.addStatement("$T $N = $L", c.type().columnType(), local, read);
        boolean array = c.type().primitiveArray() || c.type().matrix();
        m.addStatement("$N($S, $N.$L, rows)", CHECK_LENGTH, c.name(), local, array ? "length" : "size()");
        return local;
    }

    /** {@code write}: a table with a column per component. */
    private static MethodSpec writeColumns(ArrowRecord r) {
        CodeBlock.Builder build = CodeBlock.builder().add("return new $T()", TABLE_BUILDER);
        for (ArrowRecord.Column c : r.columns()) {
            CodeBlock value = CodeBlock.of("value.$N()", c.component());
            if (c.type().matrix()) {
                // null stays null, for the builder to refuse naming the column
                value = CodeBlock.of("$L == null ? null : $T.asList($L)", value, ARRAYS, value);
            }
            build.add("\n.$N($S,$W$L$L)", c.type().method(), c.name(), value, c.type().vectors() ? ", -1" : "");
        }
        return method("write").returns(VECTOR_SCHEMA_ROOT)
                .addParameter(r.className(), "value")
                .addJavadoc("A table with a column per component, named as the component travels; the caller owns it.\n")
                .addStatement("$L\n.build()", build.build())
                .build();
    }

    /** {@code readRows}: one record per row, from the columns its components are values of. */
    private static MethodSpec readRows(ArrowRecord r) {
        NameAllocator locals = CodecEmitter.locals("table", "rows", "result", "i");
        MethodSpec.Builder m = method("readRows").returns(ParameterizedTypeName.get(LIST, r.className()))
                .addParameter(VECTOR_SCHEMA_ROOT, "table")
                .addJavadoc("Reads a record per row, each component from the column of its name; a column of "
                        + "another\nlength than the table is refused, and so is a row the record's constructor "
                        + "refuses.\n")
                .addStatement("int rows = $T.rowCount(table)", ARROW_COLUMNS);
        List<CodeBlock> arguments = new ArrayList<>();
        for (ArrowRecord.Column c : r.rowColumns()) {
            String local = readColumn(m, c, true, locals);
            arguments.add(CodeBlock.of(c.type().primitiveArray() ? "$N[i]" : "$N.get(i)", local));
        }
        String caught = locals.newName("e");
        m.addStatement("$T result = new $T<>(rows)", ParameterizedTypeName.get(LIST, r.className()), ARRAY_LIST)
                .beginControlFlow("for (int i = 0; i < rows; i++)");
        CodeBlock record = CodeBlock.of("new $T($L)", r.className(), CodeBlock.join(arguments, ",$W"));
        ValueCodecGenerator.refusable(m, CodeBlock.of("result.add($L)", record), INVALID_PAYLOAD_EXCEPTION,
                CodeBlock.of("$S + i", r.className().simpleName() + " at row "), caught);
        return m.endControlFlow()
                .addStatement("return result")
                .build();
    }

    /** {@code writeRows}: a column per component, holding each record's value in row order. */
    private static MethodSpec writeRows(ArrowRecord r) {
        NameAllocator locals = CodecEmitter.locals("rows", "size", "i", "row");
        MethodSpec.Builder m = method("writeRows").returns(VECTOR_SCHEMA_ROOT)
                .addParameter(ParameterizedTypeName.get(LIST, WildcardTypeName.subtypeOf(r.className())), "rows")
                .addJavadoc("A table with a row per record and a column per component; the caller owns it.\n")
                .addStatement("int size = rows.size()");
        List<String> columns = new ArrayList<>();
        for (ArrowRecord.Column c : r.rowColumns()) {
            String local = CodecEmitter.newLocal(locals, c.component());
            columns.add(local);
            if (c.type().primitiveArray()) {
                m.addStatement("$T $N = new $T[size]", c.type().columnType(), local, c.type().rowType());
            } else {
                m.addStatement("$T $N = new $T<>(size)", c.type().columnType(), local, ARRAY_LIST);
            }
        }
        m.addStatement("int i = 0").beginControlFlow("for ($T row : rows)", r.className())
                .beginControlFlow("if (row == null)")
                .addStatement("throw new $T($S + i + $S)", IllegalArgumentException.class, "row ",
                        " is null: a table has no null rows")
                .endControlFlow();
        CodeBlock.Builder build = CodeBlock.builder().add("return new $T()", TABLE_BUILDER);
        for (int k = 0; k < columns.size(); k++) {
            ArrowRecord.Column c = r.rowColumns().get(k);
            String local = columns.get(k);
            m.addStatement(c.type().primitiveArray() ? "$N[i] = row.$N()" : "$N.add(row.$N())", local, c.component());
            build.add("\n.$N($S, $N$L)", c.type().method(), c.name(), local, c.type().vectors() ? ", -1" : "");
        }
        return m.addStatement("i++").endControlFlow()
                .addStatement("$L\n.build()", build.build())
                .build();
    }

    /** The refusal of a ragged table: a column of another length than the table's row count. */
    private static MethodSpec checkLength() {
        return MethodSpec.methodBuilder(CHECK_LENGTH).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(String.class, "column")
                .addParameter(TypeName.INT, "length")
                .addParameter(TypeName.INT, "rows")
                .beginControlFlow("if (length != rows)")
                .addStatement("throw new $T($S + column + $S + length +$W$S + rows + $S)", ARROW_PAYLOAD_EXCEPTION,
                        "column '", "' has ", " values, but the table has ", " rows")
                .endControlFlow()
                .build();
    }
}
