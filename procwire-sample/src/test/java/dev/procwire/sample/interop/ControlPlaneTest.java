package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.DispatchTest.assertStillServing;
import static dev.procwire.sample.interop.Wire.map;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The control plane on stdin/stdout: heartbeat, shutdown, parent death, noise (docs/protocol.md#control-messages). */
@Timeout(60)
class ControlPlaneTest {
    /**
     * How soon a worker must be gone after it is told to stop: well inside the 5 s {@code @procwire/core}
     * waits before it kills one, and far below the 30 s its handlers in flight would take — not a speed
     * figure (those are in the benchmark harness), so that a busy machine does not fail it.
     */
    private static final long EXIT_BOUND_MS = 3_000;

    private static final String SHUTDOWN = "{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}";

    @Test
    void pingIsAnsweredAtOnceWhileEveryHandlerIsCpuBound() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            int busy = 8; // four times the cores of this machine
            for (int i = 1; i <= busy; i++) {
                c.request(w.methodId("spin"), i, pack(map("ms", 3000)));
            }
            RawWorker.sleep(200);
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                latencies.add(w.ping(Duration.ofSeconds(3)).toMillis());
                RawWorker.sleep(50);
            }
            System.out.println("$pong latencies (ms) with " + busy + " CPU-bound handlers: " + latencies);
            List<Long> sorted = latencies.stream().sorted().toList();
            // A pong that waited for the handlers would take seconds. The parent's heartbeat is checked
            // through the real parent in ParentLifecycleTest; here, on a shared machine, single pongs
            // may be late by a scheduling hiccup, but never by the handlers.
            assertTrue(sorted.get(sorted.size() - 1) < 2000, "a $pong waited behind the handlers: " + latencies);
            assertTrue(sorted.get(sorted.size() / 2) < 100, "$pong latencies under load: " + latencies);
            for (int i = 0; i < busy; i++) {
                assertEquals(3000L, c.expect(Duration.ofSeconds(30)).value(), "the CPU-bound handlers finish");
            }
        }
    }

    @Test
    void shutdownClosesTheConnectionRemovesTheSocketAndExitsQuickly() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            long start = System.nanoTime();
            w.control(SHUTDOWN);
            assertTrue(w.waitForExit(Duration.ofSeconds(5)), "still running 5 s after $shutdown");
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("exit " + ms + " ms after $shutdown");
            assertTrue(ms < EXIT_BOUND_MS, "exit took " + ms + " ms after $shutdown");
            assertEquals(0, w.exitCode());
            assertFalse(Files.exists(w.pipe()), "the socket file is removed");
            assertTrue(c.awaitClosed(Duration.ofSeconds(1), null), "the data connection is closed");
        }
    }

    @Test
    void shutdownWithHandlersInFlightStillExitsQuickly() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("sleep"), 1, pack(map("ms", 30_000)));
            c.request(w.methodId("spin"), 2, pack(map("ms", 30_000))); // ignores cancellation
            c.request(w.methodId("stream"), 3, pack(map("count", 100_000_000, "size", 65536))); // blocked: we do not read
            RawWorker.sleep(300);
            long start = System.nanoTime();
            w.control(SHUTDOWN);
            assertTrue(w.waitForExit(Duration.ofSeconds(5)), "still running 5 s after $shutdown");
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("exit " + ms + " ms after $shutdown with handlers in flight");
            assertTrue(ms < EXIT_BOUND_MS, "exit took " + ms + " ms with handlers in flight");
            assertFalse(Files.exists(w.pipe()));
        }
    }

    @Test
    void endOfStdinShutsDownTheSameWay() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            long start = System.nanoTime();
            w.closeStdin();
            assertTrue(w.waitForExit(Duration.ofSeconds(5)), "a worker whose parent is gone lives on");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < EXIT_BOUND_MS, "exit took " + ms + " ms after stdin closed");
            assertFalse(Files.exists(w.pipe()));
        }
    }

    @Test
    void shutdownBeforeAnyParentConnectedRemovesTheSocket() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            assertTrue(Files.exists(w.pipe()));
            w.control(SHUTDOWN);
            assertTrue(w.waitForExit(Duration.ofSeconds(3)));
            assertFalse(Files.exists(w.pipe()));
        }
    }

    @Test
    void garbageControlLinesAreIgnored() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            w.control("hello");
            w.control("{not json");
            w.control("[1,2,3]");
            w.control("{}");
            w.control("{\"jsonrpc\":\"2.0\",\"method\":\"$unknown\",\"params\":{}}");
            w.control("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\",\"id\":1}");
            w.control("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":\"x\"}");
            w.control("\"$shutdown\"");
            w.control("x".repeat(1 << 20));
            w.writeStdin(new byte[] {0, (byte) 0xff, (byte) 0xfe, '\r', '\n'});
            w.control("   {\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}   ");
            w.ping(); // answered within its 5 s, or it fails
            assertTrue(w.isAlive());
            assertStillServing(w, c);
        }
    }

    @Test
    void systemOutFromUserCodeGoesToStderrNeverTheControlChannel() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            String text = "{\"jsonrpc\":\"2.0\",\"method\":\"$init\",\"params\":{\"note\":\"printed by a handler\"}}";
            c.request(w.methodId("printToStdout"), 1, pack(map("text", text)));
            assertEquals("printed", c.expect().value());
            w.ping();
            assertTrue(w.awaitStderr(text, Duration.ofSeconds(2)), "the handler's line reaches stderr");
            for (String line : w.stdoutLines()) {
                assertFalse(line.contains("printed by a handler"), "user output on the control channel: " + line);
            }
            assertEquals(List.of("$init", "$pong"), w.stdoutLines().stream()
                    .map(l -> RawWorker.parse(l).path("method").asText()).toList());
        }
    }

    @Test
    void stdoutCarriesOnlyUtf8JsonLines() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            w.ping();
            for (String line : w.stdoutLines()) {
                assertTrue(line.startsWith("{") && line.endsWith("}"), line);
                assertEquals(line, new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        }
    }
}
