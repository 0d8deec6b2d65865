package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat, auth, restart, shutdown, malformed payloads and a slow consumer, each through the real
 * {@code @procwire/core} parent driving the Java BenchWorker.
 */
@RequiresNode
class ParentLifecycleTest {
    private static final long MiB = 1 << 20;

    @Test
    void heartbeatDoesNotKillAWorkerWhoseHandlersAreAllCpuBound() {
        NodeScenario.Result r = Scenarios.java("heartbeat.mjs");
        assertEquals(0, r.get("errors").size(), "heartbeat {50 ms, 1000 ms} fired: " + r.get("errors"));
        for (JsonNode spin : r.get("spins")) {
            assertTrue(spin.path("ok").asBoolean(), "a CPU-bound call failed: " + spin);
            assertEquals(2500, spin.path("value").asLong());
        }
        assertTrue(r.get("pongsDuringSpins").asInt() >= 10, "the heartbeat was not running: " + r.json());
        assertTrue(r.get("maxPongLatencyMs").asLong() < 1000, "slowest pong " + r.get("maxPongLatencyMs") + " ms");
        assertEquals("ready", r.get("state").asText());
        assertTrue(r.get("workerAlive").asBoolean());
        assertTrue(r.get("after.ok").asBoolean());
    }

    @Test
    void authTrueSpawnsAndServes() {
        NodeScenario.Result r = Scenarios.java("lifecycle.mjs");
        assertTrue(r.get("auth.tokenSent").asBoolean());
        assertEquals("authenticated", r.get("auth.echo.value").asText(), r.get("auth").toString());
    }

    @Test
    void workerIsRestartedAfterItIsKilled() {
        NodeScenario.Result r = Scenarios.java("lifecycle.mjs");
        JsonNode restart = r.get("restart");
        assertTrue(restart.path("cameBack").asBoolean(), restart.toString());
        assertEquals(1, restart.path("restarting").asInt());
        assertTrue(restart.path("newPid").asBoolean());
        assertFalse(restart.path("oldAlive").asBoolean());
        assertTrue(restart.path("tokenSent").asBoolean(), "the new generation authenticates too");
        assertEquals("after restart", restart.path("echo").path("value").asText(), restart.toString());
    }

    @Test
    void shutdownWithARequestInFlightTakesWellUnderASecond() {
        NodeScenario.Result r = Scenarios.java("lifecycle.mjs");
        JsonNode s = r.get("shutdown");
        assertTrue(s.path("ms").asLong() < 1000, "manager.shutdown() took " + s.path("ms") + " ms");
        assertFalse(s.path("workerAlive").asBoolean());
        assertEquals("closed", s.path("state").asText());
    }

    @Test
    void malformedPayloadsAreErrorsAndTheWorkerSurvives() {
        NodeScenario.Result r = Scenarios.java("malformed.mjs");
        assertEquals("abc", r.get("steps.valid.value").asText());
        for (String step : new String[] {"invalidByte", "truncated", "hugeArray", "empty"}) {
            JsonNode s = r.get("steps." + step);
            assertFalse(s.path("ok").asBoolean(), step + " was accepted: " + s);
            assertEquals("ProcwireError", s.path("name").asText(), step + ": " + s);
            assertEquals("INVALID_PARAMS", s.path("data").path("code").asText(), step + ": " + s);
        }
        assertEquals("abc", r.get("steps.validAgain.value").asText());
        assertTrue(r.get("workerAlive").asBoolean());
        assertEquals("ready", r.get("state").asText());
        assertEquals(0, r.get("errors").size(), r.get("errors").toString());
    }

    @Test
    void slowConsumerKeepsTheWorkersMemoryFlat() {
        NodeScenario.Result r = Scenarios.java("backpressure.mjs");
        assertEquals(r.get("expectedBytes").asLong(), r.get("bytes").asLong(), "every byte arrives");
        assertEquals(8000, r.get("chunks").asLong());
        long grown = r.get("rssStallMax").asLong() - r.get("rssBefore").asLong();
        System.out.println("slow consumer, 500 MiB stream: Java worker grew " + grown / MiB + " MiB");
        assertTrue(grown < 200 * MiB, "the worker grew by " + grown / MiB + " MiB while its consumer stalled");
        assertEquals(0, r.get("errors").size());
    }
}
