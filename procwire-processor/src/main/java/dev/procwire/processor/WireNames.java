package dev.procwire.processor;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;

/**
 * The name a value has on the wire: its {@code @WireName}, else what the {@code @WireNaming} policy of
 * the type declaring it derives from its Java name, else its Java name.
 */
final class WireNames {
    private WireNames() {}

    /** The policy {@code declaringType} names its members by, or {@code null} for their Java names. */
    static NamingPolicy policyOf(Element declaringType) {
        WireNaming naming = declaringType.getAnnotation(WireNaming.class);
        return naming == null ? null : naming.value();
    }

    /**
     * The wire name of {@code member}, whose Java name is {@code javaName}.
     *
     * @param annotated the elements that may carry {@code @WireName} for it, the first annotated one
     *     deciding (a record component, or a bean property's field, then getter, then setter)
     * @throws TypeProblem when a {@code @WireName} is empty, or two of {@code annotated} disagree
     */
    static String of(String javaName, NamingPolicy policy, Element... annotated) throws TypeProblem {
        String chosen = null;
        Element chooser = null;
        for (Element e : annotated) {
            WireName name = e == null ? null : e.getAnnotation(WireName.class);
            if (name == null) {
                continue;
            }
            if (name.value().isEmpty()) {
                throw new TypeProblem("", "{path}: @WireName on " + javaName + " is empty: give the name it has on the "
                        + "wire, or remove the annotation", e);
            }
            if (chosen == null) {
                chosen = name.value();
                chooser = e;
            } else if (!chosen.equals(name.value())) {
                throw new TypeProblem("", "{path}: " + javaName + " has two wire names, \"" + chosen + "\" on its "
                        + describe(chooser) + " and \"" + name.value() + "\" here: keep one @WireName", e);
            }
        }
        if (chosen != null) {
            return chosen;
        }
        return policy == null ? javaName : apply(policy, javaName);
    }

    private static String describe(Element e) {
        return switch (e.getKind()) {
            case FIELD -> "field";
            case METHOD -> "method " + e.getSimpleName() + "()";
            default -> e.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** {@code javaName} as {@code policy} writes it; the word rules are {@link NamingPolicy}'s. */
    static String apply(NamingPolicy policy, String javaName) {
        List<String> words = words(javaName);
        StringBuilder sb = new StringBuilder(javaName.length() + words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).toLowerCase(Locale.ROOT);
            switch (policy) {
                case SNAKE_CASE -> sb.append(i == 0 ? "" : "_").append(w);
                case KEBAB_CASE -> sb.append(i == 0 ? "" : "-").append(w);
                case LOWER_CAMEL_CASE -> sb.append(i == 0 ? w : Names.capitalize(w));
            }
        }
        return sb.toString();
    }

    /**
     * {@code userId} → [user, Id]; {@code HTTPServer} → [HTTP, Server]; {@code IN_REVIEW} → [IN, REVIEW];
     * {@code line2Text} → [line2, Text].
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (i > start) {
                    words.add(name.substring(start, i));
                }
                start = i + 1;
                continue;
            }
            if (i > start && Character.isUpperCase(c)) {
                char prev = name.charAt(i - 1);
                boolean next = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && next)) {
                    words.add(name.substring(start, i));
                    start = i;
                }
            }
        }
        if (start < name.length()) {
            words.add(name.substring(start));
        }
        return words;
    }
}
