package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent dies with SIGKILL (no {@code $shutdown}, no chance to clean up): the worker notices the
 * end of its stdin, exits within a second, removes its socket file, and leaves no process behind.
 */
class ParentKilledTest {
    /** How long the worker may take to be gone after its parent is killed. */
    static final long EXIT_BUDGET_MILLIS = 1000;

    @TempDir
    Path tmp;
    Path socketDir;

    @BeforeEach
    void setUp() throws Exception {
        NodeParent.assumeAvailable();
        socketDir = Files.createDirectory(tmp.resolve("sockets"));
        Files.setPosixFilePermissions(socketDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private Map<String, String> env() {
        return Map.of("TMPDIR", socketDir.toString(), "XDG_RUNTIME_DIR", "");
    }

    /** Kills the parent and returns how long the worker took to exit, in ms; fails if it outlives 5 s. */
    private static long killParentAndTimeWorkerExit(NodeParent parent, ProcessHandle worker) throws Exception {
        List<ProcessHandle> workerChildren = worker.descendants().toList();
        long t0 = System.nanoTime();
        parent.process.destroyForcibly(); // SIGKILL
        long deadline = t0 + 5_000_000_000L;
        while (!Processes.exited(worker.pid()) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(Processes.exited(worker.pid()), "the worker outlived its parent by 5 s");
        for (ProcessHandle c : workerChildren) {
            assertTrue(Processes.exited(c.pid()), "a child of the worker survived: " + c.pid());
        }
        return ms;
    }

    @Test
    void workerWithWorkInFlightExitsWithinASecondWhenItsParentIsKilled() throws Exception {
        try (NodeParent parent = NodeParent.start("parent-killed.mjs", NodeParent.workerCommand(), env(), tmp.resolve("node.err"))) {
            var ready = parent.await("ready", 60);
            assertEquals(9, ready.path("active").asInt(), "eight sleeping handlers and a stream are running");
            long pid = ready.path("workerPid").asLong();
            ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
            assertEquals(List.of(), worker.children().toList(), "the runtime starts no processes");
            long ms = killParentAndTimeWorkerExit(parent, worker);
            System.err.println("parent killed with 9 requests in flight: worker exited after " + ms + " ms");
            assertTrue(ms <= EXIT_BUDGET_MILLIS, "worker exited after " + ms + " ms");
            try (var left = Files.list(socketDir)) {
                assertEquals(List.of(), left.toList(), "no socket file left behind");
            }
        }
    }

    @Test
    void workerWhoseParentDiesBeforeConnectingExitsAndRemovesItsSocketFile() throws Exception {
        try (NodeParent parent = NodeParent.start("parent-killed-before-connect.mjs", NodeParent.workerCommand(), env(),
                tmp.resolve("node.err"))) {
            var init = parent.await("init", 60);
            Path socket = Path.of(init.path("pipe").asText());
            assertEquals(socketDir, socket.getParent());
            assertTrue(Files.exists(socket), "the socket file exists while the worker waits for its parent");
            ProcessHandle worker = ProcessHandle.of(init.path("workerPid").asLong()).orElseThrow();
            long ms = killParentAndTimeWorkerExit(parent, worker);
            System.err.println("parent killed before connecting: worker exited after " + ms + " ms");
            assertTrue(ms <= EXIT_BUDGET_MILLIS, "worker exited after " + ms + " ms");
            assertFalse(Files.exists(socket), "the worker removed its socket file");
        }
    }
}
