package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service in a named module, compiled by javac on the module path as a modular build does: its
 * generated code compiles there, and a module that does not declare the binding as a provider is told
 * the line to add (the processor's {@code META-INF/services} file is read only on the class path).
 */
class NamedModuleTest {
    private static final String SERVICE = "package demo;\n"
            + "import dev.procwire.api.*;\n"
            + "@ProcwireService public class Calc { @ProcwireMethod public long add(long a, long b) { return a + b; } }\n";

    /** The API, the runtime and the libraries the runtime requires, where the tests load them. */
    private static String modulePath() {
        List<String> path = new ArrayList<>(List.of(TestPaths.classPathOf(ProcwireService.class).toString(),
                TestPaths.classPathOf(Procwire.class).toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jackson-") || name.startsWith("junixsocket-")) {
                path.add(entry);
            }
        }
        return String.join(File.pathSeparator, path);
    }

    private static JavacRun compile(Path dir, String moduleInfo) throws Exception {
        Path src = dir.resolve("src/demo");
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(src.resolve("demo/Calc.java"), SERVICE);
        String processorPath = String.join(File.pathSeparator, TestPaths.classPathOf(ProcwireProcessor.class).toString(),
                TestPaths.classPathOf(JavaFile.class).toString(), TestPaths.classPathOf(ProcwireService.class).toString());
        return JavacRun.of("-d", dir.resolve("out").toString(), "--module-path", modulePath(),
                "--processor-path", processorPath, "--module-source-path", dir.resolve("src").toString(), "-m", "demo");
    }

    @Test
    void aModuleThatProvidesTheBindingCompiles(@TempDir Path dir) throws Exception {
        JavacRun result = compile(dir, "module demo {\n  requires dev.procwire.runtime;\n"
                + "  provides dev.procwire.runtime.binding.BindingProvider with demo.Calc_Procwire.Provider;\n}\n");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void aModuleWithoutTheProvidesClauseIsToldTheLineToAdd(@TempDir Path dir) throws Exception {
        JavacRun result = compile(dir, "module demo {\n  requires dev.procwire.runtime;\n}\n");
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("Calc is in module demo, which does not declare its binding (the META-INF/services "
                + "file is read only on the class path): add \"provides dev.procwire.runtime.binding.BindingProvider with "
                + "demo.Calc_Procwire.Provider;\" to its module-info.java"), result.output());
    }
}
