package dev.procwire.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What a service serves from its own class and from its supertypes: the {@code @ProcwireMethod}
 * methods declared in the service, its superclasses and the interfaces it implements, and the
 * {@code @Event} fields of its superclasses. The rules (README, "Inherited methods and events"):
 *
 * <ul>
 *   <li>A method is served once, by the method the service really has (its most specific override).
 *       The annotated declaration nearest the service is its contract: its options, its parameter
 *       names, and its types as seen from the service ({@code Repo<Item>.get} reads and returns
 *       {@code Item}).
 *   <li>An override need not repeat {@code @ProcwireMethod}; if it does, or if two supertypes annotate
 *       the method it implements, every annotation on it must have the same options.
 *   <li>The generated binding, in the service's package, must be able to call the method and set the
 *       field: what is inherited from another package must be public.
 * </ul>
 */
final class ServiceHierarchy {
    /**
     * One method the service serves.
     *
     * @param contract the annotated declaration whose options and parameter names apply
     * @param implementation the method the service has for it (the contract itself, or an override)
     * @param type the contract's type as a member of the service
     */
    record ServedMethod(ExecutableElement contract, ExecutableElement implementation, ExecutableType type) {}

    /** Reports a problem on the element at fault, or on the service when that element is not in source. */
    interface Problems {
        void error(Element at, AnnotationMirror annotation, String message);
    }

    private final Elements elements;
    private final Types types;
    private final TypeElement service;
    private final Problems problems;
    /** The service and every supertype but {@code Object}, nearest first (breadth first). */
    private final List<TypeElement> hierarchy = new ArrayList<>();
    /** Supertypes reached only as raw types: their type variables are erased. */
    private final Set<TypeElement> raw = new HashSet<>();

    ServiceHierarchy(Elements elements, Types types, TypeElement service, Problems problems) {
        this.elements = elements;
        this.types = types;
        this.service = service;
        this.problems = problems;
        walk();
    }

    private void walk() {
        ArrayDeque<TypeMirror> pending = new ArrayDeque<>();
        pending.add(service.asType());
        Set<TypeElement> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            TypeMirror t = pending.poll();
            if (t.getKind() != TypeKind.DECLARED) {
                continue;
            }
            DeclaredType d = (DeclaredType) t;
            TypeElement te = (TypeElement) d.asElement();
            if (te.getQualifiedName().contentEquals("java.lang.Object") || !seen.add(te)) {
                continue;
            }
            if (!te.getTypeParameters().isEmpty() && d.getTypeArguments().isEmpty()) {
                raw.add(te);
            }
            hierarchy.add(te);
            pending.addAll(types.directSupertypes(t));
        }
    }

    /**
     * Every type whose {@code @ProcwireMethod} and {@code @Event} members the service serves: the
     * service and its supertypes but {@code Object}, nearest first.
     */
    List<TypeElement> types() {
        return hierarchy;
    }

    /** The methods the service serves, its own first (in declaration order), then its supertypes' (nearest first). */
    List<ServedMethod> methods() {
        Map<ExecutableElement, List<ExecutableElement>> byImplementation = new LinkedHashMap<>();
        for (TypeElement type : hierarchy) {
            for (Element e : type.getEnclosedElements()) {
                if (e.getKind() != ElementKind.METHOD || AnnotationMirrors.mirror(e, AnnotationMirrors.PROCWIRE_METHOD) == null) {
                    continue;
                }
                ExecutableElement m = (ExecutableElement) e;
                AnnotationMirror ann = AnnotationMirrors.mirror(m, AnnotationMirrors.PROCWIRE_METHOD);
                if (type != service && type.getKind() == ElementKind.INTERFACE && m.getModifiers().contains(Modifier.STATIC)) {
                    problems.error(m, ann, "@ProcwireMethod " + describe(m) + " is a static interface method, which "
                            + service.getSimpleName() + " does not inherit: make it a default method, or move it to "
                            + service.getSimpleName());
                    continue;
                }
                if (raw.contains(type)) {
                    problems.error(m, ann, service.getSimpleName() + " inherits @ProcwireMethod " + describe(m)
                            + " from the raw type " + type.getSimpleName() + ", so its types are unknown: give "
                            + type.getSimpleName() + " its type arguments where " + service.getSimpleName()
                            + " extends or implements it");
                    continue;
                }
                ExecutableElement implementation = implementationOf(m);
                if (implementation == null) {
                    problems.error(m, ann, "@ProcwireMethod " + describe(m) + " is hidden by a static method of "
                            + service.getSimpleName() + ", so " + service.getSimpleName() + " cannot serve it: rename "
                            + "one of them");
                    continue;
                }
                byImplementation.computeIfAbsent(implementation, k -> new ArrayList<>()).add(m);
            }
        }
        List<ServedMethod> served = new ArrayList<>();
        for (Map.Entry<ExecutableElement, List<ExecutableElement>> group : byImplementation.entrySet()) {
            ExecutableElement implementation = group.getKey();
            List<ExecutableElement> declarations = group.getValue();
            ExecutableElement contract = nearest(declarations);
            boolean consistent = true;
            for (ExecutableElement other : declarations) {
                if (other != contract && !sameOptions(contract, other)) {
                    consistent = false;
                    reportConflict(contract, other);
                }
            }
            if (!consistent) {
                continue;
            }
            if (!callable(implementation)) {
                problems.error(contract, AnnotationMirrors.mirror(contract, AnnotationMirrors.PROCWIRE_METHOD),
                        "@ProcwireMethod " + describe(implementation) + " is not public and "
                        + owner(implementation).getSimpleName() + " is in another package than "
                        + service.getSimpleName() + ", so the generated binding cannot call it: make it public, or "
                        + "override it in " + service.getSimpleName());
                continue;
            }
            ExecutableType type = (ExecutableType) types.asMemberOf((DeclaredType) service.asType(), contract);
            served.add(new ServedMethod(contract, implementation, type));
        }
        return served;
    }

    /**
     * The {@code @Event} fields of the service's superclasses, nearest first (the service's own fields
     * are analysed with its constructors; an interface field is static final, reported elsewhere).
     */
    List<VariableElement> inheritedEventFields() {
        List<VariableElement> fields = new ArrayList<>();
        for (TypeElement type : hierarchy) {
            if (type == service || type.getKind() != ElementKind.CLASS) {
                continue;
            }
            for (Element e : type.getEnclosedElements()) {
                if (e.getKind() != ElementKind.FIELD || AnnotationMirrors.mirror(e, AnnotationMirrors.EVENT) == null) {
                    continue;
                }
                VariableElement f = (VariableElement) e;
                AnnotationMirror ann = AnnotationMirrors.mirror(f, AnnotationMirrors.EVENT);
                TypeElement hiding = hidingClass(f);
                if (hiding != null) {
                    problems.error(f, ann, "@Event field " + f.getSimpleName() + " of " + type.getSimpleName()
                            + " is hidden by a field of the same name in " + hiding.getSimpleName()
                            + ", so the generated binding cannot inject its emitter: rename one of them");
                    continue;
                }
                if (!f.getModifiers().contains(Modifier.PRIVATE) && !callable(f)) {
                    problems.error(f, ann, "@Event field " + f.getSimpleName() + " of " + type.getSimpleName()
                            + " is not public and " + type.getSimpleName() + " is in another package than "
                            + service.getSimpleName() + ", so the generated binding cannot inject its emitter: "
                            + "make it public");
                    continue;
                }
                fields.add(f);
            }
        }
        return fields;
    }

    /** The method of the service that runs when {@code declared} is called on it, or null if it is hidden. */
    private ExecutableElement implementationOf(ExecutableElement declared) {
        if (declared.getEnclosingElement() == service || declared.getModifiers().contains(Modifier.PRIVATE)) {
            return declared; // a private one is reported by the analyzer
        }
        for (Element member : elements.getAllMembers(service)) {
            if (member.getKind() == ElementKind.METHOD && member.getSimpleName().equals(declared.getSimpleName())
                    && (member == declared || elements.overrides((ExecutableElement) member, declared, service))) {
                return (ExecutableElement) member;
            }
        }
        return null;
    }

    /**
     * Of the annotated declarations of one method, the one nearest the service: its type is a subtype
     * of all the others' (it overrides them); with none such (two unrelated interfaces), the first met.
     */
    private ExecutableElement nearest(List<ExecutableElement> declarations) {
        for (ExecutableElement candidate : declarations) {
            TypeMirror type = types.erasure(owner(candidate).asType());
            boolean below = true;
            for (ExecutableElement other : declarations) {
                below &= types.isSubtype(type, types.erasure(owner(other).asType()));
            }
            if (below) {
                return candidate;
            }
        }
        return declarations.get(0);
    }

    private void reportConflict(ExecutableElement contract, ExecutableElement other) {
        boolean overrides = types.isSubtype(types.erasure(owner(contract).asType()), types.erasure(owner(other).asType()));
        AnnotationMirror ann = AnnotationMirrors.mirror(contract, AnnotationMirrors.PROCWIRE_METHOD);
        if (overrides) {
            problems.error(contract, ann, "@ProcwireMethod on " + describe(contract) + " has other options than the one "
                    + "on " + describe(other) + ", which it overrides: remove it here (the inherited one applies), "
                    + "or give both the same options");
        } else {
            problems.error(contract, ann, "@ProcwireMethod on " + describe(contract) + " has other options than the one "
                    + "on " + describe(other) + ", and " + service.getSimpleName() + " serves both with one method: "
                    + "give both the same options, or annotate only one");
        }
    }

    private boolean sameOptions(ExecutableElement a, ExecutableElement b) {
        return options(a).equals(options(b));
    }

    private Map<String, String> options(ExecutableElement m) {
        Map<String, String> out = new LinkedHashMap<>();
        AnnotationMirror ann = AnnotationMirrors.mirror(m, AnnotationMirrors.PROCWIRE_METHOD);
        for (Map.Entry<String, AnnotationValue> e : AnnotationMirrors.valuesOf(elements, ann).entrySet()) {
            Object v = e.getValue().getValue();
            out.put(e.getKey(), v instanceof VariableElement constant ? constant.getSimpleName().toString()
                    : Objects.toString(v));
        }
        return out;
    }

    /** The class between the service and {@code field}'s class that declares a field of the same name, if any. */
    private TypeElement hidingClass(VariableElement field) {
        for (TypeElement t = service; t != null && t != owner(field); t = superclass(t)) {
            for (Element e : t.getEnclosedElements()) {
                if (e.getKind() == ElementKind.FIELD && e.getSimpleName().equals(field.getSimpleName())) {
                    return t;
                }
            }
        }
        return null;
    }

    private static TypeElement superclass(TypeElement t) {
        TypeMirror s = t.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }

    /** Whether generated code in the service's package can use {@code member} through the service. */
    private boolean callable(Element member) {
        Set<Modifier> modifiers = member.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC) || owner(member).getKind() == ElementKind.INTERFACE) {
            return true;
        }
        // Private members are reported by the analyzer with their own message.
        return modifiers.contains(Modifier.PRIVATE)
                || elements.getPackageOf(member).equals(elements.getPackageOf(service));
    }

    private static TypeElement owner(Element member) {
        return (TypeElement) member.getEnclosingElement();
    }

    /** {@code Repo.get(String)}: where a method comes from, for messages. */
    static String describe(ExecutableElement m) {
        List<String> params = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            TypeMirror t = p.asType();
            params.add(t.getKind() == TypeKind.DECLARED ? ((DeclaredType) t).asElement().getSimpleName().toString()
                    : t.toString());
        }
        return owner(m).getSimpleName() + "." + m.getSimpleName() + "(" + String.join(", ", params) + ")";
    }
}
