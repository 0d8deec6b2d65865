package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.procwire.api.ProcwireService;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build that puts the processor on the processor path without procwire-api is told so, not asked for a bug report. */
class ProcessorPathTest {

    @Test
    void aProcessorPathWithoutTheApiNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Calc.java");
        Files.writeString(source, "import dev.procwire.api.*;\n"
                + "@ProcwireService public class Calc { @ProcwireMethod public long add(long a, long b) { return a + b; } }\n");
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        String processorPath = TestPaths.classPathOf(ProcwireProcessor.class) + File.pathSeparator
                + TestPaths.classPathOf(JavaFile.class);
        Process p = new ProcessBuilder(javac, "-d", dir.resolve("out").toString(),
                "-processorpath", processorPath,
                "-cp", TestPaths.classPathOf(ProcwireService.class).toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("procwire-processor cannot load dev.procwire.api."), out);
        assertTrue(out.contains("put procwire-api on the annotation processor path"), out);
        assertTrue(!out.contains("please report it"), out);
    }
}
