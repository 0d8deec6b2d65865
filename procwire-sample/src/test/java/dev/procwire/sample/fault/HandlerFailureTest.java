package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handlers that fail in every way a handler can, driven by the real parent: each failure becomes an
 * error for that request alone, and the worker serves on.
 */
class HandlerFailureTest {
    private static JsonNode basic;
    private static String basicStderr;

    @BeforeAll
    static void runBasicScenario() throws Exception {
        NodeParent.assumeAvailable();
        Path dir = Files.createTempDirectory("handler-failures");
        try (NodeParent parent = NodeParent.start("handler-failures.mjs", NodeParent.workerCommand(),
                Map.of("SCENARIO", "basic"), dir.resolve("node.err"))) {
            basic = parent.await("basic", 120);
            parent.process.waitFor();
            basicStderr = parent.stderr();
        }
    }

    private static void assertFailedWith(String method, String message, String code) {
        JsonNode o = basic.path(method);
        assertFalse(o.path("ok").asBoolean(), method + " must fail: " + o);
        assertEquals(message, o.path("error").path("message").asText(), o.toString());
        assertEquals(code, o.path("error").path("code").asText(), o.toString());
        JsonNode then = basic.path(method + "Then");
        assertTrue(then.path("ok").asBoolean(), "the next request after " + method + " is served: " + then);
    }

    @Test
    void checkedExceptionBecomesAnErrorAndTheWorkerServesOn() {
        assertFailedWith("checked", "the disk is on fire", "INTERNAL");
        assertEquals("java.io.IOException", basic.path("checked").path("error").path("data").asText());
    }

    @Test
    void uncheckedExceptionBecomesAnErrorAndTheWorkerServesOn() {
        assertFailedWith("unchecked", "unchecked boom", "INTERNAL");
        assertEquals("java.lang.IllegalStateException", basic.path("unchecked").path("error").path("data").asText());
    }

    @Test
    void aHandlerFailureIsLoggedWithMethodRequestIdAndStackTraceAtTheDefaultLevel() {
        Matcher m = Pattern.compile("\\[procwire error\\] unchecked failed \\(request (\\d+)\\): IllegalStateException: "
                + "unchecked boom\\R(.*\\R){0,3}?\\s+at dev\\.procwire\\.sample\\.fault\\.FaultWorker\\.").matcher(basicStderr);
        assertTrue(m.find(), "the failure, its request and the handler's frame are on stderr:\n" + NodeParent.tail(basicStderr));
        assertTrue(Long.parseLong(m.group(1)) > 0, "a real request id: " + m.group(1));
    }

    @Test
    void stackOverflowBecomesAnErrorAndTheWorkerServesOn() {
        assertFailedWith("overflow", "overflow failed: stack overflow", "INTERNAL");
        assertEquals(32, basic.path("overflowBurstFailed").asInt(), "32 overflows at once each fail alone");
    }

    @Test
    void aHandlerThatAnswersTwiceIsAnsweredOnceAndTheSecondAnswerIsLogged() {
        JsonNode twice = basic.path("twice");
        assertTrue(twice.path("ok").asBoolean(), twice.toString());
        assertEquals("first", twice.path("value").asText());
        assertTrue(basic.path("twiceThen").path("ok").asBoolean());
        assertEquals(0, basic.path("moduleErrors").asInt(), "the parent saw no stray frame");
        assertTrue(basicStderr.contains("twice answered request ") && basicStderr.contains("more than once; the later answer was dropped"),
                "the second answer is logged:\n" + NodeParent.tail(basicStderr));
    }

    @Test
    void everyHandlerReturnedOrFailedAndNoRequestObjectIsLeft() {
        JsonNode stats = basic.path("stats");
        assertEquals(0, stats.path("active").asLong());
        assertEquals(0, stats.path("liveCalls").asLong());
    }

    @Test
    void handlersThatNeverReturnAreBoundedByTheConcurrencyLimitQueuedBeyondItAndRefusedBeyondTheQueue() throws Exception {
        Path dir = Files.createTempDirectory("handler-hang");
        int limit = 4;
        int queue = 8;
        try (NodeParent parent = NodeParent.start("handler-failures.mjs", NodeParent.workerCommand(),
                Map.of("SCENARIO", "hang", "PROCWIRE_MAX_CONCURRENT", "" + limit, "PROCWIRE_MAX_QUEUED", "" + queue),
                dir.resolve("node.err"))) {
            JsonNode r = parent.await("hang", 120);
            System.err.println("hanging handlers: " + r);
            assertEquals(0, r.path("queuedAnsweredAfterWaiting").asInt(),
                    "with " + limit + " handlers that never return, the next " + queue + " requests wait in the queue");
            JsonNode overflow = r.path("overflow");
            assertFalse(overflow.path("ok").asBoolean(), "a request beyond the queue is refused: " + overflow);
            assertEquals("OVERLOADED", overflow.path("error").path("code").asText(), overflow.toString());
            assertTrue(r.path("overflowMs").asLong() < 1000, "refused at once, not after a wait: " + r.path("overflowMs") + " ms");
            assertTrue(r.path("alive").asBoolean(), "the worker stays up");
            assertTrue(r.path("shutdownMs").asLong() < 4000,
                    "shutdown does not wait for handlers that never return: " + r.path("shutdownMs") + " ms");
            assertTrue(Processes.exited(r.path("workerPid").asLong()));
        }
    }
}
