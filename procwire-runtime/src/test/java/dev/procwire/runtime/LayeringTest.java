package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The internal layers depend downwards only: the wire format on nothing above it, the transport on the
 * wire format, never on the dispatcher that consumes its frames.
 */
class LayeringTest {
    private static final Path INTERNAL = Path.of("src/main/java/dev/procwire/runtime/internal");

    /** Package → the internal packages it must not import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "frame", List.of("transport", "dispatch", "control", "jsonrpc"),
            "transport", List.of("dispatch", "control", "jsonrpc"));

    @Test
    void lowerLayersImportNothingFromTheLayersAboveThem() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(INTERNAL.resolve(e.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        for (String above : e.getValue()) {
                            // imports, static imports and qualified names alike
                            if (line.contains("dev.procwire.runtime.internal." + above + ".")) {
                                violations.add(f.getFileName() + ": " + line.strip());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
