package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow stays off the start-up path of a worker whose service has an Arrow event: attaching the event's
 * emitter loads no Arrow class (its encoder links to the generated mapping, and so to Arrow, on the
 * first emit), so the worker starts as fast as one without Arrow, and starts even where Arrow is
 * missing (its Arrow calls then fail, naming the fix). Each case runs {@link ArrowEventChild} in a JVM
 * of its own.
 */
class ArrowEventStartTest {
    @TempDir
    Path dir;

    /** Runs the child with {@code jvmOptions} on {@code classPath}; returns its stdout lines. */
    private List<String> run(List<String> jvmOptions, String classPath) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, ArrowEventChild.class.getName(), dir.toString()));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child did not finish; stdout: " + out);
        }
        assertEquals(0, p.exitValue(), "stdout: " + out + "\nstderr: " + Files.readString(err));
        return out.lines().toList();
    }

    @Test
    void attachingAnArrowEventLoadsNoArrowClass() throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> out = run(List.of("-Xlog:class+load=info:file=" + log), System.getProperty("java.class.path"));
        assertEquals(List.of("started", "stopped true"), out);
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.procwire.processor.fixtures.ArrowService_Procwire ")),
                "the log covers the binding");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("org.apache.arrow.")).toList());
    }

    @Test
    void aWorkerWithAnArrowEventStartsWithoutArrowOnTheClassPath() throws Exception {
        String withoutArrow = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').contains("/org/apache/arrow/"))
                .collect(Collectors.joining(File.pathSeparator));
        assertEquals(List.of("started", "stopped true"), run(List.of(), withoutArrow));
    }
}
