package dev.procwire.processor;

import dev.procwire.processor.ServiceModel.EventModel;
import dev.procwire.processor.ServiceModel.Method;
import java.util.List;

/**
 * Renders the {@code $init} schema at compile time, byte for byte as the runtime's
 * {@code dev.procwire.runtime.binding.Schema.toJson} renders it from descriptors (a test compares the
 * two for every generated binding).
 */
final class SchemaJson {
    private SchemaJson() {}

    /** {@code {"methods":{name:{id,response[,timeout]}},"events":{name:{id}}}}. */
    static String render(List<Method> methods, List<EventModel> events) {
        StringBuilder sb = new StringBuilder(64 + 48 * methods.size() + 24 * events.size());
        sb.append("{\"methods\":{");
        for (int i = 0; i < methods.size(); i++) {
            Method m = methods.get(i);
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
            EventModel e = events.get(i);
            if (i > 0) sb.append(',');
            quote(sb, e.name());
            sb.append(":{\"id\":").append(e.id()).append('}');
        }
        return sb.append("}}").toString();
    }

    private static void quote(StringBuilder sb, String s) {
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
