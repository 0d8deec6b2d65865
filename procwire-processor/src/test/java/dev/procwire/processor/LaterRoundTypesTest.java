package dev.procwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Types another annotation processor generates in a later round may appear anywhere a service
 * reaches: the service waits for them (by name, from round to round) instead of reporting them as
 * unresolved. The other processor here supports {@code "*"} and runs after this one, so these tests
 * also show that this processor leaves it its turn (it claims no annotation).
 */
class LaterRoundTypesTest {

    /** Writes {@code test.Gen}, a record, in the first round: like any processor that generates value types. */
    static final class GeneratesGen extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("test.Gen").openWriter()) {
                    w.write("package test; public record Gen(int x, String label) {}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ProcwireProcessor(), new GeneratesGen())
                .withClasspath(List.of(TestPaths.classPathOf(ProcwireService.class), TestPaths.classPathOf(Procwire.class)))
                .compile(sources);
    }

    private static JavaFileObject shop(String... lines) {
        String[] all = new String[lines.length + 3];
        all[0] = "package test;";
        all[1] = "import dev.procwire.api.*;";
        all[2] = "import java.util.*;";
        System.arraycopy(lines, 0, all, 3, lines.length);
        return JavaFileObjects.forSourceLines("test.Shop", all);
    }

    @Test
    void aGeneratedTypeInTheServicesSignatureIsWaitedFor() {
        Compilation c = compile(shop(
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public Gen pick(Gen g) { return g; }",
                "}"));
        assertThat(c).succeeded();
        assertThat(c).generatedSourceFile("test.Gen_ProcwireCodec");
    }

    @Test
    void aGeneratedTypeAsARecordComponentIsWaitedFor() {
        Compilation c = compile(shop(
                "@ProcwireService public class Shop {",
                "  public record Item(String sku, Gen gen) {}",
                "  @ProcwireMethod public Item pick(Item item) { return item; }",
                "}"));
        assertThat(c).succeeded();
        assertThat(c).generatedSourceFile("test.Gen_ProcwireCodec");
    }

    @Test
    void aGeneratedTypeDeepInsideNestedValuesIsWaitedFor() {
        Compilation c = compile(shop(
                "@ProcwireService public class Shop {",
                "  public static class Holder { public List<Map<String, Gen[]>> gens; }",
                "  public record Outer(Optional<Holder> holder) {}",
                "  @ProcwireMethod public void put(Outer outer) {}",
                "}"));
        assertThat(c).succeeded();
    }
}
