package dev.procwire.sample.interop;

import dev.procwire.sample.booking.BookingDesk;
import dev.procwire.sample.vectors.VectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands that start the workers under test. */
public final class Workers {
    private Workers() {}

    static final String BENCH = "dev.procwire.sample.BenchWorker";
    static final String PROBE = ProbeWorker.class.getName();
    static final String TYPED = TypedWorker.class.getName();
    static final String STARTUP = StartupWorker.class.getName();
    static final String INHERITED = InheritedWorker.class.getName();
    static final String BOOKING = BookingDesk.class.getName();
    static final String VECTORS = VectorIndex.class.getName();

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
     * workers), target/test-classes (the probe worker) and the runtime. It runs with the pooled-payload
     * checks on ({@link #CHECK_PAYLOADS}), as every worker the suites start.
     */
    static List<String> java(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, CHECK_PAYLOADS));
        if (mainClass.equals(BENCH) || mainClass.equals(VECTORS)) {
            command.add(ARROW_OPENS);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Turns on the runtime's pooled-payload checks in a worker: a payload buffer released twice fails
     * loudly, and one released is poisoned, so a buffer handed on too early shows as wrong bytes.
     */
    public static final String CHECK_PAYLOADS = "-Dprocwire.checkPayloads=true";

    /**
     * What Apache Arrow Java needs from the JVM (README, "Arrow"), given to the workers with Arrow methods
     * only: every other worker proves that a worker without Arrow needs no flag for it.
     */
    static final String ARROW_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    /** The reference worker built on @procwire/client. */
    static List<String> referenceNode() {
        return List.of("node", sampleDir().resolve("node/reference-bench-worker.mjs").toString());
    }
}
