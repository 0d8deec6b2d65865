package dev.procwire.sample.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands that start the workers under test. */
final class Workers {
    private Workers() {}

    static final String BENCH = "dev.procwire.sample.BenchWorker";
    static final String PROBE = ProbeWorker.class.getName();
    static final String TYPED = TypedWorker.class.getName();
    static final String STARTUP = StartupWorker.class.getName();

    /** The procwire-sample module directory (surefire runs tests there). */
    static Path sampleDir() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            throw new IllegalStateException("run the interop suite from procwire-sample (no package.json in " + dir + ")");
        }
        return dir;
    }

    /**
     * A Java worker started from this test JVM's class path, which holds target/classes (the sample
     * workers), target/test-classes (the probe worker) and the runtime.
     */
    static List<String> java(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The reference worker built on @procwire/client. */
    static List<String> referenceNode() {
        return List.of("node", sampleDir().resolve("node/reference-bench-worker.mjs").toString());
    }
}
