package dev.procwire.runtime.style;

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

/**
 * How long the methods of a source tree are, for the tests that keep them short (the runtime's and the
 * processor's; this class is in the runtime's test jar so that both measure the same way). Each method
 * with a body spans the lines from its modifiers to its closing brace, Javadoc not counted. The sources
 * are parsed with javac's own tree API, so a method is what the compiler says it is; a lambda's lines
 * belong to the method it is written in, and a method of a nested or anonymous class counts on its
 * own while its lines count for the method around it too.
 */
public final class MethodLengths {
    private MethodLengths() {}

    /** One method: where it is, as {@code Class.method} (a constructor is {@code Class.<init>}), and its lines. */
    public record Method(String where, long lines) {}

    /** The methods longer than {@code maxLines} under {@code sourceRoot}, each as "Class.method: N lines". */
    public static List<String> longerThan(int maxLines, Path sourceRoot) throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Method m : in(sourceRoot)) {
            if (m.lines() > maxLines) {
                tooLong.add(m.where() + ": " + m.lines() + " lines");
            }
        }
        return tooLong;
    }

    /** Every method with a body in the {@code .java} files under {@code sourceRoot}, in file order. */
    public static List<Method> in(Path sourceRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
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
