package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.procwire.processor.WireType.CollectionKind;
import dev.procwire.processor.WireType.MapKind;
import dev.procwire.processor.WireType.PrimitiveKind;
import dev.procwire.processor.WireType.ScalarKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Emits the code that reads and writes {@link WireType}s inside one generated class. Simple types are
 * read and written inline, by direct {@code MsgPackReader}/{@code MsgPackWriter} calls; collections,
 * maps and optionals get one private static helper method per type, created on first use and shared
 * by every later use in the class; records, POJOs and enums call their shared codec class. A type with
 * a {@code @WireAdapter} gets a helper too, which converts with the adapter and reads or writes the
 * result.
 *
 * <p>Inside the codec of a generic value class, a type variable {@code T} is read and written by the
 * {@code decoderT}/{@code encoderT} the codec's caller passes in.
 */
final class CodecEmitter {
    static final ClassName READER = ClassName.get("dev.procwire.runtime.codec", "MsgPackReader");
    static final ClassName WRITER = ClassName.get("dev.procwire.runtime.codec", "MsgPackWriter");
    static final ClassName ENCODER = ClassName.get("dev.procwire.runtime.codec", "Encoder");
    static final ClassName DECODER = ClassName.get("dev.procwire.runtime.codec", "Decoder");
    static final ClassName CODECS = ClassName.get("dev.procwire.runtime.codec", "Codecs");
    static final ClassName MAP_KEYS = ClassName.get("dev.procwire.runtime.codec", "MapKeys");
    static final ClassName MSGPACK_EXCEPTION = ClassName.get("dev.procwire.runtime.codec", "MsgPackException");
    static final ClassName STRING_FORM = ClassName.get("dev.procwire.runtime.codec", "StringForm");
    private static final ClassName MAP_ENTRY = ClassName.get("java.util", "Map", "Entry");
    private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

    private final ClassName owner;
    private final List<TypeVariableName> typeVariables;
    private final Map<String, String> helperByKey = new HashMap<>();
    private final Names.Allocator helperNames = new Names.Allocator();
    private final List<MethodSpec> helpers = new ArrayList<>();

    /**
     * @param owner the class being generated, which will hold the helpers
     * @param typeVariables the value class's type variables when generating its codec, else empty
     */
    CodecEmitter(ClassName owner, List<TypeVariableName> typeVariables) {
        this.owner = owner;
        this.typeVariables = typeVariables;
        helperNames.reserve("read");
        helperNames.reserve("write");
    }

    /** The helper methods created so far, in creation order. */
    List<MethodSpec> helpers() {
        return helpers;
    }

    static String decoderParameter(String typeVariable) {
        return "decoder" + typeVariable;
    }

    static String encoderParameter(String typeVariable) {
        return "encoder" + typeVariable;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** An expression reading a {@code t} from reader {@code in}. */
    CodeBlock read(WireType t, String in) {
        if (t instanceof WireType.Primitive p) {
            return CodeBlock.of("$N.$N()", in, p.kind().readMethod);
        }
        if (t instanceof WireType.Boxed b) {
            return CodeBlock.of("$N.tryReadNil() ? null : $T.valueOf($N.$N())", in, b.typeName(), in, b.kind().readMethod);
        }
        if (t instanceof WireType.Scalar s) {
            return switch (s.kind()) {
                case STRING -> CodeBlock.of("$N.readNullableString()", in);
                case BYTES -> CodeBlock.of("$N.tryReadNil() ? null : $N.readBinary()", in, in);
                case BYTE_BUFFER -> CodeBlock.of("$N.tryReadNil() ? null : $N.readBinaryView()", in, in);
                case INSTANT -> CodeBlock.of("$N.tryReadNil() ? null : $N.readInstant()", in, in);
                case BIG_INTEGER -> CodeBlock.of("$N.tryReadNil() ? null : $N.readBigInteger()", in, in);
                case BIG_DECIMAL -> CodeBlock.of("$N.tryReadNil() ? null : $N.readBigDecimal()", in, in);
                case DYNAMIC -> CodeBlock.of("$N.readValue()", in);
                case UUID, LOCAL_DATE, LOCAL_TIME, LOCAL_DATE_TIME, OFFSET_DATE_TIME, ZONED_DATE_TIME, DURATION, PERIOD,
                        ZONE_ID, URI -> CodeBlock.of("$N.tryReadNil() ? null : $T.$N.read($N)", in, STRING_FORM,
                        stringForm(s.kind()), in);
            };
        }
        if (t instanceof WireType.Value v) {
            CodeBlock.Builder call = CodeBlock.builder().add("$T.read($N", v.valueClass().codecName(), in);
            for (WireType arg : v.typeArguments()) {
                call.add(", $L", decoder(arg));
            }
            return call.add(")").build();
        }
        if (t instanceof WireType.TypeVariable tv) {
            return CodeBlock.of("$N.decode($N)", decoderParameter(tv.name()), in);
        }
        if (t instanceof WireType.OptionalPrimitive o) {
            ClassName type = (ClassName) o.typeName();
            return CodeBlock.of("$N.tryReadNil() ? $T.empty() : $T.of($N.$N())", in, type, type, in, o.kind().readMethod);
        }
        return CodeBlock.of("$N($N$L)", readHelper(t), in, codecArguments(t, true));
    }

    /** The value a variable of type {@code t} holds when its key is missing from the payload. */
    static CodeBlock missingValue(WireType t) {
        if (t instanceof WireType.Primitive p) {
            return CodeBlock.of(p.kind().zero());
        }
        if (t instanceof WireType.OptionalOf) {
            return CodeBlock.of("$T.empty()", OPTIONAL);
        }
        if (t instanceof WireType.OptionalPrimitive o) {
            return CodeBlock.of("$T.empty()", o.typeName());
        }
        return CodeBlock.of("null");
    }

    /** An expression of type {@code Decoder<T>} (boxed), for a generic codec's argument. */
    CodeBlock decoder(WireType t) {
        if (t instanceof WireType.TypeVariable tv) {
            return CodeBlock.of("$N", decoderParameter(tv.name()));
        }
        if (t instanceof WireType.Value v && v.typeArguments().isEmpty()) {
            return CodeBlock.of("$T::read", v.valueClass().codecName());
        }
        if (t instanceof WireType.Scalar s && s.kind() == ScalarKind.DYNAMIC) {
            return CodeBlock.of("$T::readValue", READER);
        }
        if (t instanceof WireType.Scalar s && s.kind() == ScalarKind.STRING) {
            return CodeBlock.of("$T.STRING_DECODER", CODECS);
        }
        if (t.mentionsTypeVariable()) {
            return CodeBlock.of("$N($L)", codecFactory(t, true), codecArguments(t, true).toString().substring(2));
        }
        return CodeBlock.of("$T::$N", owner, readHelper(t));
    }

    /**
     * The name of the helper known by {@code key}: the one made before, or a new one named after
     * {@code base} whose method {@code body} builds (the helpers it uses in turn are added first).
     */
    private String helper(String key, String base, Function<String, MethodSpec> body) {
        String existing = helperByKey.get(key);
        if (existing != null) {
            return existing;
        }
        String name = helperNames.allocate(base, base);
        helperByKey.put(key, name);
        helpers.add(body.apply(name));
        return name;
    }

    private String readHelper(WireType t) {
        WireType boxed = t instanceof WireType.Primitive p ? new WireType.Boxed(p.kind()) : t;
        return helper("read " + boxed.typeName(), "read" + fragment(boxed, false), name -> readHelper(name, boxed));
    }

    private MethodSpec readHelper(String name, WireType boxed) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(boxed.typeName())
                .addParameter(READER, "in");
        addCodecParameters(m, boxed, true);
        if (boxed instanceof WireType.Sequence s) {
            readSequence(m, s);
        } else if (boxed instanceof WireType.ArrayOf a) {
            readArray(m, a);
        } else if (boxed instanceof WireType.Dictionary d) {
            readDictionary(m, d);
        } else if (boxed instanceof WireType.OptionalOf o) {
            m.beginControlFlow("if (in.tryReadNil())").addStatement("return $T.empty()", OPTIONAL).endControlFlow();
            m.addStatement("return $T.ofNullable($L)", OPTIONAL, read(o.element(), "in"));
        } else if (boxed instanceof WireType.Adapted a) {
            m.beginControlFlow("if (in.tryReadNil())").addStatement("return null").endControlFlow();
            m.addStatement("$T wire = $L", a.wire().typeName(), read(a.wire(), "in"));
            fromWire(m, a);
        } else {
            m.addStatement("return $L", read(boxed, "in"));
        }
        return m.build();
    }

    /** The body of a helper reading a collection: nil, or an array of its elements. */
    private void readSequence(MethodSpec.Builder m, WireType.Sequence s) {
        m.beginControlFlow("if (in.tryReadNil())").addStatement("return null").endControlFlow();
        m.addStatement("int size = in.readArrayHeader()");
        if (s.kind() == CollectionKind.ENUM_SET) {
            m.addStatement("$T result = $T.noneOf($T.class)", s.typeName(), s.kind().implementation,
                    s.element().typeName());
            m.beginControlFlow("for (int i = 0; i < size; i++)")
                    .addStatement("$T element = $L", s.element().typeName(), read(s.element(), "in"))
                    .addCode(refuseNil("element", "an EnumSet of " + enumName(s.element()) + " cannot hold nil"))
                    .addStatement("result.add(element)")
                    .endControlFlow()
                    .addStatement("return result");
        } else {
            if (s.kind().implementation.simpleName().equals("ArrayList")) {
                m.addStatement("$T result = new $T<>(size)", s.typeName(), s.kind().implementation);
            } else {
                m.addStatement("$T result = new $T<>()", s.typeName(), s.kind().implementation);
            }
            m.beginControlFlow("for (int i = 0; i < size; i++)");
            if (s.kind().sorted()) {
                m.addStatement("$T element = $L", s.element().typeName().box(), read(s.element(), "in"))
                        .addCode(refuseNil("element", "a " + s.kind().title + " cannot hold nil"))
                        .addStatement("result.add(element)");
            } else {
                m.addStatement("result.add($L)", read(s.element(), "in"));
            }
            m.endControlFlow()
                    .addStatement("return result");
        }
    }

    /** The body of a helper reading a Java array: nil, or a MsgPack array of its components. */
    private void readArray(MethodSpec.Builder m, WireType.ArrayOf a) {
        m.beginControlFlow("if (in.tryReadNil())").addStatement("return null").endControlFlow();
        m.addStatement("int size = in.readArrayHeader()");
        m.addStatement("$T result = $L", a.typeName(), newArray(a.component(), "size"));
        m.beginControlFlow("for (int i = 0; i < size; i++)")
                .addStatement("result[i] = $L", read(a.component(), "in"))
                .endControlFlow()
                .addStatement("return result");
    }

    /** The body of a helper reading a map: nil, or a MsgPack map of its keys and values. */
    private void readDictionary(MethodSpec.Builder m, WireType.Dictionary d) {
        m.beginControlFlow("if (in.tryReadNil())").addStatement("return null").endControlFlow();
        m.addStatement("int size = in.readMapHeader()");
        if (d.kind() == MapKind.ENUM_MAP) {
            m.addStatement("$T result = new $T<>($T.class)", d.typeName(), d.kind().implementation, d.key().typeName());
        } else {
            m.addStatement("$T result = new $T<>()", d.typeName(), d.kind().implementation);
        }
        m.beginControlFlow("for (int i = 0; i < size; i++)")
                .addStatement("$T key = $L", d.key().typeName().box(), readKey(d.key()));
        if (d.kind() == MapKind.ENUM_MAP) {
            m.addCode(refuseNil("key", "an EnumMap keyed by " + enumName(d.key()) + " cannot have a nil key"));
        } else if (d.kind().sorted()) {
            m.addCode(refuseNil("key", "a " + d.kind().title + " cannot have a nil key"));
        }
        m.addStatement("result.put(key, $L)", read(d.value(), "in"))
                .endControlFlow()
                .addStatement("return result");
    }

    /**
     * Whether values of {@code t} are read without reading keys of their own, so the reader's current key
     * still names where they are (a map's or record's reader leaves its own last key behind).
     */
    private static boolean scalar(WireType t) {
        return t instanceof WireType.Primitive || t instanceof WireType.Boxed || t instanceof WireType.Scalar s
                && s.kind() != WireType.ScalarKind.DYNAMIC;
    }

    /**
     * Converts local {@code wire} with the adapter and returns the result. A refusal is the payload's
     * fault, answered with invalid params naming the adapter.
     */
    private static void fromWire(MethodSpec.Builder m, WireType.Adapted a) {
        m.beginControlFlow("try")
                .addStatement("return $T.$N(wire)", a.adapter(), a.fromWire())
                .nextControlFlow("catch ($T e)", Exception.class)
                .addStatement(scalar(a.wire()) ? "throw in.refused($S, e)" : "throw $T.refusedBy($S, e)",
                        scalar(a.wire()) ? new Object[] {a.fromWireName()} : new Object[] {MSGPACK_EXCEPTION, a.fromWireName()})
                .endControlFlow();
    }

    /** A helper reading a map key of adapted type {@code a}: its wire type's key, converted. */
    private String adaptedKeyHelper(WireType.Adapted a) {
        return helper("readKey " + a.typeName(), "read" + fragment(a, false) + "Key", name -> {
            MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(a.typeName())
                    .addParameter(READER, "in")
                    .addStatement("$T wire = $L", a.wire().typeName().box(), readKey(a.wire()));
            if (!(a.wire() instanceof WireType.Boxed || a.wire() instanceof WireType.Scalar)) {
                // An enum key may be nil; MapKeys and StringForm refuse it for the others.
                m.beginControlFlow("if (wire == null)").addStatement("return null").endControlFlow();
            }
            fromWire(m, a);
            return m.build();
        });
    }

    private CodeBlock readKey(WireType key) {
        if (key instanceof WireType.Adapted a) {
            return CodeBlock.of("$N(in)", adaptedKeyHelper(a));
        }
        if (key instanceof WireType.Boxed b) {
            return CodeBlock.of("$T.$N(in)", MAP_KEYS, b.kind().readMethod);
        }
        if (key instanceof WireType.Scalar s && s.kind().stringForm) {
            return CodeBlock.of("$T.$N.readKey(in)", STRING_FORM, stringForm(s.kind()));
        }
        if (key instanceof WireType.Scalar) {
            return CodeBlock.of("$T.readString(in)", MAP_KEYS);
        }
        return read(key, "in");
    }

    /** The runtime's {@code StringForm} constant reading a type that travels as its string form. */
    private static String stringForm(ScalarKind kind) {
        return switch (kind) {
            case UUID -> "UUID";
            case LOCAL_DATE -> "LOCAL_DATE";
            case LOCAL_TIME -> "LOCAL_TIME";
            case LOCAL_DATE_TIME -> "LOCAL_DATE_TIME";
            case OFFSET_DATE_TIME -> "OFFSET_DATE_TIME";
            case ZONED_DATE_TIME -> "ZONED_DATE_TIME";
            case DURATION -> "DURATION";
            case PERIOD -> "PERIOD";
            case ZONE_ID -> "ZONE_ID";
            case URI -> "URI";
            default -> throw new IllegalArgumentException(kind + " has no string form");
        };
    }

    /**
     * Throws the payload's fault when {@code local} is null: an {@code EnumSet}, {@code EnumMap} key,
     * sorted set or sorted map key refuses null (with a {@code NullPointerException}, which would be the
     * worker's fault, {@code INTERNAL}, instead of the payload's).
     */
    private static CodeBlock refuseNil(String local, String message) {
        return CodeBlock.builder().beginControlFlow("if ($N == null)", local)
                .addStatement("throw new $T($S)", MSGPACK_EXCEPTION, message)
                .endControlFlow().build();
    }

    private static String enumName(WireType enumType) {
        return String.join(".", ((WireType.Value) enumType).valueClass().className().simpleNames());
    }

    /** {@code new Order[size]}, {@code new int[size][]}: the size goes in the first bracket pair. */
    private static CodeBlock newArray(WireType component, String size) {
        int dims = 1;
        WireType base = component;
        while (base instanceof WireType.ArrayOf a) {
            dims++;
            base = a.component();
        }
        return CodeBlock.of("new $T[$N]$L", base.typeName(), size, "[]".repeat(dims - 1));
    }

    // ---- writing ----------------------------------------------------------------------------

    /**
     * Statements writing {@code value} (an expression of a type {@code t} accepts) to writer {@code out}.
     * An expression that must be used twice is first stored in a local named by {@code locals}.
     */
    CodeBlock write(WireType t, String out, CodeBlock value, NameAllocator locals) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (t instanceof WireType.Primitive p) {
            return code.addStatement(writePrimitive(p.kind(), out, value)).build();
        }
        if (t instanceof WireType.Value v) {
            CodeBlock.Builder call = CodeBlock.builder().add("$T.write($N, $L", v.valueClass().codecName(), out, value);
            for (WireType arg : v.typeArguments()) {
                call.add(", $L", encoder(arg));
            }
            return code.addStatement(call.add(")").build()).build();
        }
        if (t instanceof WireType.TypeVariable tv) {
            return code.addStatement("$N.encode($N, $L)", encoderParameter(tv.name()), out, value).build();
        }
        if (t instanceof WireType.Scalar s && s.kind() == ScalarKind.DYNAMIC) {
            return code.addStatement("$T.writeValue($N, $L)", CODECS, out, value).build();
        }
        if (t instanceof WireType.Boxed || t instanceof WireType.Scalar || t instanceof WireType.OptionalPrimitive) {
            String v;
            if (isName(value)) {
                v = value.toString();
            } else {
                v = locals.newName(localSuggestion(value));
                code.addStatement("$T $N = $L", t.writeTypeName(), v, value);
            }
            if (t instanceof WireType.Boxed b) {
                return code.addStatement("if ($N == null) $N.writeNil(); else $L", v, out,
                        writePrimitive(b.kind(), out, CodeBlock.of("$N", v))).build();
            }
            if (t instanceof WireType.OptionalPrimitive o) {
                String get = switch (o.kind()) {
                    case INT -> "getAsInt";
                    case LONG -> "getAsLong";
                    default -> "getAsDouble";
                };
                return code.addStatement("if ($N == null || $N.isEmpty()) $N.writeNil(); else $L", v, v, out,
                        writePrimitive(o.kind(), out, CodeBlock.of("$N.$N()", v, get))).build();
            }
            ScalarKind kind = ((WireType.Scalar) t).kind();
            CodeBlock w = switch (kind) {
                case STRING -> CodeBlock.of("$N.writeString($N)", out, v);
                case BYTES, BYTE_BUFFER -> CodeBlock.of("$N.writeBinary($N)", out, v);
                case INSTANT -> CodeBlock.of("$N.writeTimestamp($N)", out, v);
                case BIG_INTEGER -> CodeBlock.of("$N.writeBigInteger($N)", out, v);
                case BIG_DECIMAL, UUID, LOCAL_DATE, LOCAL_TIME, LOCAL_DATE_TIME, OFFSET_DATE_TIME, ZONED_DATE_TIME,
                        DURATION, PERIOD, ZONE_ID, URI -> CodeBlock.of("$N.writeString($N.toString())", out, v);
                case DYNAMIC -> throw new AssertionError();
            };
            return code.addStatement("if ($N == null) $N.writeNil(); else $L", v, out, w).build();
        }
        return code.addStatement("$N($N, $L$L)", writeHelper(t), out, value, codecArguments(t, false)).build();
    }

    private static CodeBlock writePrimitive(PrimitiveKind kind, String out, CodeBlock value) {
        return switch (kind) {
            case BOOLEAN -> CodeBlock.of("$N.writeBoolean($L)", out, value);
            case BYTE, SHORT, INT, LONG -> CodeBlock.of("$N.writeLong($L)", out, value);
            case FLOAT -> CodeBlock.of("$N.writeFloat($L)", out, value);
            case DOUBLE -> CodeBlock.of("$N.writeDouble($L)", out, value);
            case CHAR -> CodeBlock.of("$N.writeString($T.valueOf($L))", out, String.class, value);
        };
    }

    /** An expression of type {@code Encoder<T>} (boxed): for a reply, a sink, an emitter or a generic codec. */
    CodeBlock encoder(WireType t) {
        if (t instanceof WireType.TypeVariable tv) {
            return CodeBlock.of("$N", encoderParameter(tv.name()));
        }
        if (t instanceof WireType.Value v && v.typeArguments().isEmpty()) {
            return CodeBlock.of("$T::write", v.valueClass().codecName());
        }
        if (t instanceof WireType.Scalar s && s.kind() == ScalarKind.DYNAMIC) {
            return CodeBlock.of("$T.VALUE", CODECS);
        }
        String shared = sharedEncoder(t);
        if (shared != null) {
            return CodeBlock.of("$T.$N", CODECS, shared);
        }
        if (t.mentionsTypeVariable()) {
            return CodeBlock.of("$N($L)", codecFactory(t, false), codecArguments(t, false).toString().substring(2));
        }
        return CodeBlock.of("$T::$N", owner, writeHelper(t));
    }

    /**
     * The runtime's own encoder of {@code t} in {@code Codecs} (it writes exactly what a helper here
     * would), or {@code null}: every binding and codec uses it instead of a private copy.
     */
    private static String sharedEncoder(WireType t) {
        PrimitiveKind kind = t instanceof WireType.Primitive p ? p.kind() : t instanceof WireType.Boxed b ? b.kind() : null;
        if (kind != null) {
            return switch (kind) {
                case INT -> "INT";
                case LONG -> "LONG";
                case DOUBLE -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                default -> null;
            };
        }
        if (t instanceof WireType.Scalar s) {
            return switch (s.kind()) {
                case STRING -> "STRING";
                case BYTES -> "BINARY";
                default -> null;
            };
        }
        return null;
    }

    private String writeHelper(WireType t) {
        WireType boxed = t instanceof WireType.Primitive p ? new WireType.Boxed(p.kind()) : t;
        return helper("write " + boxed.writeTypeName(), "write" + fragment(boxed, true),
                name -> writeHelper(name, boxed));
    }

    private MethodSpec writeHelper(String name, WireType boxed) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(WRITER, "out")
                .addParameter(boxed.writeTypeName(), "value");
        addCodecParameters(m, boxed, false);
        NameAllocator locals = locals("out", "value", "element", "entry", "wire");
        if (boxed instanceof WireType.Sequence || boxed instanceof WireType.ArrayOf
                || boxed instanceof WireType.Dictionary || boxed instanceof WireType.OptionalOf
                || boxed instanceof WireType.Adapted) {
            boolean optional = boxed instanceof WireType.OptionalOf;
            m.beginControlFlow(optional ? "if (value == null || value.isEmpty())" : "if (value == null)")
                    .addStatement("out.writeNil()")
                    .addStatement("return")
                    .endControlFlow();
        }
        if (boxed instanceof WireType.Sequence s) {
            m.addStatement("out.writeArrayHeader(value.size())");
            m.beginControlFlow("for ($T element : value)", s.element().writeTypeName().box())
                    .addCode(write(s.element(), "out", CodeBlock.of("element"), locals))
                    .endControlFlow();
        } else if (boxed instanceof WireType.ArrayOf a) {
            m.addStatement("out.writeArrayHeader(value.length)");
            m.beginControlFlow("for ($T element : value)", a.component().typeName())
                    .addCode(write(a.component(), "out", CodeBlock.of("element"), locals))
                    .endControlFlow();
        } else if (boxed instanceof WireType.Dictionary d) {
            m.addStatement("out.writeMapHeader(value.size())");
            TypeName entry = ParameterizedTypeName.get(MAP_ENTRY, WildcardTypeName.subtypeOf(d.key().writeTypeName().box()),
                    d.value() instanceof WireType.Scalar s && s.kind() == ScalarKind.DYNAMIC
                            ? WildcardTypeName.subtypeOf(Object.class)
                            : WildcardTypeName.subtypeOf(d.value().writeTypeName().box()));
            m.beginControlFlow("for ($T entry : value.entrySet())", entry)
                    .addCode(write(d.key(), "out", CodeBlock.of("entry.getKey()"), locals))
                    .addCode(write(d.value(), "out", CodeBlock.of("entry.getValue()"), locals))
                    .endControlFlow();
        } else if (boxed instanceof WireType.OptionalOf o) {
            m.addCode(write(o.element(), "out", CodeBlock.of("value.get()"), locals));
        } else if (boxed instanceof WireType.Adapted a) {
            // An exception from toWire is the worker's own fault: it propagates as such.
            m.addStatement("$T wire = $T.$N(value)", a.wire().writeTypeName(), a.adapter(), a.toWire());
            m.addCode(write(a.wire(), "out", CodeBlock.of("wire"), locals));
        } else {
            m.addCode(write(boxed, "out", CodeBlock.of("value"), locals));
        }
        return m.build();
    }

    // ---- shared -----------------------------------------------------------------------------

    /**
     * A helper returning the decoder (or encoder) of {@code t}, a type built on the codec's type
     * variables, e.g. {@code decoderOfListOfT(decoderT)}: a lambda inside a helper cannot clash with
     * the caller's local names.
     */
    private String codecFactory(WireType t, boolean reading) {
        String key = (reading ? "decoder " + t.typeName() : "encoder " + t.writeTypeName());
        return helper(key, (reading ? "decoderOf" : "encoderOf") + fragment(t, !reading), name -> {
            MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC);
            addCodecParameters(m, t, reading);
            if (reading) {
                m.returns(ParameterizedTypeName.get(DECODER, t.typeName()));
                m.addStatement("return reader -> $L", read(t, "reader"));
            } else {
                m.returns(ParameterizedTypeName.get(ENCODER, t.writeTypeName()));
                m.addCode("return (writer, value) -> {\n$>$L$<};\n",
                        write(t, "writer", CodeBlock.of("value"), locals("writer", "value")));
            }
            return m.build();
        });
    }

    /** Adds the type variables and their decoders (or encoders) to a helper that needs them. */
    private void addCodecParameters(MethodSpec.Builder m, WireType t, boolean reading) {
        if (!t.mentionsTypeVariable()) {
            return;
        }
        m.addTypeVariables(typeVariables);
        for (TypeVariableName v : typeVariables) {
            TypeVariableName plain = TypeVariableName.get(v.name());
            if (reading) {
                m.addParameter(ParameterizedTypeName.get(DECODER, WildcardTypeName.subtypeOf(plain)),
                        decoderParameter(v.name()));
            } else {
                m.addParameter(ParameterizedTypeName.get(ENCODER, WildcardTypeName.supertypeOf(plain)),
                        encoderParameter(v.name()));
            }
        }
    }

    /** {@code , decoderT, decoderU} when a helper for {@code t} takes them, else nothing. */
    private CodeBlock codecArguments(WireType t, boolean reading) {
        if (!t.mentionsTypeVariable()) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder b = CodeBlock.builder();
        for (TypeVariableName v : typeVariables) {
            b.add(", $N", reading ? decoderParameter(v.name()) : encoderParameter(v.name()));
        }
        return b.build();
    }

    /** A readable, stable helper-name fragment: {@code ListOfOrder}, {@code MapOfStringToInstant}. */
    private static String fragment(WireType t, boolean writing) {
        if (t instanceof WireType.Primitive p) {
            return p.kind().title;
        }
        if (t instanceof WireType.Boxed b) {
            return b.kind().title;
        }
        if (t instanceof WireType.Scalar s) {
            return s.kind().title;
        }
        if (t instanceof WireType.Value v) {
            StringBuilder sb = new StringBuilder(String.join("", v.valueClass().className().simpleNames()));
            for (int i = 0; i < v.typeArguments().size(); i++) {
                sb.append(i == 0 ? "Of" : "And").append(fragment(v.typeArguments().get(i), writing));
            }
            return sb.toString();
        }
        if (t instanceof WireType.TypeVariable tv) {
            return tv.name();
        }
        if (t instanceof WireType.Adapted a) {
            return String.join("", a.adapted().simpleNames());
        }
        if (t instanceof WireType.Sequence s) {
            return (writing ? "Collection" : s.kind().title) + "Of" + fragment(s.element(), writing);
        }
        if (t instanceof WireType.ArrayOf a) {
            return "ArrayOf" + fragment(a.component(), writing);
        }
        if (t instanceof WireType.Dictionary d) {
            return (writing ? "Map" : d.kind().title) + "Of" + fragment(d.key(), writing) + "To"
                    + fragment(d.value(), writing);
        }
        if (t instanceof WireType.OptionalOf o) {
            return "OptionalOf" + fragment(o.element(), writing);
        }
        if (t instanceof WireType.OptionalPrimitive o) {
            return ((ClassName) o.typeName()).simpleName();
        }
        throw new IllegalArgumentException(String.valueOf(t));
    }

    /**
     * A string literal that JavaPoet may wrap: pieces of about 60 characters, cut after a space, joined
     * with {@code +}, so a long message (a list of enum names) keeps generated lines within 120 columns.
     */
    static CodeBlock wrappedString(String s) {
        List<CodeBlock> pieces = new ArrayList<>();
        int start = 0;
        while (s.length() - start > 60) {
            int cut = s.lastIndexOf(' ', start + 60);
            cut = cut <= start ? start + 60 : cut + 1;
            pieces.add(CodeBlock.of("$S", s.substring(start, cut)));
            start = cut;
        }
        pieces.add(CodeBlock.of("$S", s.substring(start)));
        return CodeBlock.join(pieces, " +$W");
    }

    /**
     * A local variable for a name the user chose (a parameter, a component). One that starts with an
     * upper-case letter could obscure a type the generated code names ({@code MapKeys.readName(in)}
     * with a local {@code MapKeys} in scope does not compile), so it gets a lower-case prefix.
     */
    static String newLocal(NameAllocator locals, String userName) {
        return locals.newName(Character.isUpperCase(userName.charAt(0)) ? "arg" + userName : userName);
    }

    static NameAllocator locals(String... reserved) {
        NameAllocator names = new NameAllocator();
        for (String r : reserved) {
            names.newName(r, r);
        }
        return names;
    }

    private static boolean isName(CodeBlock value) {
        String s = value.toString();
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code value.note()} → {@code note}; {@code entry.getKey()} → {@code key}. */
    private static String localSuggestion(CodeBlock value) {
        String s = value.toString();
        int dot = s.lastIndexOf('.');
        String member = dot >= 0 ? s.substring(dot + 1) : s;
        int paren = member.indexOf('(');
        if (paren >= 0) {
            member = member.substring(0, paren);
        }
        if (member.length() > 3 && member.startsWith("get") && Character.isUpperCase(member.charAt(3))) {
            member = Names.decapitalize(member.substring(3));
        } else if (member.length() > 2 && member.startsWith("is") && Character.isUpperCase(member.charAt(2))) {
            member = Names.decapitalize(member.substring(2));
        }
        return member.isEmpty() || !Character.isJavaIdentifierStart(member.charAt(0)) ? "v" : member;
    }
}
