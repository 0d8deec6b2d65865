package dev.procwire.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one way the processor reports problems: every message is attached to the element (and, where
 * there is one, the annotation) at fault, so the compiler points at the line to fix. Reporting never
 * stops processing; the caller carries on to find the next problem.
 */
final class ErrorReporter {
    private final Messager messager;
    private final Map<Element, Set<String>> reported = new IdentityHashMap<>();
    private int errorCount;

    ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    /** Reports an error on {@code element}. The same message on the same element is reported once. */
    void error(Element element, String message) {
        error(element, null, message);
    }

    /**
     * Reports an error on {@code element} once per {@code problem}: a fault inside a value class reached
     * from several use sites (each giving it another path in {@code message}) is one error, on the
     * member to fix, with the first path found.
     */
    void errorOnce(Element element, String problem, String message) {
        errorCount++;
        if (reported.computeIfAbsent(element, e -> new HashSet<>()).add(problem)) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        }
    }

    /** Reports an error on {@code annotation} of {@code element} (or on the element when it is null). */
    void error(Element element, AnnotationMirror annotation, String message) {
        errorCount++;
        if (!reported.computeIfAbsent(element, e -> new HashSet<>()).add(message)) {
            return;
        }
        if (annotation == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
        }
    }

    /** Reports a bug in the processor itself, with its stack, instead of letting it reach javac. */
    void internalError(Element element, Throwable t) {
        if (t instanceof NoClassDefFoundError && String.valueOf(t.getMessage()).startsWith("dev/procwire/api/")) {
            // Not a bug: the build put the processor on the processor path without the API it reads.
            error(element, "procwire-processor cannot load " + t.getMessage().replace('/', '.') + ": put procwire-api "
                    + "on the annotation processor path beside procwire-processor (Maven's annotationProcessorPaths "
                    + "resolves it from the processor's dependencies; with javac -processorpath, list both jars)");
            return;
        }
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        error(element, "procwire-processor failed on this element; please report it with this stack: " + stack);
    }

    /** Errors reported so far (a caller compares counts to tell whether its own step found any). */
    int errorCount() {
        return errorCount;
    }
}
