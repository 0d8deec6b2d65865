package dev.procwire.runtime.internal.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonRpcModeTest {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final JsonRpcHarness rpc = new JsonRpcHarness(TestService.binding(gate));

    @AfterEach
    void close() {
        gate.countDown();
        rpc.close();
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String notification(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static void assertError(JsonNode response, JsonNode id, int code) {
        assertEquals("2.0", response.get("jsonrpc").asText());
        assertEquals(id, response.get("id"), "id of " + response);
        assertEquals(code, response.path("error").path("code").asInt(), "code of " + response);
        assertFalse(response.has("result"), "an error response has no result: " + response);
    }

    private static JsonNode json(String text) throws Exception {
        return JsonRpcHarness.JSON.readTree(text);
    }

    @Nested
    class Requests {
        @Test
        void resultIsAnsweredWithTheRequestIdEchoedExactly() throws Exception {
            for (String id : new String[] {"1", "\"abc\"", "1.5", "123456789012345678901234567890", "null"}) {
                rpc.send(request(id, "add", "{\"a\":2,\"b\":3}"));
                JsonNode r = rpc.next();
                assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":5}"), r);
            }
        }

        @Test
        void paramsTravelToTheBindingAsTheMsgPackAJavaScriptParentWouldSend() throws Exception {
            rpc.send(request(1, "echo", "{\"s\":\"héllo\",\"i\":-7,\"f\":0.5,\"integral\":3.0,\"t\":true,\"n\":null,\"list\":[1,[2]],\"o\":{}}"));
            assertEquals(json("{\"s\":\"héllo\",\"i\":-7,\"f\":0.5,\"integral\":3,\"t\":true,\"n\":null,\"list\":[1,[2]],\"o\":{}}"),
                    rpc.next().get("result"));
        }

        @Test
        void paramsMayBeAnArray() throws Exception {
            rpc.send(request(1, "echo", "[1,\"two\"]"));
            assertEquals(json("[1,\"two\"]"), rpc.next().get("result"));
        }

        @Test
        void absentParamsAreNil() throws Exception {
            rpc.send(request(1, "echo", null));
            assertTrue(rpc.next().get("result").isNull());
        }

        @Test
        void nullParamsAreNilAsTheStdioParentSendsThemForRequestWithNull() throws Exception {
            rpc.send(request(1, "echo", "null"));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"), rpc.next());
        }

        @Test
        void resultValuesAreWrittenAsJavaScriptWouldSeeThem() throws Exception {
            rpc.send(request(1, "values", null));
            JsonNode v = rpc.next().get("result");
            assertEquals("AQID", v.get("bytes").asText(), "bytes as base64");
            assertEquals("2024-01-02T03:04:05.006Z", v.get("when").asText(), "instants as ISO-8601");
            assertEquals("3", v.get("integral").toString(), "an integral double is a JSON integer");
            assertEquals("0.5", v.get("half").toString());
            assertTrue(v.get("nan").isNull(), "NaN becomes null, as in JSON.stringify");
            assertEquals("\"18446744073709551615\"", v.get("big").toString(),
                    "a BigInteger is its decimal string, as on the data plane: JSON.parse would round a number");
            assertEquals(json("[1,\"two\"]"), v.get("list"));
            assertEquals("one", v.get("numericKeys").get("1").asText(), "map keys are strings");
        }

        @Test
        void concurrentRequestsAreAnsweredAsTheyFinish() throws Exception {
            rpc.send(request(1, "gate", null));
            rpc.send(request(2, "sleep", "{\"ms\":10}"));
            rpc.send(request(3, "add", "{\"a\":1,\"b\":1}"));
            JsonNode first = rpc.next();
            JsonNode second = rpc.next();
            assertEquals(java.util.Set.of(2, 3), java.util.Set.of(first.get("id").asInt(), second.get("id").asInt()),
                    "the fast requests are answered while the first still runs");
            gate.countDown();
            JsonNode third = rpc.next();
            assertEquals(1, third.get("id").asInt());
            assertEquals("opened", third.get("result").asText());
        }
    }

    @Nested
    class Errors {
        @Test
        void lineThatIsNotJsonIsAParseError() throws Exception {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\"");
            assertError(rpc.next(), json("null"), -32700);
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1} trailing");
            assertError(rpc.next(), json("null"), -32700);
        }

        @Test
        void requestWithoutVersionTwoIsInvalid() throws Exception {
            rpc.send("{\"id\":4,\"method\":\"add\",\"params\":{\"a\":1,\"b\":2}}");
            assertError(rpc.next(), json("4"), -32600);
            rpc.send("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"add\"}");
            assertError(rpc.next(), json("5"), -32600);
        }

        @Test
        void requestThatIsNotAnObjectIsInvalid() throws Exception {
            rpc.send("1");
            assertError(rpc.next(), json("null"), -32600);
            rpc.send("[1]");
            JsonNode batch = rpc.next();
            assertEquals(1, batch.size());
            assertError(batch.get(0), json("null"), -32600);
        }

        @Test
        void methodThatIsNotAStringIsInvalid() throws Exception {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":1,\"params\":\"bar\"}");
            assertError(rpc.next(), json("6"), -32600);
        }

        @Test
        void idOfAnotherTypeIsInvalidAndAnsweredWithNullId() throws Exception {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"add\"}");
            assertError(rpc.next(), json("null"), -32600);
        }

        @Test
        void paramsThatAreNeitherObjectNorArrayAreInvalid() throws Exception {
            rpc.send(request(7, "echo", "\"bare\""));
            assertError(rpc.next(), json("7"), -32600);
        }

        @Test
        void unknownMethodIsMethodNotFound() throws Exception {
            rpc.send(request(8, "nope", null));
            JsonNode r = rpc.next();
            assertError(r, json("8"), -32601);
            assertTrue(r.get("error").get("message").asText().contains("nope"));
        }

        @Test
        void paramsTheBindingRejectsAreInvalidParamsNamingTheParameter() throws Exception {
            rpc.send(request(9, "add", "{\"a\":\"x\",\"b\":2}"));
            JsonNode r = rpc.next();
            assertError(r, json("9"), -32602);
            assertTrue(r.get("error").get("message").asText().contains("'a'"), r.toString());
            assertEquals("INVALID_PARAMS", r.get("error").get("data").get("code").asText());
        }

        @Test
        void procwireExceptionWithInvalidParamsCodeIsInvalidParams() throws Exception {
            rpc.send(request(10, "fail", "{\"message\":\"'n' must be positive\",\"code\":\"INVALID_PARAMS\"}"));
            JsonNode r = rpc.next();
            assertError(r, json("10"), -32602);
            assertEquals("'n' must be positive", r.get("error").get("message").asText());
        }

        @Test
        void handlerExceptionIsInternalError() throws Exception {
            rpc.send(request(11, "boom", null));
            JsonNode r = rpc.next();
            assertError(r, json("11"), -32603);
            assertEquals("boom", r.get("error").get("message").asText());
            assertEquals("INTERNAL", r.get("error").get("data").get("code").asText());
        }

        @Test
        void procwireExceptionWithAnIntegerCodeUsesThatCode() throws Exception {
            rpc.send(request(12, "fail", "{\"message\":\"gone\",\"code\":\"-32042\",\"data\":{\"k\":1}}"));
            JsonNode r = rpc.next();
            assertError(r, json("12"), -32042);
            assertEquals(json("{\"code\":\"-32042\",\"data\":{\"k\":1}}"), r.get("error").get("data"));
        }

        @Test
        void procwireExceptionWithAStringCodeIsAServerErrorKeepingTheCode() throws Exception {
            rpc.send(request(13, "fail", "{\"message\":\"no such image\",\"code\":\"NOT_FOUND\",\"data\":\"a.png\"}"));
            JsonNode r = rpc.next();
            assertError(r, json("13"), -32000);
            assertEquals("no such image", r.get("error").get("message").asText());
            assertEquals(json("{\"code\":\"NOT_FOUND\",\"data\":\"a.png\"}"), r.get("error").get("data"));
        }
    }

    /** docs/limits.md: a line is bounded by the heap only; nesting by {@link JsonRpcSession#MAX_NESTING}. */
    @Nested
    class Limits {
        private static final int DEFAULT_MAX_STRING = 20_000_000; // Jackson's StreamReadConstraints
        private static final int DEFAULT_MAX_NUMBER = 1_000;
        private static final int DEFAULT_MAX_NAME = 50_000;

        @Test
        void stringLongerThanTheJsonParsersDefaultLimitIsRead() throws Exception {
            String big = "x".repeat(DEFAULT_MAX_STRING + 1_000_000);
            rpc.send(request(1, "echo", "{\"s\":\"" + big + "\"}"));
            JsonNode r = rpc.next(60); // tens of megabytes through both conversions, on a machine that may be busy
            assertEquals(big.length(), r.path("result").path("s").textValue().length(), "id " + r.get("id"));
        }

        @Test
        void numberLongerThanTheJsonParsersDefaultLimitIsReadAsJavaScriptReadsIt() throws Exception {
            rpc.send(request(1, "echo", "{\"x\":0." + "1".repeat(DEFAULT_MAX_NUMBER + 1) + "}"));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"x\":0.1111111111111111}}"), rpc.next());
        }

        @Test
        void memberNameLongerThanTheJsonParsersDefaultLimitIsRead() throws Exception {
            String name = "k".repeat(DEFAULT_MAX_NAME + 1);
            rpc.send(request(1, "echo", "{\"" + name + "\":1}"));
            assertEquals(1, rpc.next().path("result").path(name).asInt());
        }

        @Test
        void requestAtTheNestingLimitIsRead() throws Exception {
            // request object (1) > params (2) > 998 arrays: 1000 levels, read; the MsgPack reader then
            // refuses more than 512 levels of a dynamic value, as INVALID_PARAMS.
            int arrays = JsonRpcSession.MAX_NESTING - 2;
            rpc.send(request(1, "echo", "{\"x\":" + "[".repeat(arrays - 1) + "]".repeat(arrays - 1) + "}"));
            assertError(rpc.next(), json("1"), -32602);
        }

        @Test
        void requestNestedDeeperThanTheLimitIsAnInvalidRequestUnderItsId() throws Exception {
            int arrays = JsonRpcSession.MAX_NESTING - 1;
            rpc.send(request("\"deep\"", "echo", "{\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}"));
            JsonNode r = rpc.next();
            assertError(r, json("\"deep\""), -32600);
            assertTrue(r.path("error").path("message").asText().contains("nested deeper than 1000 levels"), r.toString());
        }

        @Test
        void requestNestedTooDeeplyBeforeItsIdIsAnInvalidRequestUnderNullId() throws Exception {
            String deep = "[".repeat(JsonRpcSession.MAX_NESTING) + "]".repeat(JsonRpcSession.MAX_NESTING);
            rpc.send("{\"jsonrpc\":\"2.0\",\"params\":{\"x\":" + deep + "},\"id\":1,\"method\":\"echo\"}");
            assertError(rpc.next(), json("null"), -32600);
        }
    }

    @Nested
    class Notifications {
        @Test
        void notificationRunsTheMethodAndIsNeverAnswered() throws Exception {
            rpc.send(notification("emit", null));
            assertEquals("tick", rpc.next().get("method").asText(), "the method ran: its event went out");
            assertEquals("scalar", rpc.next().get("method").asText());
            assertEquals("empty", rpc.next().get("method").asText());
            rpc.assertSilentFor(200);
        }

        @Test
        void failingNotificationIsNotAnswered() throws Exception {
            rpc.send(notification("boom", null));
            rpc.send(notification("add", "{\"a\":\"x\"}"));
            rpc.send(notification("nope", null));
            rpc.assertSilentFor(200);
        }

        @Test
        void eventsGoOutAsNotificationsNamedAfterTheEvent() throws Exception {
            rpc.send(request(1, "emit", null));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"seq\":1}}"), rpc.next());
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"scalar\",\"params\":[7]}"), rpc.next(),
                    "a scalar event value is wrapped: params must be structured");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"empty\"}"), rpc.next(), "a null event has no params");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"emitted\"}"), rpc.next(),
                    "events emitted before the result go out before it");
        }

        @Test
        void responsesSentToTheWorkerAreIgnored() throws Exception {
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":5}");
            rpc.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32601,\"message\":\"x\"}}");
            rpc.assertSilentFor(200);
        }

        @Test
        void blankLinesAreIgnored() throws Exception {
            rpc.send("");
            rpc.send("   ");
            rpc.assertSilentFor(100);
        }
    }

    @Nested
    class Batches {
        @Test
        void batchIsAnsweredWithOneArrayInRequestOrder() throws Exception {
            rpc.send("[" + request(1, "sleep", "{\"ms\":50}") + "," + notification("add", "{\"a\":1,\"b\":1}") + ","
                    + request(2, "add", "{\"a\":1,\"b\":2}") + "," + request(3, "nope", null) + ",{\"foo\":\"boo\"}]");
            JsonNode batch = rpc.next();
            assertTrue(batch.isArray(), batch.toString());
            assertEquals(4, batch.size(), "one response per request, none for the notification: " + batch);
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":50}"), batch.get(0));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":3}"), batch.get(1));
            assertError(batch.get(2), json("3"), -32601);
            assertError(batch.get(3), json("null"), -32600);
        }

        @Test
        void batchOfNotificationsIsNotAnswered() throws Exception {
            rpc.send("[" + notification("add", "{\"a\":1,\"b\":1}") + "," + notification("echo", "[1]") + "]");
            rpc.assertSilentFor(200);
        }

        @Test
        void emptyBatchIsOneInvalidRequest() throws Exception {
            rpc.send("[]");
            JsonNode r = rpc.next();
            assertTrue(r.isObject(), "an empty batch is answered with a single error, not an array");
            assertError(r, json("null"), -32600);
        }
    }

    @Nested
    class ResponseKinds {
        @Test
        void streamAnswersWithTheArrayOfItsChunks() throws Exception {
            rpc.send(request(1, "count", "{\"n\":3}"));
            assertEquals(json("[{\"i\":0},{\"i\":1},{\"i\":2}]"), rpc.next().get("result"));
            rpc.send(request(2, "count", "{\"n\":0}"));
            assertEquals(json("[]"), rpc.next().get("result"));
        }

        @Test
        void ackAnswersWithItsData() throws Exception {
            rpc.send(request(1, "accept", null));
            assertEquals(json("{\"accepted\":true}"), rpc.next().get("result"));
        }

        @Test
        void noneMethodAnswersNullAndStillRuns() throws Exception {
            rpc.send(request(1, "fire", "{\"x\":1}"));
            JsonNode first = rpc.next();
            JsonNode second = rpc.next();
            JsonNode response = first.has("id") ? first : second;
            JsonNode event = first.has("id") ? second : first;
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"), response);
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"tick\",\"params\":{\"x\":1}}"), event);
        }

        @Test
        void rawMethodTakesANodeBufferAndAnswersBase64() throws Exception {
            rpc.send(request(1, "reverse", "{\"type\":\"Buffer\",\"data\":[1,2,3]}"));
            assertEquals("AwIB", rpc.next().get("result").asText());
            rpc.send(request(2, "reverse", "[255,0]"));
            assertEquals("AP8=", rpc.next().get("result").asText());
            rpc.send(request(3, "reverse", "{\"data\":\"AQID\"}"));
            assertError(rpc.next(), json("3"), -32602);
        }

        @Test
        void aRawMethodTakesAnEmptyObjectAsNoBytes() throws Exception {
            rpc.send(request(1, "reverse", "{}"));
            assertEquals("", rpc.next().get("result").asText());
        }

        @Test
        void anArrowMethodIsNotAvailableAndTheErrorSaysWhereToCallIt() throws Exception {
            rpc.send(request(1, "table", "{\"id\":[1]}"));
            JsonNode table = rpc.next();
            assertError(table, json("1"), -32601);
            assertEquals("Method not available over JSON-RPC: table takes an Arrow table (Codec.ARROW), which JSON "
                    + "cannot carry; call it through @procwire/core's data channel", table.get("error").get("message").asText());
            rpc.send(request(2, "count rows", "{}"));
            JsonNode count = rpc.next();
            assertError(count, json("2"), -32601);
            assertEquals("Method not available over JSON-RPC: count rows answers an Arrow table (Codec.ARROW), which JSON "
                    + "cannot carry; call it through @procwire/core's data channel", count.get("error").get("message").asText());
            rpc.send(request(3, "add", "{\"a\":1,\"b\":2}"));
            assertEquals(3, rpc.next().get("result").asLong());
        }

        @Test
        void anArrowEventIsNotSentAndTheWorkerServesOn() throws Exception {
            rpc.send(request(1, "emitTable", null));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"emitted\"}"), rpc.next());
            rpc.send(request(2, "add", "{\"a\":1,\"b\":2}"));
            assertEquals(3, rpc.next().get("result").asLong());
        }
    }

    @Nested
    class ReservedMethods {
        @Test
        void heartbeatPingIsAnsweredWithAPongNotificationEchoingSeqAndTimestamp() throws Exception {
            rpc.send(notification("__heartbeat_ping__", "{\"timestamp\":1700000000000,\"seq\":42}"));
            JsonNode pong = rpc.next();
            assertEquals("__heartbeat_pong__", pong.get("method").asText());
            assertFalse(pong.has("id"));
            assertEquals(42, pong.get("params").get("seq").asInt());
            assertEquals(1700000000000L, pong.get("params").get("timestamp").asLong());
            assertEquals(0, pong.get("params").get("load").get("pending_requests").asInt());
        }

        @Test
        void heartbeatPingIsAnsweredWhileEveryHandlerIsBusy() throws Exception {
            rpc.send(request(1, "gate", null));
            rpc.send(notification("__heartbeat_ping__", "{\"timestamp\":1,\"seq\":1}"));
            JsonNode pong = rpc.next();
            assertEquals("__heartbeat_pong__", pong.get("method").asText());
            assertEquals(1, pong.get("params").get("load").get("pending_requests").asInt());
        }

        @Test
        void v2PingIsStillAnswered() throws Exception {
            rpc.send(request(1, "add", "{\"a\":1,\"b\":1}"));
            rpc.next();
            rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}"), rpc.next());
        }

        @Test
        void v2PingAfterAByteOrderMarkIsAnswered() throws Exception {
            rpc.send("\uFEFF{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}"), rpc.next());
        }

        @Test
        void shutdownAcknowledgesLetsRequestsInFlightFinishThenCompletesAndStops() throws Exception {
            rpc.send(request(1, "gate", null));
            rpc.send(request(2, "__shutdown__", "{\"timeout_ms\":5000,\"reason\":\"user_requested\"}"));
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"status\":\"shutting_down\",\"pending_requests\":1}}"),
                    rpc.next());
            rpc.send(request(3, "add", "{\"a\":1,\"b\":1}"));
            JsonNode refused = rpc.next();
            assertError(refused, json("3"), -32000);
            assertEquals("SHUTTING_DOWN", refused.get("error").get("data").get("code").asText());
            assertFalse(rpc.stopped.await(100, TimeUnit.MILLISECONDS), "still draining the gate call");
            gate.countDown();
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"opened\"}"), rpc.next());
            assertEquals(json("{\"jsonrpc\":\"2.0\",\"method\":\"__shutdown_complete__\",\"params\":{\"exit_code\":0}}"), rpc.next());
            assertTrue(rpc.stopped.await(5, TimeUnit.SECONDS), "the worker was told to stop");
        }

        @Test
        void shutdownNotificationOfTheSeedParentStopsTheWorker() throws Exception {
            rpc.send(notification("shutdown", "{}"));
            assertEquals("__shutdown_complete__", rpc.next().get("method").asText());
            assertTrue(rpc.stopped.await(5, TimeUnit.SECONDS));
        }

        @Test
        void shutdownStopsAfterItsDrainBudgetWhenARequestNeverFinishes() throws Exception {
            rpc.send(request(1, "gate", null));
            long start = System.nanoTime();
            rpc.send(notification("__shutdown__", "{\"timeout_ms\":250}"));
            assertEquals("__shutdown_complete__", rpc.next().get("method").asText());
            assertTrue(rpc.stopped.await(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "bounded by timeout_ms");
        }

        @Test
        void handshakeAnswersVersionAndCapabilities() throws Exception {
            rpc.send(request(1, "__handshake__", "{\"version\":\"1.0\",\"capabilities\":[\"heartbeat\"]}"));
            JsonNode result = rpc.next().get("result");
            assertEquals("1.0", result.get("version").asText());
            assertEquals(json("[\"heartbeat\",\"shutdown\"]"), result.get("capabilities"));
            assertEquals("java", result.get("worker_info").get("language").asText());
            assertEquals(ProcessHandle.current().pid(), result.get("worker_info").get("pid").asLong());
        }

        @Test
        void otherReservedMethodsAreNotFound() throws Exception {
            rpc.send(request(1, "__stream_open__", "{}"));
            assertError(rpc.next(), json("1"), -32601);
        }
    }

    @Test
    void closedModeAnswersNothing() throws Exception {
        rpc.mode.close();
        rpc.send(request(1, "add", "{\"a\":1,\"b\":1}"));
        rpc.assertSilentFor(200);
    }

    @Test
    void byteOrderMarkAtTheStartOfALineIsIgnored() throws Exception {
        rpc.send("\uFEFF" + request(1, "add", "{\"a\":2,\"b\":3}"));
        assertEquals(json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":5}"), rpc.next());
    }
}
