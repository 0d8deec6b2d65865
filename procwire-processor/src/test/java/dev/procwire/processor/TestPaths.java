package dev.procwire.processor;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Where things are on this machine: class path entries and the repository root. */
final class TestPaths {
    private TestPaths() {}

    /** The class path entry (directory or jar) that holds {@code type}. */
    static File classPathOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Apache Arrow Java as a user's build has it on the compile class path: {@code arrow-vector} with the
     * dependencies whose classes and annotations javac reads through its API.
     */
    static List<File> arrowClassPath() {
        return List.of(classPathOf(org.apache.arrow.vector.VectorSchemaRoot.class),
                classPathOf(org.apache.arrow.memory.BufferAllocator.class),
                classPathOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                classPathOf(org.checkerframework.checker.nullness.qual.Nullable.class));
    }

    /** The repository root: {@code PROCWIRE_REPO_ROOT} (set by the build), else the parent of the module. */
    static Path repoRoot() {
        String env = System.getenv("PROCWIRE_REPO_ROOT");
        Path root = env != null ? Path.of(env) : Path.of(System.getProperty("user.dir")).getParent();
        return root.toAbsolutePath().normalize();
    }
}
