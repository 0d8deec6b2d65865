package dev.procwire.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procwire.runtime.internal.control.ControlPlane;
import dev.procwire.runtime.internal.control.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control-line parser and the control plane's line handling against generated, mutated and random
 * lines. {@link Json#parse} either returns exactly what Jackson reads from the same text or throws
 * {@link IllegalArgumentException}; {@link ControlPlane#handle} never throws, answers each
 * {@code $ping} once and ignores what it does not understand.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ControlLineFuzzTest {
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] SEEDS = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":{\"a\":2,\"b\":3.5e-3}}",
        "[{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"echo\",\"params\":[true,false,null,\"\\u00e9\\n\"]}]",
        "{\"a\":[1,-0,0.5,1E+2,-12345678901234567890,\"\\ud83d\\ude00\\\\\\/\"]}",
    };

    /** A random JSON text and the value it denotes, in Json's model. */
    private static Object randomValue(Random r, StringBuilder sb, int depth) {
        int kind = depth > 6 ? 2 + r.nextInt(5) : r.nextInt(7);
        if (r.nextInt(8) == 0) {
            sb.append(" \t\n\r".charAt(r.nextInt(4)));
        }
        switch (kind) {
            case 0: {
                Map<String, Object> m = new LinkedHashMap<>();
                sb.append('{');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(',');
                    String k = randomString(r);
                    if (m.containsKey(k)) k = k + i;
                    quote(sb, k);
                    sb.append(r.nextBoolean() ? ":" : " : ");
                    m.put(k, randomValue(r, sb, depth + 1));
                }
                sb.append('}');
                return m;
            }
            case 1: {
                List<Object> a = new ArrayList<>();
                sb.append('[');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(r.nextBoolean() ? "," : " ,");
                    a.add(randomValue(r, sb, depth + 1));
                }
                sb.append(']');
                return a;
            }
            case 2: {
                String s = randomString(r);
                quote(sb, s);
                return s;
            }
            case 3: {
                long v = switch (r.nextInt(3)) {
                    case 0 -> r.nextInt(100);
                    case 1 -> r.nextLong();
                    default -> r.nextInt();
                };
                sb.append(v);
                return v;
            }
            case 4: {
                double d = r.nextBoolean() ? r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) : -r.nextDouble();
                String text = Double.toString(d);
                if (text.indexOf('.') < 0 && text.indexOf('E') < 0) text = text + ".0";
                sb.append(text);
                return Double.parseDouble(text);
            }
            case 5: {
                boolean b = r.nextBoolean();
                sb.append(b);
                return b;
            }
            default:
                sb.append("null");
                return null;
        }
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> s.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> s.append("\"\\/\b\f\n\r\t".charAt(r.nextInt(8)));
                case 2 -> s.append((char) r.nextInt(0x20));
                case 3 -> s.appendCodePoint(0x80 + r.nextInt(0x10ff7f));
                default -> s.append((char) (0xd800 + r.nextInt(0x800))); // a lone surrogate, legal via \\u
            }
        }
        return s.toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /** Jackson's tree in Json's model, so that the two can be compared with equals. */
    private static Object model(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(e.getKey(), model(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> a = new ArrayList<>();
            n.forEach(x -> a.add(model(x)));
            return a;
        }
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNull()) return null;
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        return n.doubleValue();
    }

    private static int depthOf(String text) {
        int depth = 0, max = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                max = Math.max(max, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return max;
    }

    static {
        // Warm up, so that class loading is not counted as the first input's allocation.
        for (String s : SEEDS) {
            Json.parse(s);
        }
        try {
            Json.parse("{\"a\":[1,");
        } catch (IllegalArgumentException expected) {
            // warmed up the error path too
        }
    }

    private static void checkAgainstJackson(long seed, long i, String text) {
        Object ours;
        long before = Fuzz.allocatedBytes();
        try {
            ours = Json.parse(text);
        } catch (IllegalArgumentException rejected) {
            ours = rejected;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for seed=" + seed + " input=" + i + ": " + text, t);
        }
        long allocated = Fuzz.allocatedBytes() - before;
        if (allocated > 200L * text.length() + (64 << 10)) {
            allocated = Fuzz.allocatedBy(() -> {
                try {
                    Json.parse(text);
                } catch (IllegalArgumentException rejected) {
                    // measured again once one-time class initialization is out of the way
                }
            });
        }
        if (allocated > 200L * text.length() + (64 << 10)) {
            fail("allocated " + allocated + " bytes for a " + text.length() + "-char line: seed=" + seed + " input=" + i);
        }
        Object theirs;
        try {
            theirs = model(JACKSON.readTree(text));
        } catch (Exception rejected) {
            theirs = rejected;
        }
        boolean weAccept = !(ours instanceof IllegalArgumentException);
        boolean theyAccept = !(theirs instanceof Exception);
        if (weAccept && !theyAccept) {
            fail("Json accepted what Jackson rejects (" + theirs + "): seed=" + seed + " input=" + i + ": " + text);
        }
        if (!weAccept && theyAccept && !text.isBlank() && depthOf(text) <= 128) {
            fail("Json rejected valid JSON (" + ours + "): seed=" + seed + " input=" + i + ": " + text);
        }
        if (weAccept && !Objects.equals(ours, theirs)) {
            fail("Json read " + ours + " but Jackson " + theirs + ": seed=" + seed + " input=" + i + ": " + text);
        }
    }

    @Test
    void generatedJsonParsesToWhatJacksonReads() {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(3000);
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            StringBuilder sb = new StringBuilder();
            Object expected = randomValue(r, sb, 0);
            String text = sb.toString();
            Object got;
            try {
                got = Json.parse(text);
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " input=" + i + ": " + text, e);
            }
            assertEquals(expected, got, "seed=" + seed + " input=" + i + ": " + text);
            checkAgainstJackson(seed, i, text);
        }
    }

    @Test
    void mutatedAndRandomLinesAreReadLikeJacksonOrRejectedCleanly() {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(10_000);
        List<byte[]> corpus = new ArrayList<>();
        for (String s : SEEDS) {
            corpus.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 32; i++) {
            StringBuilder sb = new StringBuilder();
            randomValue(Fuzz.random(~seed, i), sb, 0);
            corpus.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            byte[] bytes = r.nextInt(6) == 0 ? Fuzz.randomBytes(r, 48) : Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            checkAgainstJackson(seed, i, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void digitsOfOtherScriptsAreNotJsonDigits() {
        // Found by this fuzzer: "\\u000\u0667" and "1\u0667" were read as if the Arabic-Indic seven were a 7.
        for (String text : new String[] {"\"\\u000\u0667\"", "1\u0667", "[\u0661]", "-\u0661", "0.\u0661", "1e\u0661"}) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(text), text);
        }
        assertEquals("\u00e9", Json.parse("\"\\u00E9\""));
    }

    @Test
    void deepNestingIsRejectedWithoutExhaustingTheStack() {
        for (String open : new String[] {"[", "{\"a\":"}) {
            String text = open.repeat(200_000);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
            assertEquals(true, e.getMessage().contains("nested too deeply"), e.getMessage());
        }
    }

    @Test
    void controlPlaneHandlesEveryLineWithoutThrowingAndAnswersEachPingOnce() {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(5000);
        List<byte[]> corpus = new ArrayList<>();
        for (String s : SEEDS) {
            corpus.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int[] shutdowns = {0};
        List<Object> messages = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ControlPlane control = new ControlPlane(new ByteArrayInputStream(new byte[0]), out, new ControlPlane.Listener() {
            @Override
            public void onShutdown(String reason) {
                shutdowns[0]++;
            }

            @Override
            public void onMessage(String line, Object parsed) {
                messages.add(parsed);
                if (parsed instanceof Map<?, ?> m && "boom".equals(m.get("method"))) {
                    throw new IllegalStateException("a listener that fails");
                }
            }
        });
        int pings = 0, expectedShutdowns = 0;
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            String line = r.nextInt(10) == 0 ? "{\"method\":\"boom\"}"
                    : new String(Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus), StandardCharsets.UTF_8);
            Object parsed;
            try {
                parsed = Json.parse(line.strip());
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            if (parsed instanceof Map<?, ?> m && !m.containsKey("id") && (line.strip().startsWith("{"))) {
                if ("$ping".equals(m.get("method"))) pings++;
                if ("$shutdown".equals(m.get("method"))) expectedShutdowns++;
            }
            try {
                control.handle(line);
            } catch (Throwable t) {
                throw new AssertionError("handle threw " + t + " for seed=" + seed + " input=" + i + ": " + line, t);
            }
        }
        String written = out.toString(StandardCharsets.UTF_8);
        long pongs = written.lines().filter(l -> l.equals("{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}")).count();
        assertEquals(pings, pongs, "one $pong per $ping");
        assertEquals(pongs, written.lines().count(), "nothing but pongs is written");
        assertEquals(expectedShutdowns, shutdowns[0]);
    }
}
