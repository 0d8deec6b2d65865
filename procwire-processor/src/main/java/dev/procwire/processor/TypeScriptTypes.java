package dev.procwire.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The TypeScript type of each {@link WireType}, as the parent's {@code msgpack} codec sees it. A type
 * has two sides: what the parent <em>sends</em> ({@link Side#INPUT}: a record's reference components may
 * be left out, an {@code Instant} may be a number of milliseconds) and what it <em>receives</em>
 * ({@link Side#OUTPUT}: every key is there, an {@code Instant} is a {@code Date}). A record, POJO or
 * sealed type sent by the parent gets an {@code <Name>Input} interface besides its {@code <Name>}.
 */
final class TypeScriptTypes {
    /** Which way a value travels, seen from the parent. */
    enum Side { INPUT, OUTPUT }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final Map<ValueClass, String> names = new HashMap<>();
    /** Value classes the parent receives, then those it sends, each in first-use order. */
    private final Set<ValueClass> outputs = new LinkedHashSet<>();
    private final Set<ValueClass> inputs = new LinkedHashSet<>();

    /**
     * Names a generated value type may not take: the global types the declarations refer to (a user
     * class named {@code Date} would hide JavaScript's), and what the generator itself declares.
     */
    private static final List<String> GLOBALS = List.of("Array", "AsyncIterable", "AbortSignal", "Buffer", "Date",
            "Partial", "Promise", "Record", "Uint8Array", "CallOptions", "EmptySchema", "Module");

    /**
     * @param service the service's simple name: its {@code Schema}, {@code Request}, {@code Response} and
     *     {@code Client} names are taken too
     * @param imported the names the declarations import (Arrow's {@code Table}), taken too
     */
    TypeScriptTypes(List<ValueClass> valueClasses, String service, List<String> imported) {
        Set<String> taken = new HashSet<>(GLOBALS);
        taken.addAll(imported);
        for (String suffix : List.of("Schema", "Request", "Response", "Client")) {
            taken.add(service + suffix);
        }
        Map<String, Integer> simple = new HashMap<>();
        for (ValueClass vc : valueClasses) {
            simple.merge(vc.className().simpleName(), 1, Integer::sum);
        }
        for (ValueClass vc : valueClasses) {
            // A simple name shared by two classes, or taken (a global, a generated name, another type's
            // <Name>Input), is qualified by its enclosing classes, then its package, then numbered, so
            // every type of the file has a name of its own.
            List<String> candidates = new ArrayList<>();
            if (simple.get(vc.className().simpleName()) == 1) {
                candidates.add(vc.className().simpleName());
            }
            candidates.add(String.join("_", vc.className().simpleNames()));
            candidates.add(vc.className().packageName().replace('.', '_') + "_" + candidates.get(candidates.size() - 1));
            String name = null;
            for (int i = 0; name == null; i++) {
                String c = i < candidates.size() ? candidates.get(i)
                        : candidates.get(candidates.size() - 1) + "_" + (i - candidates.size() + 2);
                boolean input = vc.kind() != ValueClass.Kind.ENUM;
                if (!taken.contains(c) && !(input && taken.contains(c + "Input"))) {
                    name = c;
                }
            }
            taken.add(name);
            if (vc.kind() != ValueClass.Kind.ENUM) {
                taken.add(name + "Input");
            }
            names.put(vc, name);
        }
    }

    /** Notes that the parent sends ({@code INPUT}) or receives {@code type}, and every value class in it. */
    void reach(WireType type, Side side) {
        Set<ValueClass> into = side == Side.INPUT ? inputs : outputs;
        if (type instanceof WireType.Value v) {
            if (into.add(v.valueClass())) {
                for (ValueClass.Property p : v.valueClass().properties()) {
                    reach(p.type(), side);
                }
                for (ValueClass.Subtype s : v.valueClass().subtypes()) {
                    reach(new WireType.Value(s.valueClass(), List.of()), side);
                }
            }
            v.typeArguments().forEach(t -> reach(t, side));
        } else if (type instanceof WireType.Adapted a) {
            reach(a.wire(), side);
        } else if (type instanceof WireType.Sequence s) {
            reach(s.element(), side);
        } else if (type instanceof WireType.ArrayOf a) {
            reach(a.component(), side);
        } else if (type instanceof WireType.Dictionary d) {
            reach(d.key(), side);
            reach(d.value(), side);
        } else if (type instanceof WireType.OptionalOf o) {
            reach(o.element(), side);
        }
    }

    /** The declarations of every value class reached, receiving side first, in first-use order. */
    List<String> declarations() {
        List<String> out = new ArrayList<>();
        for (ValueClass vc : outputs) {
            out.add(declaration(vc, Side.OUTPUT));
        }
        for (ValueClass vc : inputs) {
            if (vc.kind() != ValueClass.Kind.ENUM || !outputs.contains(vc)) {
                out.add(declaration(vc, Side.INPUT));
            }
        }
        return out;
    }

    private String declaration(ValueClass vc, Side side) {
        String name = name(vc, side);
        String header = "/** `" + vc.className().canonicalName() + "`" + (side == Side.INPUT ? ", as the parent sends it" : "")
                + ". */\n";
        return header + switch (vc.kind()) {
            case ENUM -> "export type " + name + " = " + (vc.enumConstants().isEmpty() ? "never" // no value is one
                    : String.join(" | ", vc.enumConstants().stream().map(c -> quote(c.wireName())).toList())) + ";\n";
            case SEALED -> "export type " + name + " =\n" + String.join(" |\n", vc.subtypes().stream()
                    .map(s -> "  ({ " + key(vc.discriminator()) + ": " + quote(s.tag()) + " } & "
                            + name(s.valueClass(), side) + ")").toList()) + ";\n";
            case RECORD, POJO -> interfaceOf(vc, name, side);
        };
    }

    private String interfaceOf(ValueClass vc, String name, Side side) {
        StringBuilder b = new StringBuilder("export interface ").append(name);
        if (!vc.typeVariables().isEmpty()) {
            b.append('<').append(String.join(", ", vc.typeVariables().stream().map(t -> t.name()).toList())).append('>');
        }
        b.append(" {\n");
        for (ValueClass.Property p : vc.properties()) {
            if (side == Side.INPUT && p.writeAccess() == ValueClass.WriteAccess.NONE) {
                continue;   // the reader skips the key
            }
            // A missing key is null for a reference; for a primitive it is an error, unless a no-argument
            // constructor already gave the field its default.
            boolean optional = side == Side.INPUT && (nullable(p.type())
                    || vc.construction() == ValueClass.Construction.NO_ARG_CONSTRUCTOR);
            b.append("  ").append(property(p.wireName(), optional, p.type(), side)).append('\n');
        }
        return b.append("}\n").toString();
    }

    /** {@code key: type;} or {@code key?: type;}. */
    String property(String wireName, boolean optional, WireType type, Side side) {
        return key(wireName) + (optional ? "?: " : ": ") + field(type, side) + ";";
    }

    /** The type of a value that may be nil where {@code type} is a reference. */
    String field(WireType type, Side side) {
        String ts = type(type, side);
        return nullable(type) && !ts.equals("unknown") ? ts + " | null" : ts;
    }

    /** The type of a non-nil value of {@code type}. */
    String type(WireType type, Side side) {
        if (type instanceof WireType.Primitive p) {
            return primitive(p.kind());
        } else if (type instanceof WireType.Boxed b) {
            return primitive(b.kind());
        } else if (type instanceof WireType.OptionalPrimitive o) {
            return primitive(o.kind());
        } else if (type instanceof WireType.Scalar s) {
            return scalar(s.kind(), side);
        } else if (type instanceof WireType.Value v) {
            return name(v.valueClass(), side) + (v.typeArguments().isEmpty() ? "" : "<"
                    + String.join(", ", v.typeArguments().stream().map(t -> type(t, side)).toList()) + ">");
        } else if (type instanceof WireType.Adapted a) {
            return type(a.wire(), side);
        } else if (type instanceof WireType.TypeVariable t) {
            return t.name();
        } else if (type instanceof WireType.Sequence s) {
            return array(field(s.element(), side));
        } else if (type instanceof WireType.ArrayOf a) {
            return array(field(a.component(), side));
        } else if (type instanceof WireType.Dictionary d) {
            return d.key() instanceof WireType.Value k && k.valueClass().kind() == ValueClass.Kind.ENUM
                    ? "Partial<Record<" + type(k, side) + ", " + field(d.value(), side) + ">>"
                    : "Record<string, " + field(d.value(), side) + ">";
        } else if (type instanceof WireType.OptionalOf o) {
            return type(o.element(), side);
        }
        throw new IllegalArgumentException("no TypeScript type for " + type);
    }

    /** Whether a value of {@code type} may travel as nil: anything but a primitive. */
    static boolean nullable(WireType type) {
        return !(type instanceof WireType.Primitive);
    }

    private String name(ValueClass vc, Side side) {
        String name = names.get(vc);
        return side == Side.INPUT && vc.kind() != ValueClass.Kind.ENUM ? name + "Input" : name;
    }

    private static String primitive(WireType.PrimitiveKind kind) {
        return switch (kind) {
            case BOOLEAN -> "boolean";
            case CHAR -> "string";
            default -> "number";
        };
    }

    /** What the parent's codec yields for each scalar, and what the worker's reader also accepts from it. */
    private static String scalar(WireType.ScalarKind kind, Side side) {
        boolean in = side == Side.INPUT;
        return switch (kind) {
            // bin decodes to a Uint8Array; a Buffer sent (ext 1) is read too, and is a Uint8Array.
            case BYTES, BYTE_BUFFER -> "Uint8Array";
            case INSTANT -> in ? "Date | number | string" : "Date";
            case BIG_INTEGER, BIG_DECIMAL, DURATION -> in ? "string | number" : "string";
            case OFFSET_DATE_TIME, ZONED_DATE_TIME -> in ? "string | Date" : "string";
            case DYNAMIC -> "unknown";
            default -> "string";
        };
    }

    private static String array(String element) {
        return element.contains(" ") ? "Array<" + element + ">" : element + "[]";
    }

    /** A property key: bare when it is an identifier, else quoted. */
    static String key(String name) {
        return IDENTIFIER.matcher(name).matches() ? name : quote(name);
    }

    /** A string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
