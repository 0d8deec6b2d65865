package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up as the real {@code @procwire/core} parent sees it ({@code new ModuleManager().spawn()}, no
 * retries): a worker that cannot start gets its reason into the rejected spawn's error, instead of the
 * parent's "did not send $init" timeout; a worker that can start does, whatever ran before it.
 */
@RequiresNode
class ParentStartTest {
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    /**
     * How late the parent starts reading the worker's stdout in the failure cases: its own fixed 100 ms
     * only loses a worker that fails faster than that, which depends on the machine; this late, any
     * worker that exits right after {@code $error} loses it.
     */
    private static final String LATE_LISTENER_MS = "1500";

    private static NodeScenario.Result spawn(List<String> worker, Map<String, String> env) {
        return NodeScenario.run("start.mjs", worker, env, SCENARIO_TIMEOUT);
    }

    /** Spawns {@code worker} under a parent that starts reading late (see {@link #LATE_LISTENER_MS}). */
    private static NodeScenario.Result spawnWithLateParent(List<String> worker, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("LATE_LISTENER_MS", LATE_LISTENER_MS);
        return spawn(worker, all);
    }

    /** The spawn was rejected with a message that carries the worker's reason, each of {@code parts}. */
    private static void assertRejectedWith(NodeScenario.Result r, String... parts) {
        assertFalse(r.get("spawned").asBoolean(), "the worker started: " + r.json());
        String message = r.get("message").asText();
        assertFalse(message.contains("did not send $init"), "the parent never saw the worker's $error: " + message);
        for (String part : parts) {
            assertTrue(message.contains(part), "the parent's error does not say \"" + part + "\": " + message);
        }
    }

    private static void assertServes(NodeScenario.Result r) {
        assertTrue(r.get("spawned").asBoolean(), "the spawn failed: " + r.json() + "\nstderr:\n" + r.stderr());
        assertEquals("hi", r.get("echo.value").asText(), r.json().toString());
    }

    @Test
    void invalidNumberSettingReachesTheParent() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.BENCH), Map.of("PROCWIRE_MAX_CONCURRENT", "abc")),
                "PROCWIRE_MAX_CONCURRENT", "\"abc\"");
    }

    @Test
    void invalidPeerCheckReachesTheParent() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.BENCH), Map.of("PROCWIRE_PEER_CHECK", "maybe")),
                "PROCWIRE_PEER_CHECK", "\"maybe\"");
    }

    @Test
    void invalidLogLevelReachesTheParent() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.BENCH), Map.of("PROCWIRE_LOG", "verbose")),
                "PROCWIRE_LOG", "\"verbose\"", "debug");
    }

    @Test
    void invalidVirtualThreadsSettingReachesTheParent() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.BENCH), Map.of("PROCWIRE_VIRTUAL_THREADS", "maybe")),
                "PROCWIRE_VIRTUAL_THREADS", "\"maybe\"");
    }

    @Test
    void serviceWithoutGeneratedBindingReachesTheParentWithTheFix() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.STARTUP, "unbound-instance"), Map.of()),
                "StartupWorker_Unannotated_Procwire", "annotation processor did not run", "annotationProcessorPaths");
    }

    @Test
    void serviceClassWithoutGeneratedBindingReachesTheParentWithTheFix() {
        assertRejectedWith(spawnWithLateParent(Workers.java(Workers.STARTUP, "unbound-class"), Map.of()),
                "StartupWorker_Unannotated_Procwire", "annotation processor did not run", "annotationProcessorPaths");
    }

    @Test
    void outputWithoutNewlineBeforeServeDoesNotHideInit() {
        assertServes(spawn(Workers.java(Workers.STARTUP, "print-first"), Map.of()));
    }

    @Test
    void missingRuntimeDirectoryFallsBackToTheNextCandidate() {
        assertServes(spawn(Workers.java(Workers.BENCH), Map.of("XDG_RUNTIME_DIR", "/nonexistent")));
    }

    @Test
    void nonAsciiTmpdirUnderTheCLocaleFallsBackToTheNextCandidate() {
        // The scenario creates <tmp>/tmp-é and hands it to the worker as TMPDIR (Node writes the
        // environment in UTF-8 whatever this JVM's locale); the worker's C locale cannot encode it.
        assertServes(spawn(Workers.java(Workers.BENCH), Map.of("XDG_RUNTIME_DIR", "", "NON_ASCII_TMPDIR_IN", tmp.toString(),
                "LANG", "C", "LC_ALL", "C")));
    }
}
