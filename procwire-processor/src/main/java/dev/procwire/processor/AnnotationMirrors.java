package dev.procwire.processor;

import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The Procwire annotations by name, and reading them as the compiler sees them. The processor reads
 * annotation mirrors rather than {@code getAnnotation(Class)}: a mirror is what a diagnostic is
 * attached to, and it reads values whose types are not compiled yet.
 */
final class AnnotationMirrors {
    static final String PROCWIRE_SERVICE = "dev.procwire.api.ProcwireService";
    static final String PROCWIRE_METHOD = "dev.procwire.api.ProcwireMethod";
    static final String EVENT = "dev.procwire.api.Event";
    static final String WIRE_ADAPTER = "dev.procwire.api.WireAdapter";
    static final String TO_WIRE = "dev.procwire.api.ToWire";
    static final String FROM_WIRE = "dev.procwire.api.FromWire";
    static final String DISCRIMINATOR = "dev.procwire.api.Discriminator";
    static final String WIRE_NAME = "dev.procwire.api.WireName";

    private AnnotationMirrors() {}

    /** The annotation of type {@code qualifiedName} on {@code e}, or {@code null}. */
    static AnnotationMirror mirror(Element e, String qualifiedName) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            TypeElement t = (TypeElement) a.getAnnotationType().asElement();
            if (t.getQualifiedName().contentEquals(qualifiedName)) {
                return a;
            }
        }
        return null;
    }

    /** The values of {@code annotation} by member name, defaults included. */
    static Map<String, AnnotationValue> valuesOf(Elements elements, AnnotationMirror annotation) {
        Map<String, AnnotationValue> out = new HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(annotation).entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return out;
    }

    /** The name of the enum constant an annotation member holds. */
    static String enumName(AnnotationValue v) {
        return ((VariableElement) v.getValue()).getSimpleName().toString();
    }
}
