package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Gradle compiles incrementally only with processors that declare their kind in
 * {@code META-INF/gradle/incremental.annotation.processors}. This one is aggregating: the
 * {@code META-INF/services} file it writes lists the bindings of every service in the compilation.
 */
class GradleIncrementalTest {

    @Test
    void theProcessorIsDeclaredAggregatingForGradle() throws IOException {
        try (InputStream in = ProcwireProcessor.class.getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertNotNull(in, "META-INF/gradle/incremental.annotation.processors is missing");
            assertEquals(ProcwireProcessor.class.getName() + ",aggregating",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
