package dev.procwire.sample.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed worker's stdio JSON-RPC mode, line by line: what a parent writes on the worker's stdin and
 * exactly what comes back on its stdout. One worker serves the tests that leave it running; the
 * shutdown tests start their own.
 */
class SeedWorkerJsonRpcTest {
    private static SeedProcess worker;
    private static JsonNode init;

    @BeforeAll
    static void startWorker() throws Exception {
        worker = SeedProcess.start();
        init = worker.next();
    }

    @AfterAll
    static void stopWorker() {
        worker.close();
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static JsonNode json(String text) throws Exception {
        return SeedProcess.JSON.readTree(text);
    }

    private static JsonNode call(Object id, String method, String params) throws Exception {
        worker.send(request(id, method, params));
        return worker.nextResponse();
    }

    private static void assertError(JsonNode response, String id, int code, String messagePart) throws Exception {
        assertEquals(json(id), response.get("id"), response.toString());
        assertEquals(code, response.path("error").path("code").asInt(), response.toString());
        assertTrue(response.path("error").path("message").asText().contains(messagePart),
                "message should contain " + messagePart + ": " + response);
    }

    @Test
    void workerAnnouncesItselfWithInitFirst() {
        assertEquals("$init", init.get("method").asText(), "a v2 parent needs $init; a JSON-RPC parent ignores it");
        assertFalse(init.has("id"), "$init is a notification, never a response");
    }

    @Nested
    class Methods {
        @Test
        void everyMethodAnswersItsResult() throws Exception {
            assertEquals(json("100"), call(1, "add", "{\"a\":42,\"b\":58}").get("result"));
            assertEquals(json("0.30000000000000004"), call(2, "add", "{\"a\":0.1,\"b\":0.2}").get("result"));
            assertEquals(json("408"), call(3, "multiply", "{\"a\":12,\"b\":34}").get("result"));
            assertEquals(json("832040"), call(4, "fibonacci", "{\"n\":30}").get("result"));
            assertEquals(json("true"), call(5, "is_prime", "{\"n\":1000000007}").get("result"));
            assertEquals(json("false"), call(6, "is_prime", "{\"n\":1000000008}").get("result"));
            assertEquals(json("6.5"), call(7, "sum_array", "{\"numbers\":[1,2,3.5]}").get("result"));
            assertEquals(json("\"Hello from Node.js!\""), call(8, "echo", "{\"message\":\"Hello from Node.js!\"}").get("result"));
        }

        @Test
        void eachProcessedCallLogsBeforeItsResult() throws Exception {
            worker.send(request("\"log\"", "multiply", "{\"a\":2,\"b\":3}"));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"message\":\"Processed multiply\"}}"), worker.next());
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":\"log\",\"result\":6}"), worker.next());
        }

        @Test
        void missingOrOutOfRangeParamsAreInvalidParamsNamingTheParameter() throws Exception {
            assertError(call(20, "add", "{\"a\":1}"), "20", -32602, "parameter b");
            assertError(call(21, "multiply", "{\"b\":2}"), "21", -32602, "parameter a");
            assertError(call(22, "fibonacci", "{\"n\":-1}"), "22", -32602, "'n'");
            assertError(call(23, "is_prime", "{}"), "23", -32602, "parameter n");
            assertError(call(24, "sum_array", "{}"), "24", -32602, "'numbers'");
            assertError(call(25, "echo", "{}"), "25", -32602, "'message'");
        }

        @Test
        void paramsOfTheWrongTypeAreInvalidParams() throws Exception {
            assertError(call(26, "add", "{\"a\":\"x\",\"b\":2}"), "26", -32602, "expected number but found string (at 'a')");
            assertError(call(27, "is_prime", "{\"n\":1.5}"), "27", -32602, "expected an integer");
            assertError(call(28, "sum_array", "{\"numbers\":[1,\"x\"]}"), "28", -32602, "expected number but found string (at 'numbers')");
            assertEquals(json("3"), call(29, "add", "{\"a\":1,\"b\":2}").get("result"), "the worker serves on");
        }

        @Test
        void concurrentRequestsAreAnsweredAsTheyFinish() throws Exception {
            worker.send(request(30, "fibonacci", "{\"n\":40}"));
            worker.send(request(31, "add", "{\"a\":1,\"b\":1}"));
            assertEquals(31, worker.nextResponse().get("id").asInt(), "the quick add is answered while fibonacci(40) runs");
            JsonNode fib = worker.nextResponse();
            assertEquals(30, fib.get("id").asInt());
            assertEquals(102334155L, fib.get("result").asLong());
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void lineThatIsNotJsonIsAParseError() throws Exception {
            worker.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",");
            assertError(worker.nextResponse(), "null", -32700, "Parse error");
        }

        @Test
        void requestWithoutVersionOrMethodIsAnInvalidRequest() throws Exception {
            worker.send("{\"id\":40,\"method\":\"add\",\"params\":{\"a\":1,\"b\":2}}");
            assertError(worker.nextResponse(), "40", -32600, "jsonrpc");
            worker.send("{\"jsonrpc\":\"2.0\",\"id\":41}");
            assertError(worker.nextResponse(), "41", -32600, "method");
            worker.send("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"add\",\"params\":5}");
            assertError(worker.nextResponse(), "42", -32600, "params");
        }

        @Test
        void unknownMethodIsMethodNotFound() throws Exception {
            assertError(call(43, "divide", "{\"a\":1,\"b\":2}"), "43", -32601, "divide");
        }

        @Test
        void batchIsAnsweredWithOneArrayInRequestOrder() throws Exception {
            worker.send("[" + request(50, "add", "{\"a\":1,\"b\":2}") + ","
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"message\":\"notified\"}},"
                    + request(51, "echo", "{\"message\":\"batched\"}") + "," + request(52, "nope", "{}") + ",7]");
            List<JsonNode> lines = untilResponseAndLogs(2, "Processed echo");
            JsonNode batch = lines.get(lines.size() - 1).isArray() ? lines.get(lines.size() - 1)
                    : lines.stream().filter(JsonNode::isArray).findFirst().orElseThrow();
            assertEquals(4, batch.size(), "one response per request, none for the notification: " + batch);
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":50,\"result\":3}"), batch.get(0));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":51,\"result\":\"batched\"}"), batch.get(1));
            assertError(batch.get(2), "52", -32601, "nope");
            assertError(batch.get(3), "null", -32600, "");
            assertEquals(1, lines.stream().filter(l -> l.isArray() || l.has("id")).count(), "one line answers the batch: " + lines);
        }

        @Test
        void notificationIsRunButNeverAnswered() throws Exception {
            worker.send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":{\"a\":1,\"b\":2}}");
            worker.send(request(60, "echo", "{\"message\":\"after\"}"));
            List<JsonNode> lines = untilResponseAndLogs(1, "Processed add");
            List<JsonNode> responses = lines.stream().filter(l -> l.has("id")).toList();
            assertEquals(List.of(json("{\"jsonrpc\":\"2.0\",\"id\":60,\"result\":\"after\"}")), responses,
                    "the only response is the echo's: the notification got none");
        }

        /**
         * Reads lines until a response has come and {@code count} log events with {@code message}
         * (a notification's log may come before or after the next response).
         */
        private List<JsonNode> untilResponseAndLogs(int count, String message) throws Exception {
            List<JsonNode> lines = new ArrayList<>();
            boolean answered = false;
            int logs = 0;
            while (!answered || logs < count) {
                JsonNode line = worker.next();
                lines.add(line);
                answered |= line.isArray() || line.has("id");
                if ("log".equals(line.path("method").asText()) && message.equals(line.path("params").path("message").asText())) {
                    logs++;
                }
            }
            return lines;
        }

        @Test
        void heartbeatPingIsAnsweredWithAPong() throws Exception {
            worker.send("{\"jsonrpc\":\"2.0\",\"method\":\"__heartbeat_ping__\",\"params\":{\"timestamp\":1700000000000,\"seq\":7}}");
            JsonNode pong = worker.next();
            assertEquals("__heartbeat_pong__", pong.get("method").asText());
            assertEquals(7, pong.get("params").get("seq").asInt());
            assertEquals(1700000000000L, pong.get("params").get("timestamp").asLong());
        }
    }

    /**
     * The first line a parent writes decides the mode: anything but {@code $ping} and {@code $shutdown}
     * (all a {@code @procwire/core} parent ever writes) is JSON-RPC, answered exactly as the same line
     * is answered later in the conversation.
     */
    @Nested
    class FirstLine {
        private static final String ADD = request(1, "add", "{\"a\":1,\"b\":2}");

        static Stream<Arguments> lines() {
            String deep = "[".repeat(200) + "]".repeat(200);
            return Stream.of(
                    Arguments.of("not JSON", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",", "{\"id\":null,\"code\":-32700}"),
                    Arguments.of("empty batch", "[]", "{\"id\":null,\"code\":-32600}"),
                    Arguments.of("method not a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", "{\"id\":1,\"code\":-32600}"),
                    Arguments.of("bare JSON string", "\"add\"", "{\"id\":null,\"code\":-32600}"),
                    Arguments.of("two objects on a line", ADD + ADD, "{\"id\":null,\"code\":-32700}"),
                    Arguments.of("UTF-8 byte order mark", "\uFEFF" + ADD, "{\"id\":1,\"result\":3}"),
                    Arguments.of("nested 200 levels", request(1, "echo", "{\"message\":" + deep + "}"), "{\"id\":1,\"code\":-32602}"),
                    Arguments.of("a $ method with an id", request(1, "$init", "{}"), "{\"id\":1,\"code\":-32601}"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("lines")
        void isAnsweredAsALaterLineIs(String what, String line, String expected) throws Exception {
            call(0, "add", "{\"a\":1,\"b\":1}"); // the shared worker is in the mode: this line is a later one
            worker.send(line);
            JsonNode later = worker.nextResponse();
            JsonNode first;
            try (SeedProcess w = SeedProcess.start()) {
                w.send(line);
                first = w.nextResponse();
            }
            assertEquals(later, first, what);
            JsonNode want = json(expected);
            assertEquals(want.get("id"), first.get("id"), first.toString());
            if (want.has("code")) {
                assertEquals(want.get("code").asInt(), first.path("error").path("code").asInt(), first.toString());
            } else {
                assertEquals(want.get("result"), first.get("result"), first.toString());
            }
        }
    }

    @Nested
    class Shutdown {
        @Test
        void shutdownRequestIsAcknowledgedThenCompletedAndTheWorkerExitsZero() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.next(); // $init
                w.send(request(1, "__shutdown__", "{\"timeout_ms\":5000,\"reason\":\"user_requested\"}"));
                assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":\"shutting_down\",\"pending_requests\":0}}"), w.next());
                assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"__shutdown_complete__\",\"params\":{\"exit_code\":0}}"), w.next());
                assertEquals(0, w.awaitExit());
            }
        }

        @Test
        void shutdownLetsTheRequestInFlightFinishFirst() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.next(); // $init
                w.send(request(1, "fibonacci", "{\"n\":35}"));
                w.send("{\"jsonrpc\":\"2.0\",\"method\":\"shutdown\",\"params\":{}}");
                assertEquals(json("9227465"), w.nextResponse().get("result"));
                JsonNode complete = w.next();
                assertEquals("__shutdown_complete__", complete.get("method").asText());
                assertEquals(0, w.awaitExit());
            }
        }

        @Test
        void seedExampleShutdownNotificationExitsZero() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.next(); // $init
                w.send("{\"jsonrpc\":\"2.0\",\"method\":\"shutdown\",\"params\":{}}");
                assertEquals("__shutdown_complete__", w.next().get("method").asText());
                assertEquals(0, w.awaitExit());
            }
        }

        @Test
        void endOfInputStopsTheWorker() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.next(); // $init
                assertEquals(json("3"), callOn(w, "add", "{\"a\":1,\"b\":2}").get("result"));
                w.closeStdin();
                assertEquals(0, w.awaitExit());
            }
        }

        /**
         * {@code printf '<request>\n' | java -jar procwire-sample.jar}: stdin ends right after the request,
         * and its answer still comes before the worker exits. (The grace is raised so that a slow,
         * loaded machine cannot make the request outlast it; the worker exits as soon as it answered.)
         */
        @Test
        void endOfInputRightAfterARequestStillAnswersIt() throws Exception {
            try (SeedProcess w = SeedProcess.start(Map.of("PROCWIRE_SHUTDOWN_GRACE_MS", "30000"))) {
                w.send(request(1, "add", "{\"a\":1,\"b\":2}"));
                w.closeStdin();
                assertEquals("$init", w.next().get("method").asText());
                assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"log\",\"params\":{\"message\":\"Processed add\"}}"), w.next());
                assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":3}"), w.next());
                assertEquals(0, w.awaitExit(), w.stderr());
            }
        }

        @Test
        void shutdownSentBeforeTheWorkerIsUpStillExitsZero() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.send("{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}");
                assertEquals(0, w.awaitExit(), w.stderr());
            }
        }

        @Test
        void parentGoneBeforeTheWorkerIsUpStillExitsZero() throws Exception {
            try (SeedProcess w = SeedProcess.start()) {
                w.closeStdin();
                assertEquals(0, w.awaitExit(), w.stderr());
            }
        }

        private static JsonNode callOn(SeedProcess w, String method, String params) throws Exception {
            w.send(request(1, method, params));
            return w.nextResponse();
        }
    }

    /** Jackson is for the JSON-RPC mode only: a worker serving a v2 parent starts and runs without it. */
    @Nested
    class StartUpPath {
        @TempDir
        Path dir;

        private List<String> loadedClasses(boolean speakJsonRpc) throws Exception {
            Path log = dir.resolve("classes-" + speakJsonRpc + ".log");
            try (SeedProcess w = SeedProcess.start("-Xlog:class+load=info:file=" + log)) {
                w.next(); // $init
                w.send("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
                assertEquals("$pong", w.next().get("method").asText());
                if (speakJsonRpc) {
                    w.send(request(1, "add", "{\"a\":1,\"b\":2}"));
                    assertEquals(json("3"), w.nextResponse().get("result"));
                }
                w.send("{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}");
                assertEquals(0, w.awaitExit());
            }
            return Files.readAllLines(log);
        }

        @Test
        void v2WorkerNeverLoadsJackson() throws Exception {
            List<String> loaded = loadedClasses(false);
            assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.procwire.runtime.internal.control.ControlPlane")), "the log is complete");
            assertTrue(loaded.stream().noneMatch(l -> l.contains("com.fasterxml.jackson")),
                    "no Jackson class on a v2 worker's path");
        }

        @Test
        void jsonRpcModeLoadsJacksonWhenEntered() throws Exception {
            assertTrue(loadedClasses(true).stream().anyMatch(l -> l.contains("com.fasterxml.jackson.databind.ObjectMapper")));
        }
    }
}
