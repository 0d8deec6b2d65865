package dev.procwire.processor;

import com.palantir.javapoet.ClassName;
import java.util.HashSet;
import java.util.Set;

/** Stable names for generated classes, constants and methods. */
final class Names {
    private Names() {}

    /**
     * {@code pkg.Outer.Inner} + {@code _Procwire} → {@code pkg.Outer_Inner_Procwire}: the nesting joined by
     * {@code _}, and each {@code _} of a name itself written {@code _1} ({@code pkg.Outer_Inner} →
     * {@code pkg.Outer_1Inner_Procwire}), so a nested type and a top-level type whose name spells the same
     * never share a generated class (no Java name starts with a digit, so {@code _1} cannot be a joint).
     */
    static ClassName peerClass(ClassName type, String suffix) {
        StringBuilder flat = new StringBuilder();
        for (String name : type.simpleNames()) {
            if (flat.length() > 0) {
                flat.append('_');
            }
            flat.append(name.replace("_", "_1"));
        }
        return ClassName.get(type.packageName(), flat + suffix);
    }

    /** {@code echoRaw} → {@code ECHO_RAW}; {@code image.resize} → {@code IMAGE_RESIZE}. */
    static String constantCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        char prev = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 0x80) {
                if (Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev))) {
                    sb.append('_');
                }
                sb.append(Character.toUpperCase(c));
            } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
            prev = c;
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    /** {@code resize} → {@code Resize}. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The bean property of a getter or setter suffix, as {@code java.beans.Introspector} decapitalizes it. */
    static String decapitalize(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0)))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Hands out distinct names in a deterministic way: the preferred one, else a fallback. */
    static final class Allocator {
        private final Set<String> used = new HashSet<>();

        /** Reserves {@code name} so it is never handed out. */
        void reserve(String name) {
            used.add(name);
        }

        /** {@code preferred} if free, else {@code fallback}, else {@code fallback} with a counter. */
        String allocate(String preferred, String fallback) {
            if (!preferred.isEmpty() && !preferred.endsWith("_") && used.add(preferred)) {
                return preferred;
            }
            if (used.add(fallback)) {
                return fallback;
            }
            for (int i = 2; ; i++) {
                if (used.add(fallback + "_" + i)) {
                    return fallback + "_" + i;
                }
            }
        }
    }
}
