package dev.procwire.sample.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenario results, each run once per test JVM: a scenario spawns real processes, so the tests that
 * assert on different parts of its output share one run.
 */
final class Scenarios {
    private Scenarios() {}

    private static final Map<String, NodeScenario.Result> RESULTS = new ConcurrentHashMap<>();

    /** The scenario against the Java BenchWorker. */
    static NodeScenario.Result java(String script) {
        return run(script, "java", Workers.java(Workers.BENCH));
    }

    /** The scenario against the reference worker on @procwire/client. */
    static NodeScenario.Result reference(String script) {
        return run(script, "reference", Workers.referenceNode());
    }

    /** The scenario against the probe worker. */
    static NodeScenario.Result probe(String script) {
        return run(script, "probe", Workers.java(Workers.PROBE));
    }

    /** The scenario against the typed worker (a generated binding). */
    static NodeScenario.Result typed(String script) {
        return run(script, "typed", Workers.java(Workers.TYPED));
    }

    /** The scenario against the inherited worker (methods from a base class and an interface). */
    static NodeScenario.Result inherited(String script) {
        return run(script, "inherited", Workers.java(Workers.INHERITED));
    }

    /** The scenario against the booking desk sample (src/main). */
    static NodeScenario.Result booking(String script) {
        return run(script, "booking", Workers.java(Workers.BOOKING));
    }

    /** The scenario against the vector index sample (src/main), an Arrow service. */
    static NodeScenario.Result vectors(String script) {
        return run(script, "vectors", Workers.java(Workers.VECTORS));
    }

    private static NodeScenario.Result run(String script, String worker, List<String> command) {
        return RESULTS.computeIfAbsent(script + " on " + worker,
                k -> NodeScenario.run(script, command, Map.of(), Duration.ofSeconds(90)));
    }

    /** A copy of {@code node} without the timing fields ({@code ms}), for comparing behaviour. */
    static JsonNode withoutTimings(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("ms");
            o.forEach(Scenarios::strip);
        } else if (n instanceof ArrayNode a) {
            a.forEach(Scenarios::strip);
        }
    }
}
