package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.WorkerOptions.LogLevel;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.transport.PeerConnector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded worker: what its options do, and what starting it does to the process around it. */
class WorkerStartTest {
    @TempDir
    Path dir;

    /** A stdin that stays open and silent: the worker serves until it is shut down. */
    private static InputStream openStdin() throws IOException {
        return new PipedInputStream(new PipedOutputStream());
    }

    /** A service whose raw method 1 answers with its payload, as {@link PeerConnector} expects. */
    private static Handlers echo() {
        return Handlers.builder().method("echoRaw", Response.RESULT, Codec.RAW, 0, c -> c.replyRaw(c.payload())).build();
    }

    private Map<String, String> env(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("XDG_RUNTIME_DIR", dir.toString()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return env;
    }

    private Worker start(WorkerOptions options) throws IOException {
        return Worker.start(echo(), options, openStdin(), new ByteArrayOutputStream(), env());
    }

    private static Worker startFrom(Map<String, String> env) throws IOException {
        return Worker.start(echo(), openStdin(), new ByteArrayOutputStream(), env);
    }

    /** One request over a fresh connection, without an auth frame: {@code ECHO} when served, else {@code CLOSED}. */
    private static String exchange(Worker w) throws Exception {
        try {
            return PeerConnector.exchange(w.socketPath());
        } finally {
            w.shutdown("test over");
            assertTrue(w.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @AfterEach
    void restoreLog() {
        Log.setLevel(LogLevel.WARN);
        Log.useStream(System.err);
    }

    private static Map<Object, Object> properties() {
        return new HashMap<>(System.getProperties());
    }

    /** The properties that differ between the two snapshots, with their values before and after. */
    private static Map<Object, String> changed(Map<Object, Object> before, Map<Object, Object> after) {
        Map<Object, String> changes = new TreeMap<>(Comparator.comparing(String::valueOf));
        Set<Object> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (Object k : keys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changes.put(k, before.get(k) + " -> " + after.get(k));
            }
        }
        return changes;
    }

    @Test
    void startingAWorkerLeavesSystemPropertiesAsTheyWere() throws Exception {
        Map<Object, Object> before = properties();
        Worker w = Worker.start(echo(), WorkerOptions.defaults().withVirtualThreads(true), openStdin(),
                new ByteArrayOutputStream(), env());
        try {
            assertEquals(Map.of(), changed(before, properties()));
        } finally {
            w.shutdown("test over");
            assertTrue(w.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutATokenTheFirstFrameIsServed() throws Exception {
        assertEquals("ECHO", exchange(startFrom(env())));
    }

    @Test
    void tokenFromTheEnvironmentRefusesAConnectionWithoutTheAuthFrame() throws Exception {
        assertEquals("CLOSED", exchange(startFrom(env("PROCWIRE_TOKEN", "0123abcd"))));
    }

    @Test
    void tokenFromTheOptionsRefusesAConnectionWithoutTheAuthFrame() throws Exception {
        assertEquals("CLOSED", exchange(start(WorkerOptions.defaults().withToken("0123abcd"))));
    }

    @Test
    void theRightTokenIsServedAndAWrongOneRefused() throws Exception {
        Worker w = startFrom(env("PROCWIRE_TOKEN", "0123abcd"));
        try {
            assertEquals("CLOSED", PeerConnector.exchange(w.socketPath(), "0123abce"), "a wrong token");
            assertEquals("ECHO", PeerConnector.exchange(w.socketPath(), "0123abcd"), "the parent's token");
        } finally {
            w.shutdown("test over");
            assertTrue(w.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void optionsWithoutTheParentsTokenAreWarnedAbout() throws Exception {
        String log = logOf(() -> Worker.start(echo(), WorkerOptions.defaults(), openStdin(), new ByteArrayOutputStream(),
                env("PROCWIRE_TOKEN", "0123abcd")));
        assertTrue(log.contains("[procwire warn] PROCWIRE_TOKEN is set, but the WorkerOptions given in code have no "
                + "token, so any process of this user may connect first: start them from "
                + "WorkerOptions.fromEnvironment(System.getenv())"), log);
        assertFalse(logOf(() -> start(WorkerOptions.defaults())).contains("PROCWIRE_TOKEN"), "no token, no warning");
    }

    @Test
    void maxPayloadFromTheEnvironmentDropsALargerFrame() throws Exception {
        assertEquals("CLOSED", exchange(startFrom(env("PROCWIRE_MAX_PAYLOAD", "4")))); // the request carries 5 bytes
    }

    @Test
    void maxPayloadFromTheOptionsDropsALargerFrame() throws Exception {
        assertEquals("CLOSED", exchange(start(WorkerOptions.defaults().withMaxPayload(4))));
    }

    /** What the runtime logs while a worker starts, serves one exchange and shuts down. */
    private static String logOf(Callable<Worker> starter) throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Log.useStream(new PrintStream(lines, true, StandardCharsets.UTF_8));
        exchange(starter.call());
        return lines.toString(StandardCharsets.UTF_8);
    }

    @Test
    void infoLinesAreNotWrittenByDefault() throws Exception {
        String log = logOf(() -> startFrom(env()));
        assertFalse(log.contains("[procwire info] shutting down: test over"), log);
    }

    @Test
    void logLevelFromTheEnvironmentWritesInfoLines() throws Exception {
        String log = logOf(() -> startFrom(env("PROCWIRE_LOG", "info")));
        assertTrue(log.contains("[procwire info] shutting down: test over"), log);
    }

    @Test
    void logLevelFromTheOptionsWritesInfoLines() throws Exception {
        String log = logOf(() -> start(WorkerOptions.defaults().withLogLevel(LogLevel.INFO)));
        assertTrue(log.contains("[procwire info] shutting down: test over"), log);
    }

    @Test
    void anUnusableSettingStopsTheStartWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> startFrom(env("PROCWIRE_LOG", "loud")));
        assertTrue(e.getMessage().contains("PROCWIRE_LOG"), e.getMessage());
    }
}
