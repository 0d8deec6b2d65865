package dev.procwire.runtime.arrow;

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
 * Arrow as a worker process meets it: loaded only by the first Arrow call, and, when it cannot run
 * (Arrow missing, or the JVM without the option Arrow needs), every Arrow call answered with an error
 * that names the fix and the problem logged once — not a bare initialisation error. Each case runs
 * {@link ArrowChild} in a JVM of its own, started without the tests' JVM options.
 */
class ArrowProcessTest {
    @TempDir
    Path dir;

    record Run(List<String> stdout, List<String> stderr) {}

    private Run run(List<String> jvmOptions, String classPath, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, ArrowChild.class.getName()));
        cmd.addAll(Arrays.asList(args));
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child did not finish; stdout: " + out);
        }
        List<String> stderr = Files.readAllLines(err);
        assertEquals(0, p.exitValue(), "stdout: " + out + "\nstderr: " + String.join("\n", stderr));
        return new Run(out.lines().toList(), stderr);
    }

    private static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** The tests' class path without Apache Arrow's jars. */
    private static String classPathWithoutArrow() {
        return Arrays.stream(classPath().split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').contains("/org/apache/arrow/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> procwireLines(Run run) {
        return run.stderr().stream().filter(l -> l.startsWith("[procwire")).toList();
    }

    @Test
    void withoutTheAddOpensOptionEveryArrowCallIsAnErrorNamingItAndItIsLoggedOnce() throws Exception {
        Run run = run(List.of(), classPath(), "echo", "2");
        String option = "--add-opens=java.base/java.nio=ALL-UNNAMED"; // on the class path: no module to name
        String expected = "answer 7 {message=Codec.ARROW needs the JVM option " + option + " ";
        assertEquals(2, run.stdout().size(), run.toString());
        for (String answer : run.stdout()) {
            assertTrue(answer.startsWith(expected), answer);
            assertTrue(answer.contains("code=INTERNAL"), answer);
        }
        List<String> logged = procwireLines(run);
        assertEquals(1, logged.size(), run.stderr().toString());
        assertTrue(logged.get(0).contains(option), logged.get(0));
    }

    @Test
    void withTheAddOpensOptionTheSameCallsAreAnswered() throws Exception {
        List<String> options = new ArrayList<>(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        Run run = run(options, classPath(), "echo", "2");
        assertEquals(2, run.stdout().size(), run.toString());
        for (String answer : run.stdout()) {
            assertTrue(answer.matches("answer 3 \\d+ bytes"), answer);
        }
        assertEquals(List.of(), procwireLines(run));
    }

    @Test
    void withoutArrowOnTheClassPathEveryArrowCallIsAnErrorNamingTheArtifactsAndItIsLoggedOnce() throws Exception {
        Run run = run(List.of(), classPathWithoutArrow(), "echo", "2");
        String expected = "answer 7 {message=Codec.ARROW needs Apache Arrow Java on the worker's class path "
                + "(org.apache.arrow.vector.VectorSchemaRoot is missing): add " + ArrowSupport.ARTIFACTS;
        assertEquals(2, run.stdout().size(), run.toString());
        for (String answer : run.stdout()) {
            assertTrue(answer.startsWith(expected), answer);
        }
        List<String> logged = procwireLines(run);
        assertEquals(1, logged.size(), run.stderr().toString());
        assertTrue(logged.get(0).contains(ArrowSupport.ARTIFACTS), logged.get(0));
    }

    @Test
    void aWorkerWithoutArrowMethodsLoadsNoArrowClass() throws Exception {
        Path log = dir.resolve("classes.log");
        Run run = run(List.of("-Xlog:class+load=info:file=" + log), classPath(), "worker", dir.toString());
        assertEquals(List.of("served ECHO", "stopped true"), run.stdout(), run.toString());
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.procwire.runtime.internal.dispatch.InFlightCall ")),
                "the log covers a served request");
        assertEquals(List.of(), loaded.stream()
                .filter(l -> l.contains("org.apache.arrow.") || l.contains("dev.procwire.runtime.arrow."))
                .filter(l -> !l.contains(ArrowChild.class.getName())) // the child's own main class
                .toList());
    }

    @Test
    void theTestsRunWithArrowsJvmOptions() {
        // The other Arrow tests rely on the build passing arrow.jvm.flags to this JVM, with what the JDK needs.
        List<String> options = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(options.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), options.toString());
        assertEquals(Runtime.version().feature() >= 24, options.contains("--sun-misc-unsafe-memory-access=allow"),
                options.toString());
    }
}
