package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.style.MethodLengths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the runtime's methods short enough to read in one screen: each method, from its modifiers to
 * its closing brace (Javadoc not counted, a lambda's lines counted for the method it is written in),
 * spans at most {@value #MAX_LINES} lines. Measured as {@link MethodLengths} says.
 */
class MethodLengthTest {
    static final int MAX_LINES = 40;
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void noRuntimeMethodIsLongerThanTheLimit() throws IOException {
        assertEquals(List.of(), MethodLengths.longerThan(MAX_LINES, SOURCES),
                "methods over " + MAX_LINES + " lines: split them by what each part does");
    }

    @Test
    void theCheckSeesTheRuntimesMethods() throws IOException {
        assertTrue(MethodLengths.in(SOURCES).stream().anyMatch(m -> m.where().equals("FrameDecoder.next")),
                "FrameDecoder.next is among the methods measured");
    }
}
