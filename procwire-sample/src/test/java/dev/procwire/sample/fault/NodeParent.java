package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Node parent process running one of the fault scenarios in {@code src/test/node/fault} with the
 * real {@code @procwire/core}. Its stdout is read as JSON lines; its stderr (and the worker's, which
 * it inherits) goes to a file the test can search.
 */
final class NodeParent implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCRIPTS = Path.of("src/test/node/fault");

    final Process process;
    final Path stderr;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

    private NodeParent(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException notJson) {
                        System.err.println("node: " + line);
                    }
                }
            } catch (IOException ignored) {
                // the parent is gone
            }
        }, "node-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** Skips the test when node or the pinned packages are missing, unless CI=true, where that fails it. */
    static void assumeAvailable() {
        String problem = null;
        if (findNode() == null) {
            problem = "node is not on the PATH";
        } else if (!Files.isDirectory(Path.of("node_modules/@procwire/core"))) {
            problem = "procwire-sample/node_modules is missing (run npm ci in procwire-sample)";
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("fault tests need the real Node parent, and CI=true: " + problem);
            }
            Assumptions.assumeTrue(false, "skipped, " + problem);
        }
    }

    static String findNode() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "node");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** {@code java [jvmArgs] -cp <test classpath> FaultWorker}. */
    static List<String> workerCommand(String... jvmArgs) {
        return workerCommand(FaultWorker.class, jvmArgs);
    }

    /** {@code java [jvmArgs] -cp <test classpath> <main>}: any worker of the module, main or test. */
    static List<String> workerCommand(Class<?> main, String... jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(dev.procwire.sample.interop.Workers.CHECK_PAYLOADS);
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return cmd;
    }

    static NodeParent start(String script, List<String> worker, Map<String, String> env, Path stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(findNode(), SCRIPTS.resolve(script).toString())
                .redirectError(stderr.toFile());
        pb.environment().putAll(env);
        pb.environment().put("FAULT_WORKER", JSON.writeValueAsString(worker));
        return new NodeParent(pb.start(), stderr);
    }

    /** The next JSON line whose {@code event} is {@code event}. */
    JsonNode await(String event, long seconds) throws Exception {
        return await(event, seconds, () -> null);
    }

    /**
     * The next JSON line whose {@code event} is {@code event}; fails as soon as {@code problem}, asked
     * whenever no line came for 200 ms, names one (a failure that would otherwise show only as the
     * timeout, e.g. a worker that stopped answering after an error on its stderr).
     */
    JsonNode await(String event, long seconds, Callable<String> problem) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n = left > 0 ? lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS) : null;
            if (n != null && event.equals(n.path("event").asText())) {
                return n;
            }
            String found = n == null ? problem.call() : null;
            if (found != null) {
                fail("while waiting for \"" + event + "\" from the Node parent: " + found);
            }
            if (n == null && (left <= 0 || (!process.isAlive() && lines.isEmpty()))) {
                fail("no \"" + event + "\" from the Node parent (" + (process.isAlive() ? "timed out" : "exit " + process.exitValue())
                        + "); its stderr:\n" + tail(stderr()));
            }
        }
    }

    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    static String tail(String s) {
        return s.length() > 4000 ? "…" + s.substring(s.length() - 4000) : s;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            List<ProcessHandle> kids = process.descendants().toList();
            process.destroyForcibly();
            kids.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
