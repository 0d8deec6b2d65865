package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
import dev.procwire.runtime.binding.Handlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer check between real processes: the listener runs in a child process of this test, so this
 * JVM is its parent (or, through a shell, its grandparent) and any other child of this JVM is a
 * process of the same user that is not an ancestor.
 */
class PeerCheckProcessTest {
    @TempDir
    Path tmp;

    private ChildProcess probe(String mode) throws IOException {
        return ChildProcess.start(ChildProcess.javaCommand(PeerProbe.class, mode, tmp.toString()), tmp.resolve("probe.err"));
    }

    private static Path listeningPath(ChildProcess probe) throws Exception {
        return Path.of(probe.awaitLine("LISTENING ", 30).substring("LISTENING ".length()));
    }

    /** Runs {@link PeerConnector} in a child process of this JVM: a sibling of the probe, not its ancestor. */
    private String connectFromSibling(Path socket, Path err) throws Exception {
        try (ChildProcess sibling = ChildProcess.start(ChildProcess.javaCommand(PeerConnector.class, socket.toString()), err)) {
            return sibling.awaitLine("", 30);
        }
    }

    @Test
    void parentIsAccepted() throws Exception {
        try (ChildProcess probe = probe("ancestor")) {
            Path socket = listeningPath(probe);
            assertEquals("ECHO", PeerConnector.exchange(socket));
            probe.awaitLine("ADOPTED", 10);
            assertFalse(probe.stderr().contains("refused"), probe.stderr());
        }
    }

    @Test
    void grandparentThroughALauncherScriptIsAccepted() throws Exception {
        String cmd = String.join(" ", ChildProcess.javaCommand(PeerProbe.class, "ancestor", tmp.toString()).stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        // "; exit $?" keeps the shell alive between this JVM and the listener (no exec).
        try (ChildProcess launcher = ChildProcess.start(List.of("sh", "-c", cmd + "; exit $?"), tmp.resolve("probe.err"))) {
            Path socket = listeningPath(launcher);
            long listenerPid = Long.parseLong(socket.getFileName().toString().replaceAll("\\D", ""));
            assertEquals(launcher.process.pid(), ProcessHandle.of(listenerPid).orElseThrow().parent().orElseThrow().pid(),
                    "the shell sits between this JVM and the listener");
            assertEquals("ECHO", PeerConnector.exchange(socket));
            launcher.awaitLine("ADOPTED", 10);
        }
    }

    @Test
    void aProcessThatIsNotAnAncestorIsRefusedWithALogLineAndTheParentStillGetsIn() throws Exception {
        try (ChildProcess probe = probe("ancestor")) {
            Path socket = listeningPath(probe);
            assertEquals("CLOSED", connectFromSibling(socket, tmp.resolve("sibling.err")));
            String err = probe.stderr();
            assertTrue(err.contains("[procwire warn] data-plane connection refused: process "), err);
            assertTrue(err.contains("is not this worker's parent or one of its ancestors (ancestors: "
                    + ProcessHandle.current().pid()), err);
            assertTrue(err.contains("PROCWIRE_PEER_CHECK=same-user"), err);
            // The refused process was dropped without ending the wait for the real parent.
            assertEquals("ECHO", PeerConnector.exchange(socket));
            probe.awaitLine("ADOPTED", 10);
        }
    }

    @Test
    void sameUserModeAcceptsAProcessThatIsNotAnAncestor() throws Exception {
        try (ChildProcess probe = probe("same-user")) {
            Path socket = listeningPath(probe);
            assertEquals("ECHO", connectFromSibling(socket, tmp.resolve("sibling.err")));
            probe.awaitLine("ADOPTED", 10);
        }
    }

    /** A stdin that stays open and silent: the worker serves until it is shut down. */
    private static InputStream openStdin() throws IOException {
        return new PipedInputStream(new PipedOutputStream());
    }

    /** A service whose raw method 1 answers with its payload, as {@link PeerConnector} expects. */
    private static Handlers echo() {
        return Handlers.builder().method("echoRaw", Response.RESULT, Codec.RAW, 0, c -> c.replyRaw(c.payload())).build();
    }

    private static Worker echoWorker(WorkerOptions options, Map<String, String> env) throws IOException {
        return Worker.start(echo(), options, openStdin(), new ByteArrayOutputStream(), env);
    }

    private String siblingExchangeWith(Worker worker) throws Exception {
        try {
            return connectFromSibling(worker.socketPath(), tmp.resolve("sibling.err"));
        } finally {
            worker.shutdown("test over");
        }
    }

    @Test
    void aWorkerRefusesAProcessThatIsNotAnAncestorByDefault() throws Exception {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.toString());
        assertEquals("CLOSED", siblingExchangeWith(echoWorker(WorkerOptions.fromEnvironment(env), env)));
    }

    @Test
    void aWorkerStartedFromAnEnvironmentWithSameUserAcceptsAProcessThatIsNotAnAncestor() throws Exception {
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", tmp.toString(), "PROCWIRE_PEER_CHECK", "same-user");
        Worker worker = Worker.start(echo(), openStdin(), new ByteArrayOutputStream(), env);
        assertEquals("ECHO", siblingExchangeWith(worker));
    }

    @Test
    void aWorkerGivenSameUserInItsOptionsAcceptsAProcessThatIsNotAnAncestor() throws Exception {
        Worker worker = echoWorker(WorkerOptions.defaults().withPeerCheck(PeerCheckMode.SAME_USER),
                Map.of("XDG_RUNTIME_DIR", tmp.toString()));
        assertEquals("ECHO", siblingExchangeWith(worker));
    }

    @Test
    void anotherUserIsRefusedEvenInSameUserMode() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(tmp, "unix:uid")) == 0,
                "needs root, to run a connecting process as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv(1) to switch user");
        // A directory others may enter (not write), and a socket file opened up to everyone, so that
        // only the peer check stands between the other user and the listener.
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path source = shared.resolve("PeerConnector.java");
        // Launched as a single source file: without its package line, which newer launchers match to the path.
        Files.writeString(source, Files.readString(Path.of("src/test/java/dev/procwire/runtime/internal/transport/PeerConnector.java"))
                .replaceFirst("package [\\w.]+;", ""));
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));
        try (ChildProcess probe = ChildProcess.start(ChildProcess.javaCommand(PeerProbe.class, "same-user", shared.toString()),
                tmp.resolve("probe.err"))) {
            Path socket = listeningPath(probe);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            List<String> cmd = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    ChildProcess.javaBinary(), "-Xshare:off", source.toString(), socket.toString());
            try (ChildProcess other = ChildProcess.start(cmd, tmp.resolve("other.err"))) {
                assertEquals("CLOSED", other.awaitLine("", 60), other.stderr());
            }
            String err = probe.stderr();
            assertTrue(err.contains("data-plane connection refused: the connecting process runs as nobody"), err);
            assertEquals("ECHO", PeerConnector.exchange(socket));
        }
    }
}
