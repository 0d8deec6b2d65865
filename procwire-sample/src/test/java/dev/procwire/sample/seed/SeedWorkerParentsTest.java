package dev.procwire.sample.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed worker driven by the real Node parents — {@code @procwire/core} on the binary data plane,
 * {@code @procwire/transport} with JSON-RPC on stdio — and the demo, unchanged worker, no flag. Each
 * Node script drives one worker through every method, errors, events and shutdown and prints what it
 * saw; the assertions are here.
 */
class SeedWorkerParentsTest {
    private static final Path SCRIPTS = Path.of("src", "test", "node", "seed");

    private static JsonNode json(String text) throws Exception {
        return SeedProcess.JSON.readTree(text);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CoreParent {
        private JsonNode seen;

        /** Runs the script once, on the first test that needs it (each test is skipped on its own without node). */
        @BeforeEach
        void drive() throws Exception {
            NodeParent.require();
            if (seen == null) {
                seen = NodeParent.run(SCRIPTS.resolve("core-parent.mjs"), Map.of()).json();
            }
        }

        @Test
        void everyMethodAnswersItsResult() throws Exception {
            assertEquals(json("""
                    {"add":100,"addFractions":0.30000000000000004,"multiply":408,"fibonacci":832040,"fibonacciBare":55,
                     "isPrime":true,"isPrimeComposite":false,"sumArray":500500,
                     "echo":"Hello from Node.js!","echoBare":"bare"}"""), seen.get("results"));
        }

        @Test
        void invalidParamsAreRefusedWithInvalidParams() {
            seen.get("errors").properties().forEach(e -> assertEquals("INVALID_PARAMS",
                    e.getValue().get("data").get("code").asText(), e.getKey() + ": " + e.getValue()));
            assertEquals(2, seen.get("afterErrors").asInt(), "the worker serves on after bad params");
        }

        @Test
        void missingOrOutOfRangeParamsAreNamed() {
            Map<String, String> named = Map.of("addMissing", "parameter b", "fibonacciNegative", "'n'",
                    "echoMissing", "'message'");
            named.forEach((name, parameter) -> {
                JsonNode e = seen.get("errors").get(name);
                assertTrue(e.get("message").asText().contains(parameter), name + " should name " + parameter + ": " + e);
            });
        }

        @Test
        void paramsOfTheWrongTypeAreDescribed() {
            Map<String, String> described = Map.of("addString", "expected number but found string (at 'a')",
                    "fibonacciFraction", "expected an integer but found 1.5 (at 'n')",
                    "sumArrayElement", "expected number but found string (at 'numbers')");
            described.forEach((name, text) -> {
                JsonNode e = seen.get("errors").get(name);
                assertTrue(e.get("message").asText().contains(text), name + ": " + e);
            });
        }

        @Test
        void eachProcessedCallSendsOneLogEvent() {
            List<String> expected = new ArrayList<>();
            for (String m : List.of("add", "add", "multiply", "fibonacci", "fibonacci", "is_prime", "is_prime",
                    "sum_array", "echo", "echo", "add")) {
                expected.add("Processed " + m);
            }
            assertEquals(expected, texts(seen.get("logs")), "one per successful call, none for the rejected ones");
        }

        @Test
        void shutdownEndsTheWorkerWithExitCodeZero() throws Exception {
            assertEquals(json("{\"code\":0,\"signal\":null}").toString(), seen.get("exit").toString());
            assertTrue(seen.get("shutdownMs").asLong() < 5000, "exited by itself, before the parent's 5 s force kill");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StdioParent {
        private JsonNode seen;

        /** Runs the script once, on the first test that needs it (each test is skipped on its own without node). */
        @BeforeEach
        void drive() throws Exception {
            NodeParent.require();
            if (seen == null) {
                seen = NodeParent.run(SCRIPTS.resolve("stdio-parent.mjs"), Map.of()).json();
            }
        }

        @Test
        void everyMethodAnswersItsResult() throws Exception {
            assertEquals(json("""
                    {"add":100,"addFractions":0.30000000000000004,"multiply":408,"fibonacci":832040,"isPrime":true,
                     "isPrimeComposite":false,"sumArray":500500,"echo":"Hello from Node.js!"}"""), seen.get("results"));
        }

        @Test
        void invalidParamsAreMinus32602() {
            Map<String, String> expected = Map.of("addString", "expected number but found string (at 'a')",
                    "fibonacciNegative", "'n'", "sumArrayElement", "expected number but found string (at 'numbers')",
                    "echoMissing", "'message'");
            expected.forEach((name, text) -> {
                JsonNode e = seen.get("errors").get(name);
                assertEquals(-32602, e.get("code").asInt(), name + ": " + e);
                assertTrue(e.get("message").asText().contains(text), name + ": " + e);
                assertEquals("INVALID_PARAMS", e.get("data").get("code").asText(), name + ": " + e);
            });
        }

        @Test
        void unknownMethodIsMinus32601() {
            JsonNode e = seen.get("errors").get("unknownMethod");
            assertEquals(-32601, e.get("code").asInt(), e.toString());
            assertTrue(e.get("message").asText().contains("divide"));
        }

        @Test
        void logEventsArriveAsNotificationsAndInitIsTolerated() {
            List<String> logs = new ArrayList<>();
            List<String> methods = new ArrayList<>();
            for (JsonNode n : seen.get("notifications")) {
                methods.add(n.get("method").asText());
                if (n.get("method").asText().equals("log")) {
                    logs.add(n.get("params").get("message").asText());
                }
            }
            assertEquals("$init", methods.get(0), "the worker's first line reaches the parent as a notification");
            assertEquals(List.of("Processed add", "Processed add", "Processed multiply", "Processed fibonacci",
                    "Processed is_prime", "Processed is_prime", "Processed sum_array", "Processed echo"),
                    logs.subList(0, Math.min(8, logs.size())), "one per successful request, in order: " + logs);
            // The notified add and the echo after it run concurrently: their logs come in either order.
            assertEquals(java.util.Set.of("Processed add", "Processed echo"), java.util.Set.copyOf(logs.subList(8, logs.size())));
            assertEquals(10, logs.size(), logs.toString());
            assertEquals(Collections.emptyList(), texts(seen.get("channelErrors")), "the channel saw nothing it could not parse");
        }

        @Test
        void notificationIsRunButNotAnswered() {
            assertEquals("still here", seen.get("afterNotification").asText());
        }

        @Test
        void seedShutdownNotificationCompletes() throws Exception {
            assertEquals(json("{\"exit_code\":0}").toString(), seen.get("complete").toString());
        }

        @Test
        void heartbeatPingsOfTheProcessManagerAreAnswered() {
            JsonNode managed = seen.get("managed");
            assertEquals(75025, managed.get("result").asInt());
            JsonNode pongs = managed.get("pongs");
            assertTrue(pongs.size() >= 3, pongs.toString());
            for (int i = 0; i < pongs.size(); i++) {
                assertEquals(i + 1, pongs.get(i).get("seq").asInt(), "pongs echo the ping's seq");
            }
            for (JsonNode event : managed.get("lifecycle")) {
                assertFalse(event.has("heartbeatMissed") || event.has("heartbeatDead"), "no missed pong: " + event);
            }
        }

        @Test
        void gracefulShutdownOfTheProcessManagerCompletes() throws Exception {
            JsonNode managed = seen.get("managed");
            List<String> steps = new ArrayList<>();
            managed.get("lifecycle").forEach(e -> steps.add(e.fieldNames().next()));
            assertEquals(List.of("shutdownAcknowledged", "shutdownComplete"), steps);
            JsonNode complete = managed.get("lifecycle").get(1).get("shutdownComplete");
            assertTrue(complete.get("graceful").asBoolean(), "acknowledged and completed, not force-killed: " + complete);
            assertEquals(json("{\"code\":0,\"signal\":null}").toString(), managed.get("exit").toString());
        }
    }

    /**
     * {@code createStdioChannel} requests the worker must answer under their id, however they come: as
     * the first line, with a string beyond the JSON parser's default limit, nested beyond the worker's
     * limit. Unanswered, the parent could only time out.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StdioParentAtTheLimits {
        private JsonNode seen;

        @BeforeEach
        void drive() throws Exception {
            NodeParent.require();
            if (seen == null) {
                seen = NodeParent.run(SCRIPTS.resolve("stdio-limits.mjs"), Map.of()).json();
            }
        }

        @Test
        void firstRequestNestedDeeperThanAControlLineIsAnswered() throws Exception {
            assertEquals(json("{\"code\":-32602,\"message\":\"invalid params for echo: expected string but found array (at 'message')\"}"),
                    seen.get("deepFirst"));
        }

        @Test
        void stringOf21MillionCharactersReachesTheMethod() throws Exception {
            assertEquals(json("{\"code\":-32602,\"message\":\"invalid params for add: expected number but found string (at 'a')\"}"),
                    seen.get("longString"));
        }

        @Test
        void requestNestedBeyondTheLimitIsRefusedUnderItsId() {
            JsonNode e = seen.get("tooDeep");
            assertEquals(-32600, e.path("code").asInt(), e.toString());
            assertTrue(e.path("message").asText().contains("nested deeper than 1000 levels"), e.toString());
        }
    }

    /** The README's demo: the seed example's "Expected Output", through both parents. */
    @Test
    void demoPrintsTheExpectedOutputThroughBothParents() throws Exception {
        NodeParent.Result r = NodeParent.run(Path.of("demo", "demo.mjs"), Map.of());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Arrays.asList(r.stdout().split("\n"));
        List<String> expected = List.of(
                "=== Basic Operations ===",
                "Parent: [Java Log] Processed add",
                "Parent: add(42, 58) = 100",
                "Parent: [Java Log] Processed multiply",
                "Parent: multiply(12, 34) = 408",
                "",
                "=== Fibonacci (Java performance) ===",
                "Parent: [Java Log] Processed fibonacci",
                "Parent: fibonacci(30) = 832040",
                "Parent: [Java Log] Processed fibonacci",
                "Parent: fibonacci(40) = 102334155",
                "",
                "=== Prime Number Check ===",
                "Parent: [Java Log] Processed is_prime",
                "Parent: is_prime(17) = true",
                "Parent: [Java Log] Processed is_prime",
                "Parent: is_prime(1000000007) = true",
                "",
                "=== Array Processing ===",
                "Parent: [Java Log] Processed sum_array",
                "Parent: sum_array([1..1000]) = 500500",
                "",
                "=== Echo Test ===",
                "Parent: [Java Log] Processed echo",
                "Parent: echo = \"Hello from Node.js!\"",
                "",
                "=== Shutdown ===",
                "Parent: Done");
        int first = Collections.indexOfSubList(lines, expected);
        int last = Collections.lastIndexOfSubList(lines, expected);
        assertTrue(first >= 0 && last > first, "the expected output, twice:\n" + r.stdout());
        assertTrue(lines.subList(0, first).stream().anyMatch(l -> l.contains("@procwire/core")), r.stdout());
        assertTrue(lines.subList(first + expected.size(), last).stream().anyMatch(l -> l.contains("createStdioChannel")), r.stdout());
    }
}
