package dev.procwire.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;

/**
 * How a Java type travels as MsgPack: the model the classifier builds from a {@code TypeMirror} and the
 * generators turn into reading and writing code. Each kind knows its Java type twice: exactly, for the
 * values a reader produces, and covariantly ({@code Collection<? extends Order>}), for what a writer
 * accepts, so one writer serves {@code List<Order>}, {@code Set<Order>} and {@code List<? extends Order>}.
 */
sealed interface WireType {

    /** The type a reader produces and a local variable holding it is declared with. */
    TypeName typeName();

    /** The widest type a writer of this wire shape accepts. */
    default TypeName writeTypeName() {
        return typeName();
    }

    /**
     * Whether a single parameter of this type takes the whole payload: its encoding is itself a map
     * (records, POJOs, maps) or anything at all ({@code Object}). A single parameter of any other type
     * takes the bare value, or the value of its name when the payload is a map.
     */
    default boolean takesWholePayload() {
        return false;
    }

    /** Whether a type variable of a generic value class occurs in this type. */
    default boolean mentionsTypeVariable() {
        return false;
    }

    /** {@code boolean}, {@code int}, … : read with range checks, written in the smallest format. */
    record Primitive(PrimitiveKind kind) implements WireType {
        @Override
        public TypeName typeName() {
            return kind.type;
        }
    }

    /** {@code Integer}, {@code Long}, … : like the primitive, and nil is {@code null}. */
    record Boxed(PrimitiveKind kind) implements WireType {
        @Override
        public TypeName typeName() {
            return kind.type.box();
        }
    }

    /**
     * A value type with one fixed encoding: strings, bytes, instants, big numbers, the dynamic model, and
     * the types that travel as their string form ({@code UUID}, {@code LocalDate}, …).
     */
    record Scalar(ScalarKind kind) implements WireType {
        @Override
        public TypeName typeName() {
            return kind.type;
        }

        @Override
        public boolean takesWholePayload() {
            return kind == ScalarKind.DYNAMIC;
        }
    }

    /** A record, POJO or enum, encoded by its generated codec class. */
    record Value(ValueClass valueClass, List<WireType> typeArguments) implements WireType {
        @Override
        public TypeName typeName() {
            if (typeArguments.isEmpty()) {
                return valueClass.className();
            }
            return ParameterizedTypeName.get(valueClass.className(),
                    typeArguments.stream().map(t -> t.typeName().box()).toArray(TypeName[]::new));
        }

        @Override
        public TypeName writeTypeName() {
            if (typeArguments.isEmpty()) {
                return valueClass.className();
            }
            return ParameterizedTypeName.get(valueClass.className(),
                    typeArguments.stream().map(t -> covariant(t)).toArray(TypeName[]::new));
        }

        @Override
        public boolean takesWholePayload() {
            return valueClass.kind() != ValueClass.Kind.ENUM;
        }

        @Override
        public boolean mentionsTypeVariable() {
            return typeArguments.stream().anyMatch(WireType::mentionsTypeVariable);
        }
    }

    /**
     * A type a {@code @WireAdapter} teaches: written as {@code adapter.toWire(value)} and read as
     * {@code adapter.fromWire(wire)}, where the wire value travels as {@code wire}. Nil is {@code null}
     * on both sides and never reaches the adapter.
     *
     * @param adapter the {@code @WireAdapter} class
     * @param toWire its {@code @ToWire} method for {@code adapted}
     * @param fromWire its {@code @FromWire} method for {@code adapted}
     * @param adapted the adapted type (never generic)
     * @param wire how the converted value travels
     */
    record Adapted(ClassName adapter, String toWire, String fromWire, ClassName adapted, WireType wire)
            implements WireType {
        @Override
        public TypeName typeName() {
            return adapted;
        }

        @Override
        public boolean takesWholePayload() {
            return wire.takesWholePayload();
        }

        /** {@code MoneyAdapter.fromWire}: who refused a payload, for its error message. */
        String fromWireName() {
            return String.join(".", adapter.simpleNames()) + "." + fromWire;
        }
    }

    /** A type parameter of the generic value class being encoded; its codec is passed in. */
    record TypeVariable(String name) implements WireType {
        @Override
        public TypeName typeName() {
            return TypeVariableName.get(name);
        }

        @Override
        public boolean mentionsTypeVariable() {
            return true;
        }
    }

    /** A {@code List}, {@code Set} or other collection: a MsgPack array. */
    record Sequence(CollectionKind kind, WireType element) implements WireType {
        @Override
        public TypeName typeName() {
            return ParameterizedTypeName.get(kind.declared, element.typeName().box());
        }

        @Override
        public TypeName writeTypeName() {
            return ParameterizedTypeName.get(ClassName.get("java.util", "Collection"), covariant(element));
        }

        @Override
        public boolean mentionsTypeVariable() {
            return element.mentionsTypeVariable();
        }
    }

    /** A Java array other than {@code byte[]}: a MsgPack array. */
    record ArrayOf(WireType component) implements WireType {
        @Override
        public TypeName typeName() {
            return ArrayTypeName.of(component.typeName());
        }
    }

    /** A {@code Map}: a MsgPack map. */
    record Dictionary(MapKind kind, WireType key, WireType value) implements WireType {
        @Override
        public TypeName typeName() {
            return ParameterizedTypeName.get(kind.declared, key.typeName().box(), value.typeName().box());
        }

        @Override
        public TypeName writeTypeName() {
            return ParameterizedTypeName.get(ClassName.get("java.util", "Map"), covariant(key), covariant(value));
        }

        @Override
        public boolean takesWholePayload() {
            return true;
        }

        @Override
        public boolean mentionsTypeVariable() {
            return key.mentionsTypeVariable() || value.mentionsTypeVariable();
        }
    }

    /** {@code Optional<T>}: nil when empty. */
    record OptionalOf(WireType element) implements WireType {
        @Override
        public TypeName typeName() {
            return ParameterizedTypeName.get(ClassName.get("java.util", "Optional"), element.typeName().box());
        }

        @Override
        public TypeName writeTypeName() {
            return ParameterizedTypeName.get(ClassName.get("java.util", "Optional"), covariant(element));
        }

        @Override
        public boolean takesWholePayload() {
            return element.takesWholePayload();
        }

        @Override
        public boolean mentionsTypeVariable() {
            return element.mentionsTypeVariable();
        }
    }

    /** {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}: nil when empty. */
    record OptionalPrimitive(PrimitiveKind kind) implements WireType {
        @Override
        public TypeName typeName() {
            return switch (kind) {
                case INT -> ClassName.get("java.util", "OptionalInt");
                case LONG -> ClassName.get("java.util", "OptionalLong");
                case DOUBLE -> ClassName.get("java.util", "OptionalDouble");
                default -> throw new IllegalStateException(kind.name());
            };
        }
    }

    /** {@code ? extends T}, so a writer accepts collections of subtypes and of wildcards. */
    private static TypeName covariant(WireType t) {
        if (t instanceof Scalar s && s.kind() == ScalarKind.DYNAMIC) {
            return WildcardTypeName.subtypeOf(Object.class);
        }
        return WildcardTypeName.subtypeOf(t.writeTypeName().box());
    }

    /** The Java primitives, with how each is read and written. */
    enum PrimitiveKind {
        BOOLEAN(TypeName.BOOLEAN, "readBoolean", "Boolean"),
        BYTE(TypeName.BYTE, "readByte", "Byte"),
        SHORT(TypeName.SHORT, "readShort", "Short"),
        INT(TypeName.INT, "readInt", "Int"),
        LONG(TypeName.LONG, "readLong", "Long"),
        FLOAT(TypeName.FLOAT, "readFloat", "Float"),
        DOUBLE(TypeName.DOUBLE, "readDouble", "Double"),
        CHAR(TypeName.CHAR, "readChar", "Char");

        final TypeName type;
        final String readMethod;
        final String title;

        PrimitiveKind(TypeName type, String readMethod, String title) {
            this.type = type;
            this.readMethod = readMethod;
            this.title = title;
        }

        /** The zero a Java field of this type starts with. */
        String zero() {
            return this == BOOLEAN ? "false" : "0";
        }
    }

    /** Value types with one fixed encoding. */
    enum ScalarKind {
        STRING(ClassName.get(String.class), "String"),
        /** {@code byte[]}: written as bin; bin and ext 1 (a Node {@code Buffer}) are read. */
        BYTES(ArrayTypeName.of(TypeName.BYTE), "Bytes"),
        /** Like {@link #BYTES}; a read returns a read-only view of the payload, without copying. */
        BYTE_BUFFER(ClassName.get("java.nio", "ByteBuffer"), "ByteBuffer"),
        /** Written as the timestamp extension (−1); read from it, ext 2, epoch millis or ISO-8601. */
        INSTANT(ClassName.get("java.time", "Instant"), "Instant"),
        /** An integer when it fits int64/uint64, else its decimal string. */
        BIG_INTEGER(ClassName.get("java.math", "BigInteger"), "BigInteger"),
        /** Its exact decimal string ({@code toString()}); read from a string or any number. */
        BIG_DECIMAL(ClassName.get("java.math", "BigDecimal"), "BigDecimal"),
        /** {@code Object}: the dynamic model of maps, lists and scalars. */
        DYNAMIC(ClassName.OBJECT, "Value"),
        // The types below travel as their toString(), read by the runtime's StringForm of the type; each
        // may be a map key.
        UUID(ClassName.get("java.util", "UUID"), "Uuid", true),
        LOCAL_DATE(ClassName.get("java.time", "LocalDate"), "LocalDate", true),
        LOCAL_TIME(ClassName.get("java.time", "LocalTime"), "LocalTime", true),
        LOCAL_DATE_TIME(ClassName.get("java.time", "LocalDateTime"), "LocalDateTime", true),
        OFFSET_DATE_TIME(ClassName.get("java.time", "OffsetDateTime"), "OffsetDateTime", true),
        ZONED_DATE_TIME(ClassName.get("java.time", "ZonedDateTime"), "ZonedDateTime", true),
        DURATION(ClassName.get("java.time", "Duration"), "Duration", true),
        PERIOD(ClassName.get("java.time", "Period"), "Period", true),
        ZONE_ID(ClassName.get("java.time", "ZoneId"), "ZoneId", true),
        URI(ClassName.get("java.net", "URI"), "Uri", true);

        final TypeName type;
        final String title;
        /** Written as {@code toString()} and read with the type's own parser. */
        final boolean stringForm;

        ScalarKind(TypeName type, String title) {
            this(type, title, false);
        }

        ScalarKind(TypeName type, String title, boolean stringForm) {
            this.type = type;
            this.title = title;
            this.stringForm = stringForm;
        }

        /** The kind of the type named {@code qualifiedName} among those travelling as a string, or {@code null}. */
        static ScalarKind stringFormOf(String qualifiedName) {
            for (ScalarKind k : values()) {
                if (k.stringForm && k.type.toString().equals(qualifiedName)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The collection types a parameter or property may be declared with, and what a reader creates. */
    enum CollectionKind {
        COLLECTION("java.util.Collection", "ArrayList", "Collection"),
        LIST("java.util.List", "ArrayList", "List"),
        ARRAY_LIST("java.util.ArrayList", "ArrayList", "ArrayList"),
        LINKED_LIST("java.util.LinkedList", "LinkedList", "LinkedList"),
        SET("java.util.Set", "LinkedHashSet", "Set"),
        HASH_SET("java.util.HashSet", "HashSet", "HashSet"),
        LINKED_HASH_SET("java.util.LinkedHashSet", "LinkedHashSet", "LinkedHashSet"),
        SORTED_SET("java.util.SortedSet", "TreeSet", "SortedSet"),
        NAVIGABLE_SET("java.util.NavigableSet", "TreeSet", "NavigableSet"),
        TREE_SET("java.util.TreeSet", "TreeSet", "TreeSet"),
        /** Of an enum; a reader creates it with {@code EnumSet.noneOf(E.class)}. */
        ENUM_SET("java.util.EnumSet", "EnumSet", "EnumSet");

        final String qualifiedName;
        final ClassName declared;
        final ClassName implementation;
        final String title;

        CollectionKind(String qualifiedName, String implementation, String title) {
            this.qualifiedName = qualifiedName;
            this.declared = ClassName.bestGuess(qualifiedName);
            this.implementation = ClassName.get("java.util", implementation);
            this.title = title;
        }

        /** Whether the collection a reader creates is sorted, so it cannot hold nil (a {@code TreeSet}). */
        boolean sorted() {
            return implementation.simpleName().equals("TreeSet");
        }

        static CollectionKind of(String qualifiedName) {
            for (CollectionKind k : values()) {
                if (k.qualifiedName.equals(qualifiedName)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The map types a parameter or property may be declared with, and what a reader creates. */
    enum MapKind {
        MAP("java.util.Map", "LinkedHashMap", "Map"),
        HASH_MAP("java.util.HashMap", "HashMap", "HashMap"),
        LINKED_HASH_MAP("java.util.LinkedHashMap", "LinkedHashMap", "LinkedHashMap"),
        SORTED_MAP("java.util.SortedMap", "TreeMap", "SortedMap"),
        NAVIGABLE_MAP("java.util.NavigableMap", "TreeMap", "NavigableMap"),
        TREE_MAP("java.util.TreeMap", "TreeMap", "TreeMap"),
        /** Keyed by an enum; a reader creates it with {@code new EnumMap<>(K.class)}. */
        ENUM_MAP("java.util.EnumMap", "EnumMap", "EnumMap");

        final String qualifiedName;
        final ClassName declared;
        final ClassName implementation;
        final String title;

        MapKind(String qualifiedName, String implementation, String title) {
            this.qualifiedName = qualifiedName;
            this.declared = ClassName.bestGuess(qualifiedName);
            this.implementation = ClassName.get("java.util", implementation);
            this.title = title;
        }

        /** Whether the map a reader creates is sorted, so it cannot have a nil key (a {@code TreeMap}). */
        boolean sorted() {
            return implementation.simpleName().equals("TreeMap");
        }

        static MapKind of(String qualifiedName) {
            for (MapKind k : values()) {
                if (k.qualifiedName.equals(qualifiedName)) {
                    return k;
                }
            }
            return null;
        }
    }
}
