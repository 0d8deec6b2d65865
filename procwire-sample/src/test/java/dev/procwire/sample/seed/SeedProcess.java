package dev.procwire.sample.seed;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The seed worker as a child process, started the way a parent starts it (its own JVM, stdin and
 * stdout piped), from the test class path so that {@code mvn test} needs no packaged jar. The JVM is
 * the one running the tests, so the suite exercises whichever JDK it runs on.
 */
final class SeedProcess implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MAIN_CLASS = "dev.procwire.sample.SeedWorker";

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private SeedProcess(List<String> jvmArgs, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(jvmArgs));
        pb.environment().putAll(env);
        process = pb.start();
        stdin = process.getOutputStream();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout::add, "stdout");
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> stderr.append(line).append('\n'), "stderr");
    }

    static SeedProcess start(String... jvmArgs) throws IOException {
        return new SeedProcess(List.of(jvmArgs), Map.of());
    }

    /** Starts the worker with {@code env} added to this process's environment. */
    static SeedProcess start(Map<String, String> env, String... jvmArgs) throws IOException {
        return new SeedProcess(List.of(jvmArgs), env);
    }

    /** The command line that starts the seed worker: this JVM, the test class path, the main class. */
    static List<String> command(List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    private static void pump(BufferedReader reader, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "seed-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Writes one line to the worker's stdin. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes the worker's stdin (the parent went away). */
    void closeStdin() throws IOException {
        stdin.close();
    }

    /** The next stdout line, parsed; fails after 10 s. */
    JsonNode next() throws Exception {
        String line = stdout.poll(10, TimeUnit.SECONDS);
        assertNotNull(line, "no line from the worker within 10 s; stderr:\n" + stderr);
        return JSON.readTree(line);
    }

    /** The next stdout line that is a response (a batch, or an object with an id). */
    JsonNode nextResponse() throws Exception {
        while (true) {
            JsonNode n = next();
            if (n.isArray() || n.has("id")) {
                return n;
            }
        }
    }

    /** The next line within {@code ms}, or {@code null}. */
    String poll(long ms) throws InterruptedException {
        return stdout.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** Waits for the worker to exit and returns its exit code; fails after 10 s. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the worker did not exit within 10 s; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
