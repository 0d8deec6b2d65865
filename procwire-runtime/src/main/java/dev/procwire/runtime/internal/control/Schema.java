package dev.procwire.runtime.internal.control;

import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.MethodDescriptor;
import java.util.List;

/** Renders the {@code $init} schema object from descriptors. */
public final class Schema {
    private Schema() {}

    /** {@code {"methods":{name:{id,response[,timeout]}},"events":{name:{id}}}}. */
    public static String toJson(List<MethodDescriptor> methods, List<EventDescriptor> events) {
        StringBuilder sb = new StringBuilder(64 + 48 * methods.size() + 24 * events.size());
        sb.append("{\"methods\":{");
        for (int i = 0; i < methods.size(); i++) {
            MethodDescriptor m = methods.get(i);
            if (i > 0) sb.append(',');
            quote(sb, m.name());
            sb.append(":{\"id\":").append(m.id()).append(",\"response\":\"").append(m.response().wireName()).append('"');
            if (m.timeoutMs() > 0) {
                sb.append(",\"timeout\":").append(m.timeoutMs());
            }
            sb.append('}');
        }
        sb.append("},\"events\":{");
        for (int i = 0; i < events.size(); i++) {
            EventDescriptor e = events.get(i);
            if (i > 0) sb.append(',');
            quote(sb, e.name());
            sb.append(":{\"id\":").append(e.id()).append('}');
        }
        return sb.append("}}").toString();
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
