package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps the processor's methods short enough to read in one screen: each method, from its modifiers
 * to its closing brace (Javadoc not counted), spans at most {@value #MAX_LINES} lines. The sources are
 * parsed with javac's own tree API, so a method is what the compiler says it is; a method of a nested
 * or anonymous class counts on its own, and its lines count for the method around it too.
 */
class MethodLengthTest {
    static final int MAX_LINES = 60;
    private static final Path SOURCES = TestPaths.repoRoot().resolve("procwire-processor/src/main/java");

    @Test
    void noProcessorMethodIsLongerThanTheLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Method m : methods()) {
            if (m.lines() > MAX_LINES) {
                tooLong.add(m.where() + ": " + m.lines() + " lines");
            }
        }
        assertEquals(List.of(), tooLong, "methods over " + MAX_LINES + " lines: split them by what each part does");
    }

    @Test
    void theCheckSeesTheProcessorsMethods() throws IOException {
        assertTrue(methods().stream().anyMatch(m -> m.where().equals("ProcwireProcessor.process")),
                "ProcwireProcessor.process is among the methods measured");
    }

    record Method(String where, long lines) {}

    /** Every method with a body in the processor's main sources, by {@code Class.method}. */
    static List<Method> methods() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            List<Method> out = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                unit.accept(new TreeScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree c, String owner) {
                        return super.visitClass(c, c.getSimpleName().toString());
                    }

                    @Override
                    public Void visitMethod(MethodTree m, String owner) {
                        if (m.getBody() != null) {
                            long first = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, m));
                            long last = unit.getLineMap().getLineNumber(positions.getEndPosition(unit, m));
                            out.add(new Method(owner + "." + m.getName(), last - first + 1));
                        }
                        return super.visitMethod(m, owner);
                    }
                }, "");
            }
            return out;
        }
    }
}
