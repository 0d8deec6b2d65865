package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README followed as a new user would. Before this test, in pre-integration-test, maven-invoker-plugin
 * builds src/it/readme-consumer, a project made of the README's own blocks (its pom from "Using it in your
 * project" and "Build a runnable jar", its worker from "A worker in 25 lines"), once with the Maven running
 * the build and once with a current Maven. Here the README's Node parent, with the real
 * {@code @procwire/core}, drives each runnable jar with {@code java -jar}, as its text says.
 *
 * <p>Runs only through {@code mvn verify} (surefire execution {@code readme-consumer} in procwire-sample's
 * pom), which passes the folder of the builds in {@code readmeConsumers}.
 */
@RequiresNode
class ReadmeConsumerIT {
    /** What the README's parent prints, as the comments next to its console.log calls say. */
    private static final String EXPECTED_OUTPUT = """
            a.png: 100%
            64 64 4096
            16
            ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            size must be positive BAD_SIZE
            AbortError
            """;

    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private record Run(int exitCode, String stdout, String stderr) {}

    /** One consumer build per Maven: {@code target/readme-consumer/<maven>/readme-consumer}. */
    static Stream<String> builds() throws IOException {
        String dir = System.getProperty("readmeConsumers");
        if (dir == null) {
            throw new IllegalStateException("no readmeConsumers property: run ReadmeConsumerIT through `mvn verify`, "
                    + "after maven-invoker-plugin has built src/it/readme-consumer");
        }
        try (Stream<Path> builds = Files.list(Path.of(dir))) {
            List<String> names = builds.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no README consumer build in " + dir);
            }
            return names.stream();
        }
    }

    @ParameterizedTest(name = "built by {0}")
    @MethodSource("builds")
    void readmeParentGetsWhatItsCommentsSay(String maven) {
        Run run = run(maven);
        assertEquals(0, run.exitCode(), "the README's parent failed\nstdout:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
        assertEquals(EXPECTED_OUTPUT, run.stdout(), "stderr:\n" + run.stderr());
    }

    @ParameterizedTest(name = "built by {0}")
    @MethodSource("builds")
    void readmeExampleRunsWithoutWorkerWarnings(String maven) {
        Run run = run(maven);
        // The example aborts a stream and shuts down with tiles unread: the parent's reset of the socket
        // is how it leaves, not something for the user to worry about.
        assertFalse(run.stderr().contains("[procwire warn]") || run.stderr().contains("[procwire error]"),
                "worker warnings:\n" + run.stderr());
    }

    @ParameterizedTest(name = "built by {0}")
    @MethodSource("builds")
    void runnableJarLoadsTheNativeLibraryWithoutAWarning(String maven) {
        Run run = run(maven);
        // JDK 24+ warns on stderr when junixsocket loads its library, unless the manifest allows native access.
        assertFalse(run.stderr().contains("enable-native-access"), "a native-access warning:\n" + run.stderr());
    }

    /** Runs the README's parent once per build, in a folder holding the jar as image-worker.jar. */
    private static Run run(String maven) {
        return RUNS.computeIfAbsent(maven, m -> {
            Path project = Path.of(System.getProperty("readmeConsumers"), m, "readme-consumer");
            try {
                Path target = project.resolve("target");
                Files.copy(target.resolve("image-worker-1.0.jar"), target.resolve("image-worker.jar"),
                        StandardCopyOption.REPLACE_EXISTING);
                extractTypeScript(target.resolve("image-worker.jar"), project.resolve("procwire"));
                return node(project.resolve("parent.mjs"), target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * What the README's {@code unzip -o -j image-worker.jar 'META-INF/procwire/typescript/*' -d procwire}
     * does: the generated parent modules of the jar, without their folders, into {@code dir}.
     */
    private static void extractTypeScript(Path jar, Path dir) throws IOException {
        String prefix = "META-INF/procwire/typescript/";
        Files.createDirectories(dir);
        int found = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (e.getName().startsWith(prefix) && !e.isDirectory()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, dir.resolve(e.getName().substring(prefix.length())),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                    found++;
                }
            }
        }
        if (found == 0) {
            throw new AssertionError(jar + " has no " + prefix + " files: the processor did not write the parent's module");
        }
    }

    private static Run node(Path script, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        // The parent runs `java -jar`: the JDK under test must be the `java` it finds.
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        pb.environment().merge("PATH", javaBin.toString(), (path, bin) -> bin + File.pathSeparator + path);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = NodeScenario.readAsync(p.getInputStream());
        CompletableFuture<String> err = NodeScenario.readAsync(p.getErrorStream());
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("the README's parent did not finish within 90 s\nstdout:\n" + out.join()
                        + "\nstderr:\n" + err.join());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }
}
