package dev.procwire.sample.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Node script that drives the seed worker through the real {@code @procwire/*} packages
 * (pinned in procwire-sample/package-lock.json, installed with {@code npm ci}).
 *
 * <p>Without {@code node} or the installed packages the tests are skipped with a message saying
 * so, except when {@code CI=true}: there they fail, so a CI run can never pass without them.
 */
final class NodeParent {
    private NodeParent() {}

    /** procwire-sample, where surefire runs and where node_modules is installed. */
    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    /** Skips (or, on CI, fails) unless node and the pinned packages are available. */
    static void require() {
        String missing = null;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "`node --version` failed";
            }
        } catch (IOException e) {
            missing = "node is not on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            missing = "interrupted";
        }
        if (missing == null && !Files.isDirectory(MODULE_DIR.resolve("node_modules/@procwire/core"))
                || missing == null && !Files.isDirectory(MODULE_DIR.resolve("node_modules/@procwire/transport"))) {
            missing = "the @procwire packages are not installed: run `npm ci` in procwire-sample";
        }
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and " + missing + ": the Node parent tests must run on CI");
            }
            Assumptions.abort("skipped: " + missing + " (set CI=true to make this a failure)");
        }
    }

    /** What a script printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
        /** The last stdout line, parsed as JSON, after checking the script succeeded. */
        JsonNode json() throws IOException {
            assertEquals(0, exitCode, "the node script failed:\n" + stderr + "\nstdout:\n" + stdout);
            String[] lines = stdout.strip().split("\n");
            return SeedProcess.JSON.readTree(lines[lines.length - 1]);
        }
    }

    /**
     * Runs {@code node <script> args…} in procwire-sample, with {@code PROCWIRE_SEED_WORKER} (the worker
     * command as a JSON array) and {@code env} in its environment.
     */
    static Result run(Path script, Map<String, String> env, String... args) throws Exception {
        require();
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(MODULE_DIR.toFile());
        pb.environment().put("PROCWIRE_SEED_WORKER", SeedProcess.JSON.writeValueAsString(SeedProcess.command(List.of())));
        pb.environment().putAll(env);
        Process p = pb.start();
        java.util.concurrent.Executor ownThread = r -> {
            Thread t = new Thread(r, "node-output");
            t.setDaemon(true);
            t.start();
        };
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()), ownThread);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()), ownThread);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("node " + script + " did not finish within 90 s; stderr:\n" + err.getNow(""));
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
