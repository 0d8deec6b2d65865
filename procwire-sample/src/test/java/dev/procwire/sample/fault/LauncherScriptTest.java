package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real parent starts the worker through a shell that stays between them: with the default peer
 * check ({@code ancestor}) the parent, now the worker's grandparent, is accepted.
 */
class LauncherScriptTest {
    @TempDir
    Path tmp;

    @Test
    void theRealParentBehindALauncherScriptIsAcceptedByTheDefaultPeerCheck() throws Exception {
        NodeParent.assumeAvailable();
        try (NodeParent parent = NodeParent.start("launcher.mjs", NodeParent.workerCommand(), Map.of(), tmp.resolve("node.err"))) {
            JsonNode r = parent.await("echo", 60);
            assertEquals("a launcher", r.path("echoed").path("through").asText());
            parent.process.waitFor();
            assertFalse(parent.stderr().contains("connection refused"), parent.stderr());
        }
    }
}
