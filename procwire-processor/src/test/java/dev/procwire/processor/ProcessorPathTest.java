package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.procwire.api.ProcwireService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build that puts the processor on the processor path without procwire-api is told so, not asked for a bug report. */
class ProcessorPathTest {

    @Test
    void aProcessorPathWithoutTheApiNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Calc.java");
        Files.writeString(source, "import dev.procwire.api.*;\n"
                + "@ProcwireService public class Calc { @ProcwireMethod public long add(long a, long b) { return a + b; } }\n");
        String processorPath = TestPaths.classPathOf(ProcwireProcessor.class) + File.pathSeparator
                + TestPaths.classPathOf(JavaFile.class);
        JavacRun javac = JavacRun.of("-d", dir.resolve("out").toString(), "-processorpath", processorPath,
                "-cp", TestPaths.classPathOf(ProcwireService.class).toString(), source.toString());
        String out = javac.output();
        assertNotEquals(0, javac.exitCode(), out);
        assertTrue(out.contains("procwire-processor cannot load dev.procwire.api."), out);
        assertTrue(out.contains("put procwire-api on the annotation processor path"), out);
        assertTrue(!out.contains("please report it"), out);
    }
}
