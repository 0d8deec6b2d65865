package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeVariableName;
import dev.procwire.processor.ValueClass.Construction;
import dev.procwire.processor.ValueClass.Property;
import dev.procwire.processor.ValueClass.ReadAccess;
import dev.procwire.processor.ValueClass.WriteAccess;
import dev.procwire.processor.WireType.CollectionKind;
import dev.procwire.processor.WireType.MapKind;
import dev.procwire.processor.WireType.PrimitiveKind;
import dev.procwire.processor.WireType.ScalarKind;
import dev.procwire.api.Discriminator;
import dev.procwire.api.NamingPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides how each Java type travels as MsgPack ({@link WireType}), or why it cannot. Records, POJOs
 * and enums are analysed once per compilation ({@link ValueClass}) and shared by every use.
 *
 * <p>The rules, in the order they are tried: a type with a {@code @WireAdapter} ({@link WireAdapters}),
 * which travels as the type its adapter converts it to; primitives and their boxes; {@code String},
 * {@code byte[]}, {@code ByteBuffer}, {@code Instant}, {@code BigInteger}, {@code BigDecimal};
 * {@code Object} (the dynamic model); {@code Optional} and its primitive forms; the types travelling as
 * their string form ({@code UUID}, {@code java.time} dates, times, durations and zones, {@code URI});
 * the collection and map types of {@link CollectionKind} and {@link MapKind} (map keys: {@code String},
 * enums, integer boxes, the string-form types; {@code EnumSet}/{@code EnumMap} of a concrete enum);
 * arrays; then enums, records and concrete classes outside {@code java.*}. Wildcards stand for their
 * bound.
 */
final class TypeClassifier {
    static final String SUPPORTED = "supported are primitives and their boxes, String, byte[], ByteBuffer, Instant, "
            + "BigInteger, BigDecimal, UUID, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, "
            + "Duration, Period, ZoneId, URI, enums, records, POJOs, sealed interfaces and classes, "
            + "List/Set/Collection, EnumSet, arrays, Map, EnumMap, Optional, and Object for untyped values";
    /** The map key types, for the error refusing another. */
    static final String KEYS = "String, an enum, Integer, Long, Short, Byte, UUID, LocalDate, LocalTime, LocalDateTime, "
            + "OffsetDateTime, ZonedDateTime, Duration, Period, ZoneId or URI";

    private final Elements elements;
    private final Types types;
    private final Map<String, ValueClass> valueClasses = new HashMap<>();
    private final Map<String, TypeProblem> failures = new HashMap<>();
    private final WireAdapters adapters;
    /** The adapted types whose wire type is being classified: one met again is an endless type. */
    private final Set<String> adapting = new LinkedHashSet<>();
    /** Where the binding being classified for is generated; {@code null}: no binding (an adapter's check). */
    private PackageElement generatedIn;

    TypeClassifier(Elements elements, Types types, WireAdapters adapters) {
        this.elements = elements;
        this.types = types;
        this.adapters = adapters;
    }

    /**
     * Classifies {@code type} found at {@code path} (a parameter name, {@code result}, an event name).
     *
     * @param generatedIn the package of the generated class that reads and writes it, whose code must be
     *     able to call the adapters it uses; {@code null} to skip that check
     * @throws TypeProblem when generated code cannot read or write it
     */
    WireType classify(TypeMirror type, String path, PackageElement generatedIn) throws TypeProblem {
        PackageElement outer = this.generatedIn;
        this.generatedIn = generatedIn;
        try {
            return classify(type, path, (TypeElement) null);
        } finally {
            this.generatedIn = outer;
        }
    }

    /** Whether {@code type} (a value class) or anything it contains failed its analysis. */
    boolean failed(ValueClass type) {
        return failures.containsKey(type.className().canonicalName());
    }

    private WireType classify(TypeMirror type, String path, TypeElement scope) throws TypeProblem {
        switch (type.getKind()) {
            case BOOLEAN: return new WireType.Primitive(PrimitiveKind.BOOLEAN);
            case BYTE: return new WireType.Primitive(PrimitiveKind.BYTE);
            case SHORT: return new WireType.Primitive(PrimitiveKind.SHORT);
            case INT: return new WireType.Primitive(PrimitiveKind.INT);
            case LONG: return new WireType.Primitive(PrimitiveKind.LONG);
            case FLOAT: return new WireType.Primitive(PrimitiveKind.FLOAT);
            case DOUBLE: return new WireType.Primitive(PrimitiveKind.DOUBLE);
            case CHAR: return new WireType.Primitive(PrimitiveKind.CHAR);
            case ARRAY: return classifyArray((ArrayType) type, path, scope);
            case DECLARED: return classifyDeclared((DeclaredType) type, path, scope);
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                TypeMirror bound = w.getExtendsBound() != null ? w.getExtendsBound() : w.getSuperBound();
                return bound == null ? new WireType.Scalar(ScalarKind.DYNAMIC) : classify(bound, path, scope);
            }
            case TYPEVAR: {
                TypeVariable tv = (TypeVariable) type;
                Element owner = tv.asElement().getEnclosingElement();
                if (scope != null && owner.equals(scope)) {
                    return new WireType.TypeVariable(tv.asElement().getSimpleName().toString());
                }
                throw new TypeProblem(path, "type variable " + tv + " at {path} cannot be read or written: "
                        + "use a concrete type", null);
            }
            case ERROR:
                throw new TypeProblem(path, "type " + type + " at {path} could not be resolved", null);
            default:
                throw unsupported(type, path);
        }
    }

    private static TypeProblem unsupported(TypeMirror type, String path) {
        return new TypeProblem(path, "unsupported type " + type + " at {path}; " + SUPPORTED + "; for another type, "
                + "write a @WireAdapter (see dev.procwire.api.WireAdapter)", null);
    }

    private WireType classifyArray(ArrayType type, String path, TypeElement scope) throws TypeProblem {
        TypeMirror component = type.getComponentType();
        if (component.getKind() == TypeKind.BYTE) {
            return new WireType.Scalar(ScalarKind.BYTES);
        }
        if (component.getKind() == TypeKind.TYPEVAR
                || (component.getKind() == TypeKind.DECLARED && !((DeclaredType) component).getTypeArguments().isEmpty())) {
            throw new TypeProblem(path, "generic array type " + type + " at {path} cannot be created by the reader: "
                    + "use a List instead", null);
        }
        return new WireType.ArrayOf(classify(component, path + "[]", scope));
    }

    private WireType classifyDeclared(DeclaredType type, String path, TypeElement scope) throws TypeProblem {
        TypeElement te = (TypeElement) type.asElement();
        String name = te.getQualifiedName().toString();
        List<? extends TypeMirror> args = type.getTypeArguments();
        WireAdapters.Adapter adapter = adapters.of(name);
        if (adapter != null) {
            return adapted(te, adapter, path, scope);
        }
        WireType builtIn = builtIn(type, te, path, scope);
        if (builtIn != null) {
            return builtIn;
        }
        if (isPlatform(name) || !(te.getKind() == ElementKind.ENUM || te.getKind() == ElementKind.RECORD
                || te.getKind() == ElementKind.CLASS || te.getKind() == ElementKind.INTERFACE)) {
            throw unsupported(type, path);
        }
        if (te.getKind() == ElementKind.INTERFACE && !te.getModifiers().contains(Modifier.SEALED)) {
            throw new TypeProblem(path, "interface " + te.getSimpleName() + " at {path} is not sealed, so the reader "
                    + "cannot tell which class to create: declare it sealed (\"sealed interface " + te.getSimpleName()
                    + " permits …\"; each value then carries a \"type\" property naming its class), or use a "
                    + "concrete type", null);
        }
        ValueClass vc = valueClass(te, path);
        if (args.isEmpty() && !te.getTypeParameters().isEmpty()) {
            throw new TypeProblem(path, "raw type " + te.getSimpleName() + " at {path}: give it type arguments", null);
        }
        List<WireType> arguments = new ArrayList<>();
        for (TypeMirror arg : args) {
            arguments.add(classify(arg, path, scope));
        }
        return new WireType.Value(vc, arguments);
    }

    /** The wire type of a JDK type the processor knows (scalars, optionals, collections, maps), or {@code null}. */
    private WireType builtIn(DeclaredType type, TypeElement te, String path, TypeElement scope) throws TypeProblem {
        String name = te.getQualifiedName().toString();
        List<? extends TypeMirror> args = type.getTypeArguments();
        switch (name) {
            case "java.lang.Boolean": return new WireType.Boxed(PrimitiveKind.BOOLEAN);
            case "java.lang.Byte": return new WireType.Boxed(PrimitiveKind.BYTE);
            case "java.lang.Short": return new WireType.Boxed(PrimitiveKind.SHORT);
            case "java.lang.Integer": return new WireType.Boxed(PrimitiveKind.INT);
            case "java.lang.Long": return new WireType.Boxed(PrimitiveKind.LONG);
            case "java.lang.Float": return new WireType.Boxed(PrimitiveKind.FLOAT);
            case "java.lang.Double": return new WireType.Boxed(PrimitiveKind.DOUBLE);
            case "java.lang.Character": return new WireType.Boxed(PrimitiveKind.CHAR);
            case "java.lang.String": return new WireType.Scalar(ScalarKind.STRING);
            case "java.lang.Object": return new WireType.Scalar(ScalarKind.DYNAMIC);
            case "java.nio.ByteBuffer": return new WireType.Scalar(ScalarKind.BYTE_BUFFER);
            case "java.time.Instant": return new WireType.Scalar(ScalarKind.INSTANT);
            case "java.math.BigInteger": return new WireType.Scalar(ScalarKind.BIG_INTEGER);
            case "java.math.BigDecimal": return new WireType.Scalar(ScalarKind.BIG_DECIMAL);
            case "java.util.OptionalInt": return new WireType.OptionalPrimitive(PrimitiveKind.INT);
            case "java.util.OptionalLong": return new WireType.OptionalPrimitive(PrimitiveKind.LONG);
            case "java.util.OptionalDouble": return new WireType.OptionalPrimitive(PrimitiveKind.DOUBLE);
            case "java.util.Optional":
                requireArguments(type, te, path);
                return new WireType.OptionalOf(classify(args.get(0), path, scope));
            default:
                break;
        }
        ScalarKind stringForm = ScalarKind.stringFormOf(name);
        if (stringForm != null) {
            return new WireType.Scalar(stringForm);
        }
        return collectionOrMap(type, te, path, scope);
    }

    /** The wire type of a JDK collection or map, or {@code null} when {@code te} is neither. */
    private WireType collectionOrMap(DeclaredType type, TypeElement te, String path, TypeElement scope)
            throws TypeProblem {
        String name = te.getQualifiedName().toString();
        List<? extends TypeMirror> args = type.getTypeArguments();
        CollectionKind collection = CollectionKind.of(name);
        if (collection != null) {
            requireArguments(type, te, path);
            WireType element = classify(args.get(0), path + "[]", scope);
            if (collection == CollectionKind.ENUM_SET) {
                requireEnum(element, args.get(0), "EnumSet", path, "Set");
            }
            return new WireType.Sequence(collection, element);
        }
        MapKind map = MapKind.of(name);
        if (map != null) {
            requireArguments(type, te, path);
            WireType key = classify(args.get(0), path + "{key}", scope);
            if (map == MapKind.ENUM_MAP) {
                requireEnum(key, args.get(0), "EnumMap", path, "Map");
            }
            if (!validKey(key)) {
                throw new TypeProblem(path, "map key type " + args.get(0) + " at {path} is not supported: use " + KEYS
                        + " (JavaScript object keys are strings)", null);
            }
            return new WireType.Dictionary(map, key, classify(args.get(1), path + "{}", scope));
        }
        return null;
    }

    private static void requireArguments(DeclaredType type, TypeElement te, String path) throws TypeProblem {
        if (type.getTypeArguments().isEmpty()) {
            throw new TypeProblem(path, "raw type " + te.getSimpleName() + " at {path}: give it a type argument, e.g. "
                    + te.getSimpleName() + (te.getTypeParameters().size() == 2 ? "<String, Object>" : "<String>"), null);
        }
    }

    /**
     * An {@code EnumSet} or {@code EnumMap} reader needs the enum's class: a type variable or {@code ?}
     * does not name one.
     */
    private static void requireEnum(WireType t, TypeMirror declared, String container, String path, String instead)
            throws TypeProblem {
        if (!(t instanceof WireType.Value v && v.valueClass().kind() == ValueClass.Kind.ENUM)) {
            throw new TypeProblem(path, container + "<" + declared + "> at {path} cannot be created by the reader, which "
                    + "needs the enum's class: name a concrete enum type, or use " + instead, null);
        }
    }

    private static boolean validKey(WireType key) {
        if (key instanceof WireType.Adapted a) {
            return validKey(a.wire());
        }
        if (key instanceof WireType.Scalar s) {
            return s.kind() == ScalarKind.STRING || s.kind().stringForm;
        }
        if (key instanceof WireType.Boxed b) {
            return b.kind() == PrimitiveKind.INT || b.kind() == PrimitiveKind.LONG
                    || b.kind() == PrimitiveKind.SHORT || b.kind() == PrimitiveKind.BYTE;
        }
        return key instanceof WireType.Value v && v.valueClass().kind() == ValueClass.Kind.ENUM;
    }

    /**
     * {@code te}, taught by {@code adapter}: it travels as the parameter type of the adapter's
     * {@code @FromWire} method. A problem of the adapter itself was reported on it, and is only counted
     * here; so is one of a wire type that contains {@code te} again (an endless type).
     */
    private WireType adapted(TypeElement te, WireAdapters.Adapter adapter, String path, TypeElement scope)
            throws TypeProblem {
        String name = te.getQualifiedName().toString();
        if (adapter.failure() != null) {
            throw new TypeProblem(path, adapter.failure(), adapters.blame(adapter));
        }
        TypeElement adapterClass = elements.getTypeElement(adapter.adapterClass());
        ExecutableElement to = WireAdapters.method(adapterClass, adapter.toWire());
        ExecutableElement from = WireAdapters.method(adapterClass, adapter.fromWire());
        if (!adapting.add(name)) {
            List<String> chain = new ArrayList<>();
            for (String a : adapting) {
                chain.add(a.substring(a.lastIndexOf('.') + 1));
            }
            throw new TypeProblem(path, te.getSimpleName() + " travels as a type that contains "
                    + te.getSimpleName() + " again (" + String.join(" → ", chain) + " → " + te.getSimpleName()
                    + "), which never ends: convert it to a type without it", to);
        }
        WireType wire;
        try {
            wire = classify(from.getParameters().get(0).asType(), path, scope);
        } finally {
            adapting.remove(name);
        }
        PackageElement user = scope != null ? elements.getPackageOf(scope) : generatedIn;
        if (user != null && !(callable(adapterClass, user) && callable(to, user) && callable(from, user))) {
            throw new TypeProblem(path, adapterClass.getSimpleName() + " adapts " + te.getSimpleName() + " for "
                    + "generated code in package " + user.getQualifiedName() + ", another package, so it must be "
                    + "public, with public @ToWire and @FromWire methods: make them public", adapterClass);
        }
        return new WireType.Adapted(ClassName.get(adapterClass), to.getSimpleName().toString(),
                from.getSimpleName().toString(), ClassName.get(te), wire);
    }

    /** Whether code in {@code pkg} may name {@code e}, a class or a method, and each class around it. */
    private boolean callable(Element e, PackageElement pkg) {
        for (Element x = e; x != null && x.getKind() != ElementKind.PACKAGE; x = x.getEnclosingElement()) {
            Set<Modifier> mods = x.getModifiers();
            if (mods.contains(Modifier.PRIVATE)
                    || (!mods.contains(Modifier.PUBLIC) && !elements.getPackageOf(x).equals(pkg))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlatform(String qualifiedName) {
        return qualifiedName.startsWith("java.") || qualifiedName.startsWith("javax.")
                || qualifiedName.startsWith("jdk.") || qualifiedName.startsWith("sun.")
                || qualifiedName.startsWith("com.sun.");
    }

    // ---- value classes ----------------------------------------------------------------------

    private ValueClass valueClass(TypeElement te, String path) throws TypeProblem {
        String key = te.getQualifiedName().toString();
        TypeProblem failure = failures.get(key);
        if (failure != null) {
            throw failure.under(path);
        }
        ValueClass vc = valueClasses.get(key);
        if (vc != null) {
            return vc; // analysed, or being analysed further up this very classification (a recursive type)
        }
        String unreachable = unreachable(te);
        if (unreachable != null) {
            TypeProblem p = new TypeProblem("", "{path}: " + unreachable, te);
            failures.put(key, p);
            throw p.under(path);
        }
        ValueClass.Kind kind = switch (te.getKind()) {
            case ENUM -> ValueClass.Kind.ENUM;
            case RECORD -> ValueClass.Kind.RECORD;
            default -> te.getModifiers().contains(Modifier.SEALED) ? ValueClass.Kind.SEALED : ValueClass.Kind.POJO;
        };
        List<TypeVariableName> typeVariables = new ArrayList<>();
        for (TypeParameterElement p : te.getTypeParameters()) {
            typeVariables.add(TypeVariableName.get(p));
        }
        vc = new ValueClass(te, kind, typeVariables, accessibleEverywhere(te));
        vc.setTagged(kind != ValueClass.Kind.ENUM && kind != ValueClass.Kind.SEALED && permittedBySealed(te));
        vc.setTaggedFromAnotherPackage(vc.tagged() && sealedSupertypeElsewhere(te, elements.getPackageOf(te)));
        valueClasses.put(key, vc);
        // A value class is a node its uses refer to, so an adapted type met again inside it ends the
        // recursion like a record holding itself: only a chain of adapters with no value class is endless.
        List<String> adaptingOutside = new ArrayList<>(adapting);
        adapting.clear();
        try {
            switch (kind) {
                case ENUM -> analyzeEnum(vc);
                case RECORD -> analyzeRecord(vc);
                case POJO -> analyzePojo(vc);
                case SEALED -> analyzeSealed(vc, path);
            }
            if (vc.tagged()) {
                checkDiscriminators(vc);
            }
        } catch (TypeProblem p) {
            valueClasses.remove(key);
            failures.put(key, p);
            throw p.under(path);
        } finally {
            adapting.clear();
            adapting.addAll(adaptingOutside);
        }
        return vc;
    }

    /** Why generated code in the class's own package cannot name it, or {@code null}. */
    static String unreachable(TypeElement te) {
        for (Element e = te; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return t.getSimpleName() + " is private, so generated code cannot use it: make it package-private or public";
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return t.getSimpleName() + " is a local class, so generated code cannot use it: move it to a top-level "
                        + "or static nested class";
            }
            if (t.getNestingKind() == NestingKind.MEMBER && t.getKind() == ElementKind.CLASS
                    && !t.getModifiers().contains(Modifier.STATIC)) {
                return t.getSimpleName() + " is an inner class, so generated code cannot create it: declare it static";
            }
        }
        return null;
    }

    /** Whether code in any package may name {@code te}: it and every class around it are public. */
    static boolean accessibleEverywhere(TypeElement te) {
        for (Element e = te; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private void analyzeEnum(ValueClass vc) throws TypeProblem {
        NamingPolicy policy = WireNames.policyOf(vc.element());
        List<ValueClass.Constant> constants = new ArrayList<>();
        Map<String, String> byWireName = new HashMap<>();
        for (Element e : vc.element().getEnclosedElements()) {
            if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                String name = e.getSimpleName().toString();
                String wireName = WireNames.of(name, policy, e);
                requireDistinct(byWireName, wireName, name, e, vc);
                constants.add(new ValueClass.Constant(name, wireName));
            }
        }
        vc.setEnumConstants(constants);
    }

    /**
     * Records that {@code javaName} of {@code vc} (declared by {@code member}) travels as {@code wireName}.
     *
     * @throws TypeProblem when another member already does
     */
    private static void requireDistinct(Map<String, String> byWireName, String wireName, String javaName, Element member,
            ValueClass vc) throws TypeProblem {
        String other = byWireName.putIfAbsent(wireName, javaName);
        if (other != null) {
            String simple = vc.element().getSimpleName().toString();
            throw new TypeProblem("", "{path}: " + simple + "." + javaName + " and " + simple + "." + other
                    + " would both travel as \"" + wireName + "\": give one another name with @WireName", member);
        }
    }

    /**
     * A sealed interface or abstract class: its concrete subtypes, found through nested sealed types,
     * each with its discriminator value.
     */
    private void analyzeSealed(ValueClass vc, String path) throws TypeProblem {
        TypeElement te = vc.element();
        String simple = te.getSimpleName().toString();
        if (!te.getTypeParameters().isEmpty()) {
            throw new TypeProblem("", "{path}: " + simple + " is a generic sealed type, which the reader cannot "
                    + "create without knowing its type arguments: remove its type parameters", te);
        }
        checkAbstract(te, simple);
        Discriminator annotation = te.getAnnotation(Discriminator.class);
        String discriminator = annotation == null ? "type" : annotation.value();
        if (discriminator.isEmpty()) {
            throw new TypeProblem("", "{path}: @Discriminator on " + simple + " is empty: name the property that "
                    + "tells its subtypes apart, or remove the annotation for \"type\"", te);
        }
        List<ValueClass.Subtype> subtypes = new ArrayList<>();
        collectSubtypes(te, vc, path, discriminator, subtypes, new HashMap<>());
        if (subtypes.isEmpty()) {
            throw new TypeProblem("", "{path}: sealed " + simple + " permits no class the reader can create: permit "
                    + "a record or a concrete class", te);
        }
        vc.setSubtypes(discriminator, subtypes);
    }

    /**
     * A sealed class must be abstract: an instance of the class itself would have no discriminator value
     * of its own, so its writer could not write it.
     */
    private static void checkAbstract(TypeElement sealed, String simple) throws TypeProblem {
        if (sealed.getKind() == ElementKind.CLASS && !sealed.getModifiers().contains(Modifier.ABSTRACT)) {
            throw new TypeProblem("", "{path}: sealed class " + simple + " is not abstract, so a " + simple + " itself "
                    + "would have no discriminator value to travel with: make it abstract (or a sealed interface), or "
                    + "move its own case into a permitted subclass", sealed);
        }
    }

    private void collectSubtypes(TypeElement sealed, ValueClass root, String path, String discriminator,
            List<ValueClass.Subtype> out, Map<String, Element> byTag) throws TypeProblem {
        NamingPolicy policy = WireNames.policyOf(sealed);
        String rootName = root.element().getSimpleName().toString();
        for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
            TypeElement sub = (TypeElement) ((DeclaredType) permitted).asElement();
            String simple = sub.getSimpleName().toString();
            if (sub.getModifiers().contains(Modifier.SEALED)) {
                checkAbstract(sub, simple);
                collectSubtypes(sub, root, path, discriminator, out, byTag);
                continue;
            }
            if (sub.getKind() == ElementKind.ENUM) {
                throw new TypeProblem("", "{path}: enum " + simple + " is permitted by sealed " + rootName + ", but an "
                        + "enum constant cannot carry the \"" + discriminator + "\" property: permit a record or class "
                        + "instead", sub);
            }
            if (sub.getKind() == ElementKind.INTERFACE || sub.getModifiers().contains(Modifier.ABSTRACT)) {
                throw new TypeProblem("", "{path}: " + simple + ", permitted by sealed " + rootName + ", is abstract and "
                        + "not sealed, so the reader cannot tell which class to create: declare it sealed as well, or "
                        + "make it a record or final class", sub);
            }
            if (!sub.getTypeParameters().isEmpty()) {
                throw new TypeProblem("", "{path}: " + simple + ", permitted by sealed " + rootName + ", is generic, so "
                        + "the reader of a " + rootName + " cannot know its type arguments: remove its type parameters",
                        sub);
            }
            ValueClass leaf = valueClass(sub, path);
            String tag = WireNames.of(simple, policy, sub);
            Element other = byTag.putIfAbsent(tag, sub);
            if (other != null) {
                throw new TypeProblem("", "{path}: " + simple + " and " + other.getSimpleName() + " would both have "
                        + discriminator + " \"" + tag + "\" in a " + rootName + ": give one another name with @WireName",
                        sub);
            }
            if (!leaf.accessibleEverywhere()
                    && !elements.getPackageOf(sub).equals(elements.getPackageOf(root.element()))) {
                throw new TypeProblem("", "{path}: " + simple + " is not public and not in " + rootName + "'s package, "
                        + "so " + rootName + "'s generated codec cannot use it: make it public", sub);
            }
            out.add(new ValueClass.Subtype(leaf, tag));
        }
    }

    /** Whether a sealed supertype of {@code te}, however far up, is in a package other than {@code pkg}. */
    private boolean sealedSupertypeElsewhere(TypeElement te, PackageElement pkg) {
        for (TypeMirror s : types.directSupertypes(te.asType())) {
            if (s.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement st = (TypeElement) ((DeclaredType) s).asElement();
            if (st.getModifiers().contains(Modifier.SEALED)
                    && (!elements.getPackageOf(st).equals(pkg) || sealedSupertypeElsewhere(st, pkg))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A permitted record or POJO is written with the discriminator of every sealed type above it: none
     * of its properties may travel under one of those keys. (Checked on the class itself, once it is
     * analysed: a sealed type may meet it half-analysed, when the class reaches the sealed type first.)
     */
    private void checkDiscriminators(ValueClass vc) throws TypeProblem {
        Map<String, String> keys = new LinkedHashMap<>(); // discriminator → the sealed type it belongs to
        sealedDiscriminators(vc.element().asType(), keys);
        for (Property p : vc.properties()) {
            String owner = keys.get(p.wireName());
            if (owner != null) {
                String simple = vc.element().getSimpleName().toString();
                throw new TypeProblem("", "{path}: " + simple + "." + p.name() + " travels as \"" + p.wireName()
                        + "\", the key that tells " + owner + "'s subtypes apart: rename it with @WireName, or name "
                        + "another key with @Discriminator on " + owner, backingField(vc.element(), p.name()));
            }
        }
    }

    private void sealedDiscriminators(TypeMirror type, Map<String, String> into) {
        for (TypeMirror s : types.directSupertypes(type)) {
            Element e = s.getKind() == TypeKind.DECLARED ? ((DeclaredType) s).asElement() : null;
            if (e != null && e.getModifiers().contains(Modifier.SEALED)) {
                Discriminator d = e.getAnnotation(Discriminator.class);
                into.putIfAbsent(d == null ? "type" : d.value(), e.getSimpleName().toString());
                sealedDiscriminators(s, into);
            }
        }
    }

    /** Whether a sealed class or interface {@code te} extends or implements lists it among its permitted subtypes. */
    static boolean permittedBySealed(TypeElement te) {
        List<TypeMirror> supertypes = new ArrayList<>(te.getInterfaces());
        supertypes.add(te.getSuperclass());
        for (TypeMirror s : supertypes) {
            if (s.getKind() == TypeKind.DECLARED
                    && ((DeclaredType) s).asElement().getModifiers().contains(Modifier.SEALED)) {
                return true;
            }
        }
        return false;
    }

    private void analyzeRecord(ValueClass vc) throws TypeProblem {
        TypeElement te = vc.element();
        DeclaredType owner = (DeclaredType) te.asType();
        NamingPolicy policy = WireNames.policyOf(te);
        List<Property> properties = new ArrayList<>();
        List<String> order = new ArrayList<>();
        Map<String, String> byWireName = new HashMap<>();
        for (RecordComponentElement c : te.getRecordComponents()) {
            String name = c.getSimpleName().toString();
            Element field = backingField(te, name);
            String wireName;
            try {
                wireName = WireNames.of(name, policy, c);
            } catch (TypeProblem p) {
                throw p.blame(field); // javac has no position for a component: its field has
            }
            requireDistinct(byWireName, wireName, name, field, vc);
            TypeMirror type = ((ExecutableType) types.asMemberOf(owner, c.getAccessor())).getReturnType();
            WireType wire = classifyMember(type, "." + name, te, backingField(te, name));
            properties.add(new Property(name, wireName, wire, ReadAccess.METHOD, c.getAccessor().getSimpleName().toString(),
                    WriteAccess.CONSTRUCTOR, null));
            order.add(name);
        }
        vc.setProperties(properties, Construction.ALL_ARGS_CONSTRUCTOR, order);
    }

    /** A record component's field: javac places diagnostics on it, not on the component element. */
    static Element backingField(TypeElement record, String name) {
        for (Element e : record.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
                return e;
            }
        }
        return record;
    }

    /** Classifies a member's type; a problem found right at the member is blamed on it. */
    private WireType classifyMember(TypeMirror type, String path, TypeElement scope, Element member) throws TypeProblem {
        try {
            return classify(type, path, scope);
        } catch (TypeProblem p) {
            throw p.culprit() == null ? p.blame(member) : p;
        }
    }

    /** A bean property being collected: its field, getter and setter, any of which may be missing. */
    private static final class Candidate {
        VariableElement field;
        ExecutableElement getter;
        ExecutableElement setter;
    }

    /** A POJO being analysed: the class, and what is learnt of its properties, in declaration order. */
    private static final class Pojo {
        final TypeElement element;
        final String simple;
        final DeclaredType owner;
        final PackageElement pkg;
        Map<String, Candidate> candidates;
        /** Property name → the type it reads as. */
        final Map<String, TypeMirror> propertyTypes = new LinkedHashMap<>();
        /** The properties backed by a field: the state a constructor must take. */
        final List<String> stateNames = new ArrayList<>();
        final Map<String, Property> readable = new LinkedHashMap<>();

        Pojo(TypeElement element, PackageElement pkg) {
            this.element = element;
            this.simple = element.getSimpleName().toString();
            this.owner = (DeclaredType) element.asType();
            this.pkg = pkg;
        }
    }

    private void analyzePojo(ValueClass vc) throws TypeProblem {
        Pojo pojo = new Pojo(vc.element(), elements.getPackageOf(vc.element()));
        checkNotAbstract(pojo);
        pojo.candidates = beanProperties(plainClassChain(pojo), pojo.pkg);
        readableProperties(pojo, vc);
        ExecutableElement noArg = null;
        ExecutableElement allArgs = null;
        for (Element e : pojo.element.getEnclosedElements()) {
            if (e.getKind() != ElementKind.CONSTRUCTOR || e.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            ExecutableElement ctor = (ExecutableElement) e;
            if (ctor.getParameters().isEmpty()) {
                noArg = ctor;
            } else if (allArgs == null && takesAll(ctor, pojo.stateNames, pojo.propertyTypes)) {
                allArgs = ctor;
            }
        }
        Map<String, Property> settable = new LinkedHashMap<>();
        String unsettable = settableProperties(pojo, settable);
        if (noArg != null && unsettable == null) {
            List<Property> properties = new ArrayList<>();
            for (Property p : pojo.readable.values()) {
                properties.add(settable.getOrDefault(p.name(), p));
            }
            vc.setProperties(properties, Construction.NO_ARG_CONSTRUCTOR, List.of());
        } else if (allArgs != null) {
            List<Property> properties = new ArrayList<>();
            for (Property p : pojo.readable.values()) {
                properties.add(pojo.stateNames.contains(p.name()) ? withWrite(p, WriteAccess.CONSTRUCTOR, null) : p);
            }
            List<String> order = allArgs.getParameters().stream().map(v -> v.getSimpleName().toString())
                    .collect(Collectors.toList());
            vc.setProperties(properties, Construction.ALL_ARGS_CONSTRUCTOR, order);
        } else {
            throw noWayToCreate(pojo, noArg != null, unsettable);
        }
    }

    private static void checkNotAbstract(Pojo pojo) throws TypeProblem {
        if (pojo.element.getModifiers().contains(Modifier.ABSTRACT)) {
            String simple = pojo.simple;
            throw new TypeProblem("", "{path}: " + simple + " is abstract and not sealed, so the reader cannot tell "
                    + "which class to create: declare it sealed (\"sealed abstract class " + simple + " permits …\"; each "
                    + "value then carries a \"type\" property naming its class), or use a concrete class or a record",
                    pojo.element);
        }
    }

    /** The class and its superclasses below {@code Object}, superclass first; none may be a platform class. */
    private static List<TypeElement> plainClassChain(Pojo pojo) throws TypeProblem {
        List<TypeElement> chain = new ArrayList<>();
        for (TypeElement c = pojo.element; c != null; c = superclass(c)) {
            String qn = c.getQualifiedName().toString();
            if (qn.equals("java.lang.Object")) {
                break;
            }
            if (isPlatform(qn)) {
                throw new TypeProblem("", "{path}: " + pojo.simple + " extends " + qn + ", which is not a plain value: "
                        + "use a record or a class that extends only your own classes", pojo.element);
            }
            chain.add(0, c);
        }
        return chain;
    }

    /** What each property reads as, and how it is read: fills {@code pojo}'s readable properties. */
    private void readableProperties(Pojo pojo, ValueClass vc) throws TypeProblem {
        NamingPolicy policy = WireNames.policyOf(pojo.element);
        Map<String, String> byWireName = new HashMap<>();
        for (Map.Entry<String, Candidate> entry : pojo.candidates.entrySet()) {
            String name = entry.getKey();
            Candidate c = entry.getValue();
            if (c.field == null && c.getter == null) {
                continue; // a setter alone: nothing to write
            }
            TypeMirror type;
            ReadAccess access;
            String member;
            if (c.getter != null) {
                type = ((ExecutableType) types.asMemberOf(pojo.owner, c.getter)).getReturnType();
                access = ReadAccess.METHOD;
                member = c.getter.getSimpleName().toString();
            } else if (accessible(c.field, pojo.pkg)) {
                type = types.asMemberOf(pojo.owner, c.field);
                access = ReadAccess.FIELD;
                member = name;
            } else {
                throw new TypeProblem("", "{path}: field " + pojo.simple + "." + name + " is private and has no getter: "
                        + "add get" + Names.capitalize(name) + "(), make the field package-private or public, or mark "
                        + "it transient", c.field);
            }
            Element blame = c.getter != null ? c.getter : c.field;
            String wireName = WireNames.of(name, policy, c.field, c.getter, c.setter);
            requireDistinct(byWireName, wireName, name, blame, vc);
            WireType wire = classifyMember(type, "." + name, pojo.element, blame);
            pojo.propertyTypes.put(name, type);
            if (c.field != null) {
                pojo.stateNames.add(name);
            }
            pojo.readable.put(name, new Property(name, wireName, wire, access, member, WriteAccess.NONE, null));
        }
    }

    /**
     * How a reader that created an instance with no arguments sets each property: fills {@code settable}
     * and returns the first field-backed property it cannot set, or {@code null}.
     */
    private String settableProperties(Pojo pojo, Map<String, Property> settable) {
        String unsettable = null;
        for (Property p : pojo.readable.values()) {
            Candidate c = pojo.candidates.get(p.name());
            TypeMirror type = pojo.propertyTypes.get(p.name());
            if (c.setter != null && types.isAssignable(type,
                    ((ExecutableType) types.asMemberOf(pojo.owner, c.setter)).getParameterTypes().get(0))) {
                settable.put(p.name(), withWrite(p, WriteAccess.SETTER, c.setter.getSimpleName().toString()));
            } else if (c.field != null && accessible(c.field, pojo.pkg) && !c.field.getModifiers().contains(Modifier.FINAL)
                    && types.isAssignable(type, types.asMemberOf(pojo.owner, c.field))) {
                settable.put(p.name(), withWrite(p, WriteAccess.FIELD, c.field.getSimpleName().toString()));
            } else if (c.field != null && unsettable == null) {
                unsettable = p.name();
            }
        }
        return unsettable;
    }

    /** Why no reader can create {@code pojo}: a field it cannot set after a no-argument constructor, or no constructor. */
    private static TypeProblem noWayToCreate(Pojo pojo, boolean hasNoArg, String unsettable) {
        String simple = pojo.simple;
        String all = String.join(", ", pojo.stateNames);
        if (hasNoArg) {
            String name = unsettable;
            return new TypeProblem("", "{path}: the reader cannot set " + simple + "." + name + ": add a setter set"
                    + Names.capitalize(name) + "(...), make the field non-final and non-private, or give "
                    + simple + " a constructor taking all its properties (" + all + ")", pojo.candidates.get(name).field);
        }
        return new TypeProblem("", "{path}: " + simple + " has no constructor the reader can call: add a no-argument "
                + "constructor, or one whose parameters are its properties (" + all + ") by name", pojo.element);
    }

    private static Property withWrite(Property p, WriteAccess access, String member) {
        return new Property(p.name(), p.wireName(), p.type(), p.readAccess(), p.readMember(), access, member);
    }

    private boolean takesAll(ExecutableElement ctor, List<String> names, Map<String, TypeMirror> propertyTypes) {
        if (ctor.getParameters().size() != names.size()) {
            return false;
        }
        for (VariableElement p : ctor.getParameters()) {
            String n = p.getSimpleName().toString();
            if (!names.contains(n) || !types.isAssignable(propertyTypes.get(n), p.asType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The properties of a class chain (superclass first), keyed by wire name, as JavaBeans names them.
     * A field is a property under its own name, with the accessors {@code java.beans.Introspector}
     * would pair with it: {@code getXCoord()} or {@code getxCoord()} for a field {@code xCoord} (the
     * Introspector names the first {@code XCoord}, the second {@code xCoord}), {@code isActive()} for a
     * {@code boolean active}, and for a {@code boolean isActive} field the accessors Lombok writes for
     * it, {@code isActive()} and {@code setActive(...)}. A getter no field claims is a read-only property
     * named as the Introspector decapitalizes it; a setter no field or getter claims is ignored.
     */
    private Map<String, Candidate> beanProperties(List<TypeElement> chain, PackageElement pkg) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Map<String, ExecutableElement> getters = new LinkedHashMap<>(); // by method name; a subclass's wins
        Map<String, ExecutableElement> setters = new LinkedHashMap<>();
        for (TypeElement c : chain) {
            for (Element e : c.getEnclosedElements()) {
                Set<Modifier> mods = e.getModifiers();
                if (mods.contains(Modifier.STATIC)) {
                    continue;
                }
                if (e.getKind() == ElementKind.FIELD && !mods.contains(Modifier.TRANSIENT)) {
                    candidates.computeIfAbsent(e.getSimpleName().toString(), k -> new Candidate()).field = (VariableElement) e;
                } else if (e.getKind() == ElementKind.METHOD && accessible(e, pkg)) {
                    ExecutableElement m = (ExecutableElement) e;
                    String n = m.getSimpleName().toString();
                    if (getterProperty(m) != null) {
                        getters.put(n, m);
                    } else if (n.length() > 3 && n.startsWith("set") && m.getParameters().size() == 1) {
                        setters.put(n, m);
                    }
                }
            }
        }
        for (Map.Entry<String, Candidate> entry : candidates.entrySet()) {
            String name = entry.getKey();
            Candidate c = entry.getValue();
            boolean bool = c.field.asType().getKind() == TypeKind.BOOLEAN;
            String suffix = Names.capitalize(name);
            c.getter = first(getters, "get" + suffix, "get" + name, bool ? "is" + suffix : null,
                    bool && isPrefixed(name) ? name : null);
            c.setter = first(setters, "set" + suffix, "set" + name,
                    bool && isPrefixed(name) ? "set" + name.substring(2) : null);
        }
        for (ExecutableElement g : getters.values()) {
            String property = getterProperty(g);
            if (!candidates.containsKey(property)) {
                Candidate c = new Candidate();
                c.getter = g;
                String setter = "set" + g.getSimpleName().toString().substring(g.getSimpleName().toString().startsWith("is") ? 2 : 3);
                c.setter = setters.get(setter);
                candidates.put(property, c);
            }
        }
        return candidates;
    }

    /** {@code isActive}: a boolean field named as its getter is (Lombok's accessors drop the prefix). */
    private static boolean isPrefixed(String field) {
        return field.length() > 2 && field.startsWith("is") && Character.isUpperCase(field.charAt(2));
    }

    /** The first of {@code names} (nulls skipped) that is a key of {@code methods}, removed from it; or {@code null}. */
    private static ExecutableElement first(Map<String, ExecutableElement> methods, String... names) {
        for (String n : names) {
            if (n != null && methods.containsKey(n)) {
                return methods.remove(n);
            }
        }
        return null;
    }

    /** The property a getter reads ({@code getName}/{@code isActive}), or {@code null}. */
    private static String getterProperty(ExecutableElement m) {
        if (!m.getParameters().isEmpty() || m.getReturnType().getKind() == TypeKind.VOID || !m.getTypeParameters().isEmpty()) {
            return null;
        }
        String n = m.getSimpleName().toString();
        if (n.length() > 3 && n.startsWith("get") && !n.equals("getClass")) {
            return Names.decapitalize(n.substring(3));
        }
        if (n.length() > 2 && n.startsWith("is") && m.getReturnType().getKind() == TypeKind.BOOLEAN) {
            return Names.decapitalize(n.substring(2));
        }
        return null;
    }

    /** Whether code in {@code pkg} (where the codec lives) may use member {@code e}. */
    private boolean accessible(Element e, PackageElement pkg) {
        Set<Modifier> mods = e.getModifiers();
        if (mods.contains(Modifier.PRIVATE)) {
            return false;
        }
        if (mods.contains(Modifier.PUBLIC)) {
            return true;
        }
        return elements.getPackageOf(e).equals(pkg);
    }

    private static TypeElement superclass(TypeElement c) {
        TypeMirror s = c.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }
}
