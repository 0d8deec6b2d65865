package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procwire.sample.BenchWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request that waits in the worker's queue is answered with its own bytes, every one of them, however
 * large it is and whatever happens to the requests around it. The real parent sends raw
 * ({@code echoRaw}) and MsgPack ({@code echo}) echoes to the {@link BenchWorker}, each with its own
 * seeded pattern, at sizes just below, at and just above each of the worker's buffer thresholds (64 KiB
 * direct payloads, the 256 KiB read buffer, 16 MiB eager allocation, the 64 MiB direct limit), at small
 * sizes and at random sizes between; every answer is compared byte for byte with what was sent. With
 * {@code maxConcurrentHandlers} 1 and 4, every request waits in the queue: it is sent while long
 * sleeps hold all the handler slots, and the sleeps are aborted only after it (the worker reads frames
 * in order, so the queueing depends on no timing). Around the queued calls:
 * <ul>
 *   <li>the queue is filled to {@code PROCWIRE_MAX_QUEUED} and requests beyond it are refused
 *       ({@code OVERLOADED});
 *   <li>queued calls are aborted, some read by the worker while they wait, some racing their answer
 *       (an aborted call ends aborted or correct, never otherwise);
 *   <li>the parent drops the connection while calls are queued: every call then ends correct or with
 *       "Module disconnected".
 * </ul>
 * The worker runs with {@code -ea}, and its stderr must not show a buffer released twice, a payload read
 * after its call ended, or any {@code AssertionError}. The seed is printed; {@code PROCWIRE_STRESS_SEED}
 * sets it. The scenarios are in {@code src/test/node/fault/queued-payloads.mjs}.
 */
class QueuedPayloadStressTest {
    static final long SEED = seed();
    /** What the worker's stderr must never contain: the runtime's ownership checks (with -ea) and any assertion. */
    static final List<String> OWNERSHIP_VIOLATIONS = List.of("released twice", "after the call ended", "AssertionError");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "maxConcurrentHandlers {0}")
    @ValueSource(ints = {1, 4})
    void queuedEchoesOfEverySizeComeBackByteForByte(int maxConcurrent) throws Exception {
        JsonNode done = run("echo", maxConcurrent);
        JsonNode outcomes = done.path("outcomes");
        int refused = done.path("expectedOverloaded").asInt();
        assertEquals(refused, outcomes.path("overloaded").asInt(), "the requests beyond the full queue are refused" + seedNote());
        assertEquals(done.path("sent").asInt() - refused, outcomes.path("correct").asInt(), "every other echo is correct" + seedNote());
    }

    @ParameterizedTest(name = "maxConcurrentHandlers {0}")
    @ValueSource(ints = {1, 4})
    void abortedQueuedCallsLeaveEveryOtherAnswerIntact(int maxConcurrent) throws Exception {
        JsonNode done = run("abort", maxConcurrent);
        JsonNode outcomes = done.path("outcomes");
        int aborted = outcomes.path("aborted").asInt();
        assertEquals(done.path("sent").asInt(), outcomes.path("correct").asInt() + aborted,
                "every echo ends correct or aborted" + seedNote());
        assertTrue(aborted >= done.path("abortedWhileQueued").asInt(), "the calls aborted while queued end aborted" + seedNote());
        assertTrue(outcomes.path("correct").asInt() > 0, "echoes that were not aborted are answered" + seedNote());
    }

    @ParameterizedTest(name = "maxConcurrentHandlers {0}")
    @ValueSource(ints = {1, 4})
    void connectionDroppedWhileCallsAreQueuedFailsThemAsDisconnectedWithNoWrongBytes(int maxConcurrent) throws Exception {
        JsonNode done = run("drop", maxConcurrent);
        JsonNode outcomes = done.path("outcomes");
        int disconnected = outcomes.path("disconnected").asInt();
        assertTrue(done.path("parentErrors").toString().contains("Payload too large"),
                "the parent dropped the connection over the oversized answer: " + done.path("parentErrors"));
        assertEquals(done.path("sent").asInt(), outcomes.path("correct").asInt() + disconnected,
                "every echo ends correct or disconnected" + seedNote());
        assertTrue(disconnected > done.path("queuedAtDrop").asInt(),
                "the oversized echo and every call still queued fail as disconnected, " + disconnected + seedNote());
        assertTrue(done.path("wrapperExit").path("jvmAlive").asBoolean(),
                "the worker JVM outlived the parent's kill, so its stderr covers its clean-up after the drop: " + done.path("wrapperExit"));
    }

    /**
     * Runs a scenario of {@code queued-payloads.mjs}, waits for the parent and then the worker JVM to
     * exit, and returns the parent's summary once no answer had wrong bytes, no call failed otherwise,
     * and the worker's stderr shows no ownership violation.
     */
    private JsonNode run(String scenario, int maxConcurrent) throws Exception {
        NodeParent.assumeAvailable();
        Map<String, String> env = Map.of("SCENARIO", scenario, "MAX_CONCURRENT", "" + maxConcurrent, "SEED", "" + SEED);
        ProcessHandle jvm = null;
        long t0 = System.nanoTime();
        try (NodeParent parent = NodeParent.start("queued-payloads.mjs", NodeParent.workerCommand(BenchWorker.class, "-ea"), env,
                tmp.resolve("node.err"))) {
            long jvmPid = parent.await("spawned", 60).path("jvmPid").asLong();
            jvm = ProcessHandle.of(jvmPid).orElse(null);
            // A violation can leave the worker unable to answer: fail on it then, not after the timeout.
            JsonNode done = parent.await("done", 300, () -> violation(parent.stderr()));
            if (!parent.process.waitFor(60, TimeUnit.SECONDS)) {
                fail("the Node parent did not exit after its shutdown; its stderr:\n" + NodeParent.tail(parent.stderr()));
            }
            // In the drop scenario the JVM is an orphan by now; it exits once it sees its stdin end.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Processes.exited(jvmPid) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Processes.exited(jvmPid), "the worker JVM did not exit within 60 s of its parent");
            System.err.printf("queued payload stress, %s, maxConcurrentHandlers %d, seed %d (PROCWIRE_STRESS_SEED sets it): "
                    + "%d requests in %d rounds, %d ms of requests, %d ms in all; outcomes %s%n",
                    scenario, maxConcurrent, SEED, done.path("sent").asInt(), done.path("rounds").asInt(), done.path("ms").asLong(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), done.path("outcomes"));

            List<String> failures = new ArrayList<>();
            done.path("failures").forEach(f -> failures.add(f.asText()));
            assertTrue(failures.isEmpty(), "wrong bytes or unexpected failures" + seedNote() + ":\n" + String.join("\n", failures));
            String violation = violation(parent.stderr());
            assertNull(violation, violation);
            return done;
        } finally {
            if (jvm != null && jvm.isAlive()) {
                jvm.destroyForcibly(); // an orphaned worker left by a failed run
            }
        }
    }

    /** What the worker's stderr shows of an ownership violation, from its first line on; {@code null} if none. */
    private static String violation(String stderr) {
        int at = -1;
        for (String v : OWNERSHIP_VIOLATIONS) {
            int i = stderr.indexOf(v);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        if (at < 0) {
            return null;
        }
        int from = stderr.lastIndexOf('\n', at) + 1;
        return "the worker's stderr shows an ownership violation" + seedNote() + ":\n"
                + stderr.substring(from, Math.min(stderr.length(), from + 4000));
    }

    private static String seedNote() {
        return " (seed " + SEED + ")";
    }

    private static long seed() {
        String s = System.getenv("PROCWIRE_STRESS_SEED");
        if (s == null || s.isBlank()) {
            return 16;
        }
        try {
            return Long.parseLong(s.trim()) & 0xffffffffL;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PROCWIRE_STRESS_SEED must be a whole number, was \"" + s + "\"", e);
        }
    }
}
