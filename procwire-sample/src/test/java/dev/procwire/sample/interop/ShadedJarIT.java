package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar (target/procwire-sample.jar, shaded as the README's recipe shades a user's) under the
 * real parent, through garbage collections (scenario src/test/node/gc.mjs): a library class loaded from
 * a shaded jar may behave otherwise than from its own jar, and the data connection must outlive every
 * collection. Runs after {@code package}, beside {@link ReadmeConsumerIT}.
 */
@RequiresNode
class ShadedJarIT {

    @Test
    void theDataConnectionSurvivesGarbageCollections() {
        Path jar = Workers.sampleDir().resolve("target/procwire-sample.jar");
        assertEquals(true, Files.isRegularFile(jar), jar + " is built by package, before this test");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NodeScenario.Result run = NodeScenario.run("gc.mjs", List.of(java, "-jar", jar.toString()), Map.of(),
                Duration.ofSeconds(90));
        assertEquals(3, run.get("before.value").asInt(), run.json().toString());
        List<Object> expected = new ArrayList<>();
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i + 1);
            got.add(run.get("after").get(i).isInt() ? run.get("after").get(i).asInt() : run.get("after").get(i).asText());
        }
        assertEquals(expected, got, "every call after the collections is answered");
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
    }
}
