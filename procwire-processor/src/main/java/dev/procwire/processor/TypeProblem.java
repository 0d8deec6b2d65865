package dev.procwire.processor;

import javax.lang.model.element.Element;

/**
 * A type the generated code cannot read or write, found while classifying. The message names the
 * path from the parameter, result or event down to the offending member ({@code order.items[].price});
 * {@code {path}} in the template stands for it until the use site is known.
 */
final class TypeProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final String template;
    private final String path;
    private final transient Element culprit;

    TypeProblem(String path, String template, Element culprit) {
        super(template, null, false, false);
        this.template = template;
        this.path = path;
        this.culprit = culprit;
    }

    /** The same problem seen from a use site whose path is {@code prefix}. */
    TypeProblem under(String prefix) {
        return new TypeProblem(prefix + path, template, culprit);
    }

    /** The same problem, blamed on {@code member} (a field, accessor or class the user can fix). */
    TypeProblem blame(Element member) {
        return new TypeProblem(path, template, member);
    }

    /** The member inside a value class that is at fault, or {@code null} when the use site is. */
    Element culprit() {
        return culprit;
    }

    String path() {
        return path;
    }

    /** The problem without its path: the same for every use site that reaches it. */
    String template() {
        return template;
    }

    @Override
    public String getMessage() {
        return template.replace("{path}", path);
    }
}
