package dev.procwire.sample.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker process driven directly, without a Node parent: the test plays the parent on stdin/stdout
 * and on the data plane, so it can send what the real parent never would.
 */
final class RawWorker implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdoutQueue = new LinkedBlockingQueue<>();
    private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private JsonNode init;

    private RawWorker(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), line -> {
            stdoutLines.add(line);
            stdoutQueue.add(line);
        }, "stdout");
        pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), "stderr");
    }

    /** Starts the Java worker {@code mainClass} from the test class path. */
    static RawWorker start(String mainClass) {
        return start(Workers.java(mainClass), Map.of());
    }

    static RawWorker start(String mainClass, Map<String, String> env) {
        return start(Workers.java(mainClass), env);
    }

    /**
     * Starts {@code command}; {@code env} overrides the inherited environment (a null value removes the
     * variable). Inherited {@code PROCWIRE_*} variables are removed first so tests are deterministic.
     */
    static RawWorker start(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            return new RawWorker(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "raw-worker-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** The next stdout line, or {@code null} after {@code timeout}. */
    String nextStdoutLine(Duration timeout) {
        try {
            return stdoutQueue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first control message (waiting for it once); fails unless it is {@code $init}. */
    JsonNode init() {
        if (init == null) {
            String line = nextStdoutLine(Duration.ofSeconds(15));
            if (line == null) {
                throw new AssertionError("no $init within 15 s; alive=" + process.isAlive() + ", stderr:\n" + stderr);
            }
            JsonNode msg = parse(line);
            if (!"$init".equals(msg.path("method").asText())) {
                throw new AssertionError("first control message is not $init: " + line + "\nstderr:\n" + stderr);
            }
            init = msg;
        }
        return init;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    Path pipe() {
        return Path.of(init().path("params").path("pipe").asText());
    }

    /** The id the schema gives method {@code name}. */
    int methodId(String name) {
        JsonNode m = init().path("params").path("schema").path("methods").path(name);
        if (!m.has("id")) {
            throw new AssertionError("no method " + name + " in the schema: " + init());
        }
        return m.path("id").asInt();
    }

    /** The id the schema gives event {@code name}. */
    int eventId(String name) {
        JsonNode e = init().path("params").path("schema").path("events").path(name);
        if (!e.has("id")) {
            throw new AssertionError("no event " + name + " in the schema: " + init());
        }
        return e.path("id").asInt();
    }

    /** Connects to the announced socket. */
    RawConnection connect() {
        return RawConnection.open(pipe());
    }

    /** Writes one control line. */
    void control(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the worker's stdin", e);
        }
    }

    void writeStdin(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code $ping} and returns how long the {@code $pong} took; fails after {@code timeout}. */
    Duration ping(Duration timeout) {
        init();
        long start = System.nanoTime();
        control("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
        long deadline = start + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? nextStdoutLine(Duration.ofNanos(left)) : null;
            if (line == null) {
                throw new AssertionError("no $pong within " + timeout.toMillis() + " ms; alive=" + process.isAlive()
                        + ", stderr:\n" + stderr);
            }
            if (line.startsWith("{") && "$pong".equals(parse(line).path("method").asText())) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
        }
    }

    Duration ping() {
        return ping(Duration.ofSeconds(5));
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits for the process to exit; returns whether it did. */
    boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory of the worker process, from /proc. */
    long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no VmRSS for " + process.pid());
    }

    String stderr() {
        return stderr.toString();
    }

    List<String> stdoutLines() {
        synchronized (stdoutLines) {
            return List.copyOf(stdoutLines);
        }
    }

    /** Waits until stderr contains {@code text}; returns whether it did within {@code timeout}. */
    boolean awaitStderr(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr.indexOf(text) >= 0) {
                return true;
            }
            sleep(10);
        }
        return stderr.indexOf(text) >= 0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (init != null) {
            try {
                Files.deleteIfExists(pipe()); // a killed worker leaves its socket file behind
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
