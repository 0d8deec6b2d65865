package dev.procwire.sample.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node scenario script (src/test/node) in which the real {@code @procwire/core} parent drives a
 * worker. The worker's command goes in {@code PROCWIRE_TEST_WORKER} (a JSON array); the script prints
 * one JSON line with what it observed and exits non-zero if the scenario itself broke.
 */
final class NodeScenario {
    private NodeScenario() {}

    /** What a scenario printed. */
    record Result(JsonNode json, String stderr, Duration elapsed) {
        JsonNode get(String path) {
            JsonNode n = json.at(path.startsWith("/") ? path : "/" + path.replace('.', '/'));
            if (n.isMissingNode()) {
                throw new AssertionError("scenario output has no " + path + ": " + json + "\nstderr:\n" + stderr);
            }
            return n;
        }
    }

    static Result run(String script, List<String> worker) {
        return run(script, worker, Map.of(), Duration.ofSeconds(60));
    }

    static Result run(String script, List<String> worker, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder("node", Workers.sampleDir().resolve("src/test/node").resolve(script).toString());
        pb.directory(Workers.sampleDir().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        Map<String, String> all = new LinkedHashMap<>(env);
        try {
            all.put("PROCWIRE_TEST_WORKER", RawWorker.JSON.writeValueAsString(worker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pb.environment().putAll(all);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node", e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // node does not read stdin
        }
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        boolean exited;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String stdout = out.join();
        String stderr = err.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            throw new AssertionError(script + " did not finish within " + timeout.toSeconds() + " s\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(script + " failed with exit code " + p.exitValue() + "\nstdout:\n" + stdout
                    + "\nstderr:\n" + stderr);
        }
        String last = null;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                last = line;
            }
        }
        if (last == null) {
            throw new AssertionError(script + " printed no JSON result\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return new Result(RawWorker.parse(last), stderr, elapsed);
    }

    static CompletableFuture<String> readAsync(InputStream in) {
        // A thread of its own per stream: a pool with one worker (2 cores) would read one pipe while the
        // other fills up and blocks the child.
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("(unreadable: " + e + ")");
            }
        }, "node-scenario-reader");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
