package dev.procwire.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The {@code @WireAdapter} classes of the compilation: which type each one adapts, and through which
 * {@code @ToWire}/{@code @FromWire} pair. In each round, before any service is analysed:
 *
 * <ol>
 *   <li>report {@code @ToWire} and {@code @FromWire} outside a {@code @WireAdapter} class;
 *   <li>for each {@code @WireAdapter} class, in name order, check each annotated method on its own
 *       (static, not private, one parameter, not generic, not void, an adaptable type) and then pair
 *       them by adapted type (one of each, the same wire type, one adapter per type);
 *   <li>check that the wire type of each new adapter can travel ({@link TypeClassifier}).
 * </ol>
 *
 * <p>Every problem is reported once, on the method or class at fault. A type whose adapter has a
 * problem is remembered with it, so a use of that type fails quietly instead of reporting it again.
 * Everything is kept by name: no element is held from one round to the next.
 */
final class WireAdapters {
    private static final Set<String> FIXED = Set.of("java.lang.String", "java.lang.Object", "java.lang.Boolean",
            "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
            "java.lang.Double", "java.lang.Character");

    /**
     * The adapter of one type, by name. A broken one has a {@code failure}: the message already reported
     * on {@code faultyMethod} (a method signature, {@code fromWire(java.lang.String)}) of
     * {@code adapterClass}, or on the class itself when that is {@code null}.
     *
     * @param adapterClass the {@code @WireAdapter} class's qualified name
     * @param toWire the {@code @ToWire} method's signature, or {@code null} when broken
     * @param fromWire the {@code @FromWire} method's signature, or {@code null} when broken
     */
    record Adapter(String adapterClass, String toWire, String fromWire, String faultyMethod, String failure) {}

    private final Elements elements;
    private final Types types;
    private final ErrorReporter errors;
    private final Predicate<Element> inSource;
    /** Adapted type's qualified name → its adapter, over every round so far. */
    private final Map<String, Adapter> byType = new HashMap<>();

    /** @param inSource whether an element is declared in a source file of this compilation */
    WireAdapters(Elements elements, Types types, ErrorReporter errors, Predicate<Element> inSource) {
        this.elements = elements;
        this.types = types;
        this.errors = errors;
        this.inSource = inSource;
    }

    /** The adapter of the type named {@code qualifiedName}, or {@code null} when it has none. */
    Adapter of(String qualifiedName) {
        return byType.get(qualifiedName);
    }

    /** The element a broken adapter's problem was reported on. */
    Element blame(Adapter a) {
        TypeElement type = elements.getTypeElement(a.adapterClass());
        ExecutableElement m = a.faultyMethod() == null || type == null ? null : method(type, a.faultyMethod());
        return m != null ? m : type;
    }

    /** The method of {@code type} whose signature ({@code ExecutableElement.toString()}) is {@code signature}. */
    static ExecutableElement method(TypeElement type, String signature) {
        for (Element e : type.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.toString().equals(signature)) {
                return (ExecutableElement) e;
            }
        }
        return null;
    }

    /** Collects and checks the adapters of {@code round}; {@code classifier} checks their wire types. */
    void collect(RoundEnvironment round, TypeClassifier classifier) {
        TypeElement adapterAnnotation = elements.getTypeElement(AnnotationMirrors.WIRE_ADAPTER);
        if (adapterAnnotation == null) {
            return; // the API is not on the class path: no service compiles either
        }
        reportStray(round, AnnotationMirrors.TO_WIRE, "@ToWire");
        reportStray(round, AnnotationMirrors.FROM_WIRE, "@FromWire");
        List<TypeElement> classes = new ArrayList<>();
        for (Element e : round.getElementsAnnotatedWith(adapterAnnotation)) {
            classes.add((TypeElement) e); // @Target(TYPE)
        }
        classes.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
        List<String> added = new ArrayList<>();
        for (TypeElement c : classes) {
            added.addAll(collectClass(c));
        }
        for (String adapted : added) {
            checkWireType(adapted, classifier);
        }
    }

    private void reportStray(RoundEnvironment round, String annotation, String title) {
        TypeElement a = elements.getTypeElement(annotation);
        if (a == null) {
            return;
        }
        for (Element e : round.getElementsAnnotatedWith(a)) {
            Element owner = e.getEnclosingElement();
            if (AnnotationMirrors.mirror(owner, AnnotationMirrors.WIRE_ADAPTER) == null) {
                errors.error(e, AnnotationMirrors.mirror(e, annotation), title + " " + e.getSimpleName() + " is in "
                        + owner.getSimpleName() + ", which is not a @WireAdapter: annotate " + owner.getSimpleName()
                        + " with @WireAdapter");
            }
        }
    }

    /** A checked {@code @ToWire} or {@code @FromWire} method and the type it adapts. */
    private record Conversion(ExecutableElement method, boolean toWire, TypeMirror adapted, TypeMirror wire) {
        String adaptedName() {
            return ((TypeElement) ((DeclaredType) adapted).asElement()).getQualifiedName().toString();
        }
    }

    /** A problem already reported on {@code method} (or, when that is {@code null}, on the adapter class). */
    private record Fault(ExecutableElement method, String message) {}

    /** Checks one adapter class and registers the types it adapts; returns their names. */
    private List<String> collectClass(TypeElement c) {
        String classProblem = unreachable(c);
        if (classProblem != null) {
            errors.error(c, AnnotationMirrors.mirror(c, AnnotationMirrors.WIRE_ADAPTER), classProblem);
        }
        List<Conversion> conversions = new ArrayList<>();
        Fault firstFault = checkedConversions(c, conversions);

        // Pair them by adapted type, in the order they are declared.
        Map<String, List<Conversion>> byAdapted = new LinkedHashMap<>();
        for (Conversion conv : conversions) {
            byAdapted.computeIfAbsent(conv.adaptedName(), k -> new ArrayList<>()).add(conv);
        }
        List<String> added = new ArrayList<>();
        for (Map.Entry<String, List<Conversion>> entry : byAdapted.entrySet()) {
            if (register(c, entry.getKey(), entry.getValue(), firstFault, classProblem)) {
                added.add(entry.getKey());
            }
        }
        return added;
    }

    /**
     * Adds the {@code @ToWire} and {@code @FromWire} methods of {@code c} that are right on their own to
     * {@code conversions}, reporting the others; returns the first of those, or {@code null}.
     */
    private Fault checkedConversions(TypeElement c, List<Conversion> conversions) {
        Fault first = null;
        for (Element e : c.getEnclosedElements()) {
            if (e.getKind() != ElementKind.METHOD) {
                continue;
            }
            ExecutableElement m = (ExecutableElement) e;
            boolean to = AnnotationMirrors.mirror(m, AnnotationMirrors.TO_WIRE) != null;
            boolean from = AnnotationMirrors.mirror(m, AnnotationMirrors.FROM_WIRE) != null;
            if (!to && !from) {
                continue;
            }
            String problem = to && from
                    ? "@ToWire and @FromWire are both on " + m.getSimpleName() + ": a method converts one way; "
                            + "write one method for each direction"
                    : checkMethod(c, m, to);
            if (problem != null) {
                errors.error(m, conversionMirror(m, to), problem);
                if (first == null) {
                    first = new Fault(m, problem);
                }
                continue;
            }
            conversions.add(to ? new Conversion(m, true, m.getParameters().get(0).asType(), m.getReturnType())
                    : new Conversion(m, false, m.getReturnType(), m.getParameters().get(0).asType()));
        }
        return first;
    }

    /**
     * Registers the adapter {@code c} makes of type {@code adapted} from its {@code conversions}, broken
     * or not; returns whether it works (a second adapter of the type is reported and not registered).
     */
    private boolean register(TypeElement c, String adapted, List<Conversion> conversions, Fault firstFault,
            String classProblem) {
        Conversion to = conversions.stream().filter(Conversion::toWire).findFirst().orElse(null);
        Conversion from = conversions.stream().filter(conv -> !conv.toWire()).findFirst().orElse(null);
        Fault fault = reportSeconds(c, adapted, conversions);
        Conversion any = to != null ? to : from;
        Adapter previous = byType.get(adapted);
        if (previous != null) {
            errors.error(any.method(), conversionMirror(any.method(), any.toWire()), simpleName(adapted)
                    + " already has an adapter, " + previous.adapterClass() + ": a type has one adapter in a "
                    + "compilation; remove one of them");
            return false; // the first one stays
        }
        if (fault == null) {
            fault = checkPair(c, simpleName(adapted), to, from, firstFault);
        }
        if (fault == null && classProblem != null) {
            fault = new Fault(null, classProblem);
        }
        String adapterClass = c.getQualifiedName().toString();
        byType.put(adapted, fault != null
                ? new Adapter(adapterClass, null, null, fault.method() == null ? null : fault.method().toString(),
                        fault.message())
                : new Adapter(adapterClass, to.method().toString(), from.method().toString(), null, null));
        return fault == null;
    }

    /** Reports every conversion of one type after the first in its direction; returns the first report. */
    private Fault reportSeconds(TypeElement c, String adapted, List<Conversion> conversions) {
        Fault fault = null;
        Conversion to = null;
        Conversion from = null;
        for (Conversion conv : conversions) {
            Conversion first = conv.toWire() ? to : from;
            if (first == null) {
                if (conv.toWire()) {
                    to = conv;
                } else {
                    from = conv;
                }
                continue;
            }
            String problem = "a second " + (conv.toWire() ? "@ToWire" : "@FromWire") + " for " + simpleName(adapted)
                    + " in " + c.getSimpleName() + ": " + first.method().getSimpleName() + " already converts it; "
                    + "remove one of them";
            errors.error(conv.method(), conversionMirror(conv.method(), conv.toWire()), problem);
            if (fault == null) {
                fault = new Fault(conv.method(), problem);
            }
        }
        return fault;
    }

    /** Checks that {@code to} and {@code from} make a pair; returns the fault (reported), or {@code null}. */
    private Fault checkPair(TypeElement c, String shown, Conversion to, Conversion from, Fault firstFault) {
        if (firstFault != null && (to == null || from == null)) {
            return firstFault; // the missing half may be the method already reported: say nothing more
        }
        String simple = c.getSimpleName().toString();
        Fault fault;
        if (to == null) {
            fault = new Fault(from.method(), simple + " reads " + shown + " with @FromWire "
                    + from.method().getSimpleName() + " but has no @ToWire to write it: add @ToWire static "
                    + from.wire() + " toWire(" + shown + " value)");
        } else if (from == null) {
            fault = new Fault(to.method(), simple + " writes " + shown + " with @ToWire " + to.method().getSimpleName()
                    + " but has no @FromWire to read it back: add @FromWire static " + shown + " fromWire("
                    + to.wire() + " wire)");
        } else if (!sameType(to.wire(), from.wire())) {
            fault = new Fault(from.method(), "@FromWire " + from.method().getSimpleName() + " takes " + from.wire()
                    + ", but @ToWire " + to.method().getSimpleName() + " writes " + shown + " as " + to.wire() + ": "
                    + shown + " travels as one type; make them the same");
        } else {
            return null;
        }
        errors.error(fault.method(), conversionMirror(fault.method(), from == null), fault.message());
        return fault;
    }

    private static AnnotationMirror conversionMirror(ExecutableElement m, boolean toWire) {
        return AnnotationMirrors.mirror(m, toWire ? AnnotationMirrors.TO_WIRE : AnnotationMirrors.FROM_WIRE);
    }

    /** What is wrong with a {@code @ToWire} ({@code to}) or {@code @FromWire} method on its own, or {@code null}. */
    private String checkMethod(TypeElement c, ExecutableElement m, boolean to) {
        String title = (to ? "@ToWire " : "@FromWire ") + m.getSimpleName();
        String call = c.getSimpleName() + "." + m.getSimpleName() + "(…)";
        String example = to ? "static String toWire(Money value)" : "static Money fromWire(String wire)";
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            return title + " must be static: generated code calls " + call + " without an instance; declare it static";
        }
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            return title + " is private, so generated code cannot call it: make it package-private or public";
        }
        if (m.getParameters().size() != 1) {
            return title + " takes " + m.getParameters().size() + " parameters: it takes one, "
                    + (to ? "the value to convert" : "the value as it travels") + " (e.g. " + example + ")";
        }
        if (!m.getTypeParameters().isEmpty()) {
            return title + " is generic: an adapter converts one type; remove its type parameters (e.g. " + example + ")";
        }
        if (m.getReturnType().getKind() == TypeKind.VOID) {
            return title + " returns void: return " + (to ? "the value as it travels" : "the converted value")
                    + " (e.g. " + example + ")";
        }
        TypeMirror adapted = to ? m.getParameters().get(0).asType() : m.getReturnType();
        String refused = refusal(adapted);
        return refused == null ? null : title + " " + refused;
    }

    /** Why {@code t} cannot be adapted, or {@code null}. */
    private String refusal(TypeMirror t) {
        if (t.getKind().isPrimitive()) {
            return "adapts " + t + ", which cannot be adapted: its form on the wire is fixed; adapt a type of your "
                    + "own that holds it";
        }
        if (t.getKind() != TypeKind.DECLARED) {
            return "adapts " + t + ", which cannot be adapted: an adapter converts a class, record, enum or interface";
        }
        DeclaredType d = (DeclaredType) t;
        TypeElement te = (TypeElement) d.asElement();
        if (FIXED.contains(te.getQualifiedName().toString())) {
            return "adapts " + te.getSimpleName() + ", which cannot be adapted: its form on the wire is fixed; adapt "
                    + "a type of your own that holds it";
        }
        if (!d.getTypeArguments().isEmpty() || !te.getTypeParameters().isEmpty()) {
            return "adapts " + t + ", which cannot be adapted: it is generic, and an adapter converts one type; "
                    + "adapt its element type, or a record that holds it";
        }
        return null;
    }

    /** Why generated code cannot call a static method of {@code c}, or {@code null}. */
    private static String unreachable(TypeElement c) {
        for (Element e = c; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return t.getSimpleName() + " is private, so generated code cannot call the adapter: make it "
                        + "package-private or public";
            }
            if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                return c.getSimpleName() + " is a local class, so generated code cannot call it: move it to a "
                        + "top-level or static nested class";
            }
        }
        return null;
    }

    /**
     * Checks that the new adapter of {@code adapted} converts to a type that can travel. A problem
     * inside a value class of this compilation is reported there; any other on the {@code @ToWire}
     * method, and the adapter is then broken.
     */
    private void checkWireType(String adapted, TypeClassifier classifier) {
        Adapter a = byType.get(adapted);
        TypeElement c = elements.getTypeElement(a.adapterClass());
        ExecutableElement to = method(c, a.toWire());
        TypeMirror wire = to.getReturnType();
        if (wire.getKind() == TypeKind.ERROR) {
            return; // javac reports it
        }
        try {
            classifier.classify(wire, to.getSimpleName() + "(" + simpleName(adapted) + ")", null);
        } catch (TypeProblem p) {
            Element culprit = p.culprit();
            if (culprit != null && inSource.test(culprit)) {
                // Inside a value class, or another adapter (broken, or the next in a cycle).
                errors.errorOnce(culprit, p.template(), p.getMessage());
                return;
            }
            String failure = "@ToWire " + to.getSimpleName() + " returns " + wire + ", which cannot travel: "
                    + p.getMessage();
            errors.error(to, AnnotationMirrors.mirror(to, AnnotationMirrors.TO_WIRE), failure);
            byType.put(adapted, new Adapter(a.adapterClass(), null, null, a.toWire(), failure));
        }
    }

    private boolean sameType(TypeMirror a, TypeMirror b) {
        // isSameType is false for any wildcard, even one compared with itself.
        return types.isSameType(a, b) || a.toString().equals(b.toString());
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
