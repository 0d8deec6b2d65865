package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.binding.Handlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket directory falls back: each of {@code XDG_RUNTIME_DIR}, {@code TMPDIR} and {@code /tmp}
 * that cannot hold the socket is skipped for the next, and only when none can does the worker fail,
 * naming every candidate and why.
 */
class SocketDirectoryTest {
    @TempDir
    Path tmp;

    private Path privateDir(String name) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        return d;
    }

    /** Starts a worker with {@code env}, returns the directory of the socket it announced, and stops it. */
    private static Path socketDirectoryOfWorkerWith(Map<String, String> env) throws Exception {
        PipedOutputStream stdinWriter = new PipedOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Worker worker = Worker.start(Handlers.builder().method("echo", call -> {}).build(), WorkerOptions.defaults(),
                new PipedInputStream(stdinWriter), out, env);
        try {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"method\":\"$init\""), out.toString(StandardCharsets.UTF_8));
            return worker.socketPath().getParent();
        } finally {
            worker.shutdown("test over");
            stdinWriter.close();
        }
    }

    private static Map<String, String> env(String xdg, String tmpdir) {
        Map<String, String> env = new HashMap<>();
        if (xdg != null) env.put("XDG_RUNTIME_DIR", xdg);
        if (tmpdir != null) env.put("TMPDIR", tmpdir);
        return env;
    }

    @Test
    void runtimeDirectoryThatDoesNotExistIsSkippedForTmpdir() throws Exception {
        Path mine = privateDir("mine");
        assertEquals(mine, socketDirectoryOfWorkerWith(env(tmp.resolve("absent").toString(), mine.toString())));
    }

    @Test
    void runtimeDirectoryThatIsAFileIsSkippedForTmpdir() throws Exception {
        Path mine = privateDir("mine");
        Path file = Files.createFile(tmp.resolve("file"));
        assertEquals(mine, socketDirectoryOfWorkerWith(env(file.toString(), mine.toString())));
    }

    @Test
    void unsafeRuntimeDirectoryIsSkippedForTmpdirAndHoldsNoSocket() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path mine = privateDir("mine");
        assertEquals(mine, socketDirectoryOfWorkerWith(env(shared.toString(), mine.toString())));
        try (var files = Files.list(shared)) {
            assertEquals(0, files.count(), "no socket file left behind in the unsafe directory");
        }
    }

    @Test
    void runtimeDirectoryTooLongForASocketAddressIsSkippedForTmpdir() throws Exception {
        Path deep = tmp;
        while (deep.toString().length() < SocketPaths.MAX_PATH_BYTES) {
            deep = deep.resolve("d".repeat(20));
        }
        Files.createDirectories(deep);
        Path mine = privateDir("mine");
        assertEquals(mine, socketDirectoryOfWorkerWith(env(deep.toString(), mine.toString())));
    }

    @Test
    void directoryWhereNoSocketCanBeCreatedIsSkippedForTheFallback() throws Exception {
        // Nobody, root included, can create a file in /proc; it exists and is root's, so only binding tells.
        Path mine = privateDir("mine");
        try (DataPlaneServer server = DataPlaneServer.openInSocketDirectory(env("/proc", null), PeerCheck.defaults(), mine.toString())) {
            assertEquals(mine, server.path().getParent());
        }
    }

    @Test
    void whenNoDirectoryIsUsableTheErrorNamesEveryCandidateAndWhy() throws IOException {
        Path file = Files.createFile(tmp.resolve("file"));
        IOException e = assertThrows(IOException.class,
                () -> DataPlaneServer.openInSocketDirectory(env("/nonexistent", null), PeerCheck.defaults(), file.toString()));
        String m = e.getMessage();
        assertTrue(m.startsWith("no usable directory for the data-plane socket: "), m);
        assertTrue(m.contains("XDG_RUNTIME_DIR=/nonexistent does not exist"), m);
        assertTrue(m.contains("TMPDIR is not set"), m);
        assertTrue(m.contains(file + " is not a directory"), m);
        assertTrue(m.contains("Point XDG_RUNTIME_DIR or TMPDIR at"), "says how to fix it: " + m);
    }


    @Test
    void directoryNotWritableInThePlatformCharsetIsRefusedWithTheFix() {
        String problem = new SocketPaths.Candidate("TMPDIR", "/tmp/\uD800").problem("s.sock");
        assertTrue(problem != null && problem.contains("platform charset") && problem.contains("UTF-8"), problem);
    }
}
