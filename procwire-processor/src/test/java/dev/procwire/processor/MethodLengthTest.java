package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.style.MethodLengths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the processor's methods short enough to read in one screen: each method, from its modifiers
 * to its closing brace (Javadoc not counted), spans at most {@value #MAX_LINES} lines. Measured as
 * {@link MethodLengths} says: a method is what javac's parser says it is; a method of a nested or
 * anonymous class counts on its own, and its lines count for the method around it too.
 */
class MethodLengthTest {
    static final int MAX_LINES = 60;
    private static final Path SOURCES = TestPaths.repoRoot().resolve("procwire-processor/src/main/java");

    @Test
    void noProcessorMethodIsLongerThanTheLimit() throws IOException {
        assertEquals(List.of(), MethodLengths.longerThan(MAX_LINES, SOURCES),
                "methods over " + MAX_LINES + " lines: split them by what each part does");
    }

    @Test
    void theCheckSeesTheProcessorsMethods() throws IOException {
        assertTrue(MethodLengths.in(SOURCES).stream().anyMatch(m -> m.where().equals("ProcwireProcessor.process")),
                "ProcwireProcessor.process is among the methods measured");
    }
}
