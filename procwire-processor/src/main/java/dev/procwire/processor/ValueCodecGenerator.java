package dev.procwire.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.procwire.processor.ValueClass.Construction;
import dev.procwire.processor.ValueClass.Property;
import dev.procwire.processor.ValueClass.ReadAccess;
import dev.procwire.processor.ValueClass.WriteAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Emits {@code <Name>_ProcwireCodec}: the static {@code write} and {@code read} of one record, POJO or
 * enum. Records and POJOs are MsgPack maps keyed by property name (unknown keys skipped, a missing
 * primitive an error unless a no-argument constructor gave it a default); enums are their constant's
 * name. A generic class's codec takes an encoder or decoder per type parameter. An exception from the
 * constructor or a setter the reader calls with what it read is the payload's fault: an invalid-params
 * error with the exception's message.
 *
 * <p>Visibility keeps codecs out of auto-complete where Java allows it. A codec is public only when its
 * value class is public all the way out: then the binding of a service in another package calls it, and
 * so may a later compilation that finds it on the class path (the processor reuses a codec a value
 * class brings along). Otherwise it is package-private, like its value class. Its helpers are private,
 * and {@code writeTagged}, which only the codec of a sealed supertype calls, is package-private unless
 * that supertype is in another package (possible in a named module).
 */
final class ValueCodecGenerator {
    static final AnnotationSpec GENERATED = AnnotationSpec.builder(
            ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", ProcwireProcessor.class.getName())
            .build();
    /**
     * On every generated class: it calls what the user wrote, deprecated or not, and a warning there
     * would fail a build with {@code -Werror} over code the user cannot change.
     */
    static final AnnotationSpec SUPPRESS_DEPRECATION = AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "{$S, $S}", "deprecation", "removal")
            .build();

    private ValueCodecGenerator() {}

    static JavaFile generate(ValueClass vc) {
        ClassName codec = vc.codecName();
        CodecEmitter emitter = new CodecEmitter(codec, vc.typeVariables());
        TypeSpec.Builder type = TypeSpec.classBuilder(codec)
                .addAnnotation(GENERATED)
                .addAnnotation(SUPPRESS_DEPRECATION)
                .addJavadoc("Reads and writes {@link $T} as MsgPack; generated for Procwire service bindings.\n",
                        vc.className())
                .addModifiers(Modifier.FINAL)
                .addOriginatingElement(vc.element())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (vc.accessibleEverywhere()) {
            type.addModifiers(Modifier.PUBLIC);
        }
        switch (vc.kind()) {
            case ENUM -> type.addMethod(enumWrite(vc)).addMethod(enumRead(vc));
            case SEALED -> type.addMethod(sealedWrite(vc)).addMethod(sealedRead(vc));
            case RECORD, POJO -> {
                type.addMethod(beanWrite(vc, emitter));
                if (vc.tagged()) {
                    type.addMethod(beanWriteTagged(vc, emitter));
                }
                type.addMethod(beanRead(vc, emitter));
            }
        }
        type.addMethods(emitter.helpers());
        return JavaFile.builder(codec.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static TypeName valueType(ValueClass vc) {
        if (vc.typeVariables().isEmpty()) {
            return vc.className();
        }
        return ParameterizedTypeName.get(vc.className(), vc.typeVariables().stream()
                .map(v -> (TypeName) TypeVariableName.get(v.name())).toArray(TypeName[]::new));
    }

    private static MethodSpec.Builder signature(ValueClass vc, String name, boolean reading) {
        return signature(vc, name, reading, true);
    }

    private static MethodSpec.Builder signature(ValueClass vc, String name, boolean reading, boolean isPublic) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC)
                .addTypeVariables(vc.typeVariables());
        if (isPublic) {
            m.addModifiers(Modifier.PUBLIC);
        }
        if (reading) {
            m.returns(valueType(vc)).addParameter(CodecEmitter.READER, "in");
        } else {
            m.addParameter(CodecEmitter.WRITER, "out").addParameter(valueType(vc), "value");
        }
        for (TypeVariableName v : vc.typeVariables()) {
            TypeVariableName plain = TypeVariableName.get(v.name());
            if (reading) {
                m.addParameter(ParameterizedTypeName.get(CodecEmitter.DECODER, WildcardTypeName.subtypeOf(plain)),
                        CodecEmitter.decoderParameter(v.name()));
            } else {
                m.addParameter(ParameterizedTypeName.get(CodecEmitter.ENCODER, WildcardTypeName.supertypeOf(plain)),
                        CodecEmitter.encoderParameter(v.name()));
            }
        }
        return m;
    }

    private static MethodSpec enumWrite(ValueClass vc) {
        if (vc.enumConstants().stream().allMatch(c -> c.name().equals(c.wireName()))) {
            return signature(vc, "write", false)
                    .addJavadoc("Writes the constant's name, or nil.\n")
                    .addStatement("if (value == null) out.writeNil(); else out.writeString(value.name())")
                    .build();
        }
        MethodSpec.Builder m = signature(vc, "write", false)
                .addJavadoc("Writes the constant's wire name, or nil.\n")
                .beginControlFlow("if (value == null)")
                .addStatement("out.writeNil()")
                .addStatement("return")
                .endControlFlow()
                .addCode("out.writeString(switch (value) {\n$>");
        for (ValueClass.Constant c : vc.enumConstants()) {
            m.addCode("case $N -> $S;\n", c.name(), c.wireName());
        }
        return m.addCode("$<});\n").build();
    }

    private static MethodSpec enumRead(ValueClass vc) {
        MethodSpec.Builder m = signature(vc, "read", true)
                .addJavadoc("Reads a constant by name; nil is {@code null}.\n")
                .beginControlFlow("if (in.tryReadNil())")
                .addStatement("return null")
                .endControlFlow()
                .addStatement("String name = in.readString()");
        String expected = String.join(", ", vc.enumConstants().stream().map(ValueClass.Constant::wireName).toList());
        CodeBlock unknown = CodeBlock.of("in.invalid($S +$Wname +$W$L)",
                "unknown " + vc.className().simpleName() + " \"",
                CodecEmitter.wrappedString("\"; expected one of: " + (expected.isEmpty() ? "(none)" : expected)));
        if (vc.enumConstants().isEmpty()) {
            return m.addStatement("throw $L", unknown).build();
        }
        m.addCode("return switch (name) {\n$>");
        for (ValueClass.Constant c : vc.enumConstants()) {
            m.addStatement("case $S -> $T.$N", c.wireName(), vc.className(), c.name());
        }
        m.addStatement("default -> throw $L", unknown);
        return m.addCode("$<};\n").build();
    }

    private static MethodSpec beanWrite(ValueClass vc, CodecEmitter emitter) {
        MethodSpec.Builder m = signature(vc, "write", false)
                .addJavadoc("Writes a map of the properties, or nil.\n")
                .beginControlFlow("if (value == null)")
                .addStatement("out.writeNil()")
                .addStatement("return")
                .endControlFlow()
                .addStatement("out.writeMapHeader($L)", vc.properties().size());
        return writeProperties(m, vc, emitter, CodecEmitter.locals("out", "value")).build();
    }

    /**
     * {@code writeTagged(out, value, key, tag)}: the map of the properties with one more entry first,
     * {@code key: tag}, for the codec of a sealed type that permits this class.
     */
    private static MethodSpec beanWriteTagged(ValueClass vc, CodecEmitter emitter) {
        // Only the codec of a sealed supertype calls it: not public unless that one is in another package.
        MethodSpec.Builder m = signature(vc, "writeTagged", false, vc.taggedFromAnotherPackage())
                .addParameter(String.class, "key")
                .addParameter(String.class, "tag")
                .addJavadoc("Writes a map of the properties after {@code key: tag}, the discriminator of a sealed type.\n")
                .addStatement("out.writeMapHeader($L)", vc.properties().size() + 1)
                .addStatement("out.writeString(key)")
                .addStatement("out.writeString(tag)");
        return writeProperties(m, vc, emitter, CodecEmitter.locals("out", "value", "key", "tag")).build();
    }

    private static MethodSpec.Builder writeProperties(MethodSpec.Builder m, ValueClass vc, CodecEmitter emitter,
            NameAllocator locals) {
        for (Property p : vc.properties()) {
            CodeBlock get = p.readAccess() == ReadAccess.FIELD
                    ? CodeBlock.of("value.$N", p.readMember())
                    : CodeBlock.of("value.$N()", p.readMember());
            m.addStatement("out.writeString($S)", p.wireName());
            m.addCode(emitter.write(p.type(), "out", get, locals));
        }
        return m;
    }

    /** Writes the subtype's map with the discriminator first: the first permitted subtype the value is. */
    private static MethodSpec sealedWrite(ValueClass vc) {
        MethodSpec.Builder m = signature(vc, "write", false)
                .addJavadoc("Writes the value's class as a map with $S first, or nil.\n", vc.discriminator())
                .beginControlFlow("if (value == null)")
                .addStatement("out.writeNil()");
        for (ValueClass.Subtype s : vc.subtypes()) {
            m.nextControlFlow("else if (value instanceof $T)", s.valueClass().className())
                    .addStatement("$T.writeTagged(out,$W($T) value,$W$S,$W$S)", s.valueClass().codecName(),
                            s.valueClass().className(), vc.discriminator(), s.tag());
        }
        // Unreachable while the generated code is as new as the sealed type's permits clause.
        return m.nextControlFlow("else")
                .addStatement("throw new $T($S + value)", IllegalArgumentException.class,
                        "not a permitted " + vc.className().simpleName() + ": ")
                .endControlFlow()
                .build();
    }

    /** Finds the discriminator wherever it is in the map, then reads the whole map as that subtype. */
    private static MethodSpec sealedRead(ValueClass vc) {
        String simple = vc.className().simpleName();
        String expected = String.join(", ", vc.subtypes().stream().map(ValueClass.Subtype::tag).toList());
        MethodSpec.Builder m = signature(vc, "read", true)
                .addJavadoc("Reads the subtype named by $S; nil is {@code null}.\n", vc.discriminator())
                .beginControlFlow("if (in.tryReadNil())")
                .addStatement("return null")
                .endControlFlow()
                .addStatement("String tag = in.peekMapString($S)", vc.discriminator())
                .beginControlFlow("if (tag == null)")
                .addStatement("throw in.invalid($L)", CodecEmitter.wrappedString(
                        "missing " + simple + "." + vc.discriminator() + "; expected one of: " + expected))
                .endControlFlow()
                .addCode("return switch (tag) {\n$>");
        for (ValueClass.Subtype s : vc.subtypes()) {
            m.addStatement("case $S -> $T.read(in)", s.tag(), s.valueClass().codecName());
        }
        m.addStatement("default -> throw in.invalid($S +$Wtag +$W$L)",
                "unknown " + simple + "." + vc.discriminator() + " \"",
                CodecEmitter.wrappedString("\"; expected one of: " + expected));
        return m.addCode("$<};\n").build();
    }

    private static MethodSpec beanRead(ValueClass vc, CodecEmitter emitter) {
        MethodSpec.Builder m = signature(vc, "read", true)
                .addJavadoc("Reads a map of the properties; unknown keys are skipped, nil is {@code null}.\n")
                .beginControlFlow("if (in.tryReadNil())")
                .addStatement("return null")
                .endControlFlow();
        NameAllocator locals = CodecEmitter.locals("in", "size", "i", "result");
        String caught = locals.newName("e");
        MapIntoLocals fields = new MapIntoLocals(emitter, locals);
        boolean viaConstructor = vc.construction() == Construction.ALL_ARGS_CONSTRUCTOR;
        String simple = vc.className().simpleName();
        if (viaConstructor) {
            for (Property p : vc.properties()) {
                if (p.writeAccess() == WriteAccess.CONSTRUCTOR) {
                    fields.declare(m, p.name(), p.type());
                }
            }
        } else {
            m.addStatement("$T result = new $T$L()", valueType(vc), vc.className(), vc.typeVariables().isEmpty() ? "" : "<>");
        }
        m.addStatement("in.enterNested()"); // recursive types must not nest past the reader's limit
        fields.beginEntries(m);
        for (Property p : vc.properties()) {
            if (p.writeAccess() == WriteAccess.CONSTRUCTOR) {
                fields.readCase(m, p.wireName(), p.name(), p.type());
                continue;
            }
            CodeBlock value = emitter.read(p.type(), "in");
            switch (p.writeAccess()) {
                case SETTER -> {
                    // Read first, so that only the setter's own refusal is blamed on the value.
                    String local = CodecEmitter.newLocal(locals, p.name());
                    m.beginControlFlow("case $S ->", p.wireName())
                            .addStatement("$T $N = $L", p.type().typeName(), local, value);
                    refusable(m, CodeBlock.of("result.$N($N)", p.writeMember(), local), CodecEmitter.MSGPACK_EXCEPTION,
                            CodeBlock.of("$S", simple + "." + p.name()), caught);
                    m.endControlFlow();
                }
                case FIELD -> m.addStatement("case $S -> result.$N = $L", p.wireName(), p.writeMember(), value);
                default -> { } // read-only: skipped like an unknown key
            }
        }
        fields.endEntries(m);
        m.addStatement("in.leaveNested()");
        if (!viaConstructor) {
            return m.addStatement("return result").build();
        }
        List<String> args = new ArrayList<>();
        for (Property p : vc.properties()) {
            fields.requirePresent(m, p.name(), "missing " + simple + "." + p.wireName() + " (" + p.type().typeName() + ")");
        }
        for (String name : vc.constructorOrder()) {
            args.add(fields.local(name));
        }
        refusable(m, CodeBlock.of("return new $T$L($L)", vc.className(), vc.typeVariables().isEmpty() ? "" : "<>",
                CodeBlock.join(args.stream().map(a -> CodeBlock.of("$N", a)).toList(), ",$W")),
                CodecEmitter.MSGPACK_EXCEPTION, CodeBlock.of("$S", simple), caught);
        return m.build();
    }

    /**
     * {@code statement} — a call into the value class's own code with what was read — inside a
     * {@code try} that turns the value's refusal (a constructor or setter validating its input) into
     * an invalid-params error naming {@code what}, made by {@code kind}'s {@code refusedBy}
     * ({@code MsgPackException} while reading MsgPack, {@code InvalidPayloadException} while reading a
     * table). Catching {@code Exception} also lets a constructor that declares checked exceptions be
     * called.
     *
     * @param what an expression of the name of what refused, {@code "Range"} or {@code "Span at row " + i}
     */
    static void refusable(MethodSpec.Builder m, CodeBlock statement, ClassName kind, CodeBlock what, String caught) {
        m.beginControlFlow("try")
                .addStatement(statement)
                .nextControlFlow("catch ($T $N)", Exception.class, caught)
                .addStatement("throw $T.refusedBy($L, $N)", kind, what, caught)
                .endControlFlow();
    }
}
