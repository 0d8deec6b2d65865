package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.Wire.map;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procwire.runtime.internal.transport.DataPlaneServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The start-up handshake: listener first, then {@code $init} (docs/protocol.md#start-up-handshake). */
@Timeout(60)
class HandshakeTest {
    private static final Pattern SOCKET_NAME = Pattern.compile("procwire-(\\d+)-([0-9a-f]{32})\\.sock");

    @Test
    void initIsTheFirstStdoutLineWithPipeSchemaAndVersion() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            JsonNode init = w.init();
            assertEquals("2.0", init.path("jsonrpc").asText());
            assertEquals("1.0.0", init.path("params").path("version").asText());
            assertTrue(init.path("params").path("pipe").isTextual());
            assertFalse(init.has("id"), "$init is a notification");
            assertEquals(w.stdoutLines().get(0), w.stdoutLines().get(0).strip(), "one JSON object per line");
        }
    }

    @Test
    void schemaPublishesIdsFromOneAndEveryResponseKind() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            JsonNode methods = w.init().path("params").path("schema").path("methods");
            Map<String, String> kinds = new HashMap<>();
            List<Integer> ids = new ArrayList<>();
            methods.properties().forEach(e -> {
                kinds.put(e.getKey(), e.getValue().path("response").asText());
                ids.add(e.getValue().path("id").asInt());
            });
            assertEquals(Map.ofEntries(Map.entry("echo", "result"), Map.entry("echoRaw", "result"),
                    Map.entry("stream", "stream"), Map.entry("emit", "result"), Map.entry("sleep", "result"),
                    Map.entry("spin", "result"), Map.entry("fail", "result"), Map.entry("ackThenWork", "ack"),
                    Map.entry("fireAndForget", "none"), Map.entry("arrowEcho", "result"), Map.entry("embeddings", "result")),
                    kinds);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), ids.stream().sorted().toList(), "method ids are 1..n");
            JsonNode events = w.init().path("params").path("schema").path("events");
            assertEquals(1, events.path("tick").path("id").asInt(), "event ids are a space of their own, from 1");
            assertEquals(1, events.size());
            assertFalse(methods.path("echo").has("timeout"), "no timeout is published unless the method has one");
        }
    }

    @Test
    void schemaPublishesAPerMethodTimeout() {
        try (RawWorker w = RawWorker.start(Workers.PROBE)) {
            JsonNode methods = w.init().path("params").path("schema").path("methods");
            assertEquals(300, methods.path("slowWithTimeout").path("timeout").asInt());
            assertFalse(methods.path("waitCancel").has("timeout"));
            JsonNode events = w.init().path("params").path("schema").path("events");
            assertEquals(List.of(1, 2, 3, 4, 5), List.of(events.path("tick").path("id").asInt(),
                    events.path("cancelled").path("id").asInt(), events.path("afterAck").path("id").asInt(),
                    events.path("blocked").path("id").asInt(), events.path("waiting").path("id").asInt()));
        }
    }

    @Test
    void listenerIsReadyWhenInitArrives() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            w.init();
            // No retry: the socket must accept the moment $init has been read.
            try (RawConnection c = w.connect()) {
                c.request(w.methodId("echo"), 1, pack("ready"));
                assertEquals("ready", c.expect().value());
            }
        }
    }

    @Test
    void socketIsInXdgRuntimeDir(@TempDir Path xdg, @TempDir Path tmp) {
        try (RawWorker w = RawWorker.start(Workers.BENCH, Map.of("XDG_RUNTIME_DIR", xdg.toString(), "TMPDIR", tmp.toString()))) {
            assertEquals(xdg, w.pipe().getParent());
            assertTrue(Files.exists(w.pipe()));
        }
    }

    @Test
    void socketFallsBackToTmpdirWithTrailingSlashesTrimmed(@TempDir Path tmp) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_RUNTIME_DIR", null);
        env.put("TMPDIR", tmp + "//");
        try (RawWorker w = RawWorker.start(Workers.BENCH, env)) {
            assertEquals(tmp + "/" + w.pipe().getFileName(), w.init().path("params").path("pipe").asText());
        }
    }

    @Test
    void socketFallsBackToTmp() {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_RUNTIME_DIR", null);
        env.put("TMPDIR", null);
        try (RawWorker w = RawWorker.start(Workers.BENCH, env)) {
            assertEquals(Path.of("/tmp"), w.pipe().getParent());
        }
    }

    @Test
    void socketNameIsPidAndOneHundredTwentyEightRandomBits(@TempDir Path dir) {
        List<String> randoms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (RawWorker w = RawWorker.start(Workers.BENCH, Map.of("XDG_RUNTIME_DIR", dir.toString()))) {
                Matcher m = SOCKET_NAME.matcher(w.pipe().getFileName().toString());
                assertTrue(m.matches(), "socket name " + w.pipe().getFileName());
                assertEquals(w.pid(), Long.parseLong(m.group(1)));
                randoms.add(m.group(2));
            }
        }
        assertNotEquals(randoms.get(0), randoms.get(1));
    }

    @Test
    void socketFileIsOwnerOnly(@TempDir Path dir) throws IOException {
        try (RawWorker w = RawWorker.start(Workers.BENCH, Map.of("XDG_RUNTIME_DIR", dir.toString()))) {
            w.init();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(w.pipe());
            assertEquals("rw-------", PosixFilePermissions.toString(perms));
        }
    }

    @Test
    void staleFileAtTheSocketPathIsReplaced(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("procwire-stale.sock");
        Files.writeString(path, "left behind by a crashed worker");
        try (DataPlaneServer server = DataPlaneServer.open(path)) {
            assertEquals(path, server.path());
            try (RawConnection c = RawConnection.open(path)) {
                assertFalse(c.closedByPeer());
            }
        }
    }

    @Test
    void missingRuntimeDirectoryIsSkippedForTmpdir(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("does-not-exist");
        Path tmpdir = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(tmpdir, PosixFilePermissions.fromString("rwx------"));
        try (RawWorker w = RawWorker.start(Workers.BENCH,
                Map.of("XDG_RUNTIME_DIR", missing.toString(), "TMPDIR", tmpdir.toString()))) {
            w.init();
            assertEquals(tmpdir, w.pipe().getParent());
        }
    }

    @Test
    void workerThatCannotOpenItsListenerSendsErrorAndExits() {
        try (RawWorker w = RawWorker.start(Workers.BENCH, Map.of("PROCWIRE_PEER_CHECK", "bogus"))) {
            String line = w.nextStdoutLine(Duration.ofSeconds(15));
            assertTrue(line != null && line.startsWith("{"), "a control message, got " + line);
            JsonNode msg = RawWorker.parse(line);
            assertEquals("$error", msg.path("method").asText(), line);
            assertTrue(msg.path("params").path("message").asText().contains("PROCWIRE_PEER_CHECK"), line);
            w.closeStdin(); // the parent has read it and is gone
            assertTrue(w.waitForExit(Duration.ofSeconds(10)), "the worker exits");
            assertNotEquals(0, w.exitCode());
        }
    }

    @Test
    void userDataNeverAppearsOnStdout() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            try (RawConnection c = w.connect()) {
                c.request(w.methodId("echo"), 1, pack(map("a", 1)));
                c.expect();
            }
            w.ping();
            for (String line : w.stdoutLines()) {
                String method = RawWorker.parse(line).path("method").asText();
                assertTrue(method.equals("$init") || method.equals("$pong"), "unexpected stdout line " + line);
            }
        }
    }
}
