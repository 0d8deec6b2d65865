package dev.procwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.internal.control.Schema;
import dev.procwire.runtime.binding.ServiceBinding;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated sources of representative services, compared byte for byte with golden files under
 * {@code src/test/resources/golden/<case>/expected}. After an intended change to the generated code,
 * regenerate them with {@code -Dprocwire.golden.update=true} and review the diff.
 */
class GoldenSourcesTest {
    private static final Path GOLDEN = TestPaths.repoRoot().resolve("procwire-processor/src/test/resources/golden");
    private static final List<File> CLASS_PATH = Stream.concat(Stream.of(TestPaths.classPathOf(ProcwireService.class),
            TestPaths.classPathOf(Procwire.class)), TestPaths.arrowClassPath().stream()).toList();

    private static final Map<String, Compilation> COMPILED = new HashMap<>();

    /** The compilation of a golden case, compiled once per test run. */
    private static synchronized Compilation compiled(String name) {
        return COMPILED.computeIfAbsent(name, GoldenSourcesTest::compile);
    }

    private static Compilation compile(String name) {
        try (Stream<Path> files = Files.list(GOLDEN.resolve(name))) {
            List<JavaFileObject> sources = files.filter(p -> p.toString().endsWith(".java")).sorted().map(p -> {
                try {
                    return JavaFileObjects.forSourceString("golden." + name + "." + p.getFileName().toString()
                            .replace(".java", ""), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
            return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(CLASS_PATH)
                    // doclint checks that each handler's {@link} to the service method resolves.
                    .withOptions("-Xlint:all,-processing", "-Xdoclint:reference/private").compile(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generated source files by simple file name, in name order. */
    private static Map<String, String> generatedSources(Compilation c) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            String name = f.getName().substring(f.getName().lastIndexOf('/') + 1);
            out.put(name, read(f));
        }
        return out;
    }

    private static String read(JavaFileObject f) {
        try (InputStream in = f.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void generatedSourcesMatchTheGoldenFiles(String name) throws IOException {
        Compilation c = compiled(name);
        assertThat(c).succeededWithoutWarnings();
        matchGolden(generatedSources(c), GOLDEN.resolve(name).resolve("expected"));
    }

    /**
     * Asserts that {@code generated} (file name → text) is exactly the files of {@code expectedDir};
     * with {@code -Dprocwire.golden.update=true}, first rewrites the directory from it.
     */
    private static void matchGolden(Map<String, String> generated, Path expectedDir) throws IOException {
        if (Boolean.getBoolean("procwire.golden.update")) {
            Files.createDirectories(expectedDir);
            try (Stream<Path> old = Files.list(expectedDir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : generated.entrySet()) {
                Files.writeString(expectedDir.resolve(e.getKey()), e.getValue());
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(expectedDir)) {
            for (Path p : files.toList()) {
                expected.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertFalse(expected.isEmpty(), "no golden files in " + expectedDir);
        assertEquals(expected.keySet(), generated.keySet(), "generated files");
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), generated.get(file), file);
        }
    }

    /** The generated TypeScript files ({@code META-INF/procwire/typescript/…}) by file name, in name order. */
    private static Map<String, String> generatedTypeScript(Compilation c) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            String path = f.toUri().getPath();
            int at = path.indexOf("/" + TypeScriptOutput.RESOURCE_DIR);
            if (at >= 0) {
                out.put(path.substring(at + TypeScriptOutput.RESOURCE_DIR.length() + 1), read(f));
            }
        }
        return out;
    }

    /**
     * The parent's TypeScript module and declarations of each golden service, byte for byte, under
     * {@code golden/<case>/expected-typescript} (regenerated by the same flag).
     */
    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void generatedTypeScriptMatchesTheGoldenFiles(String name) throws IOException {
        matchGolden(generatedTypeScript(compiled(name)), GOLDEN.resolve(name).resolve("expected-typescript"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void everyCompilationGeneratesTheSameBytes(String name) {
        Compilation first = compiled(name);
        Compilation second = compile(name);
        assertEquals(generatedSources(first), generatedSources(second));
        assertEquals(generatedTypeScript(first), generatedTypeScript(second));
        assertEquals(read(providers(first)), read(providers(second)));
    }

    private static JavaFileObject providers(Compilation c) {
        return c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/"
                + BindingProvider.class.getName()).orElseThrow(() -> new AssertionError("no provider file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void theSchemaIsRenderedByTheRuntimeFromTheDescriptors(String name) throws Exception {
        Compilation c = compiled(name);
        ClassLoader loader = new CompiledClassLoader(c);
        String providerName = read(providers(c)).trim();
        BindingProvider provider = (BindingProvider) loader.loadClass(providerName).getDeclaredConstructor().newInstance();
        ServiceBinding binding = provider.create();
        assertEquals(ServiceBinding.class, binding.getClass().getMethod("schemaJson").getDeclaringClass(),
                "the binding leaves the schema to the runtime");
        assertEquals(Schema.toJson(binding.methods(), binding.events()), binding.schemaJson());
        for (int i = 0; i < binding.methods().size(); i++) {
            assertEquals(i + 1, binding.methods().get(i).id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void noGeneratedLineIsLongerThan120Characters(String name) {
        for (Map.Entry<String, String> e : generatedSources(compiled(name)).entrySet()) {
            String[] lines = e.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                assertTrue(lines[i].length() <= 120, e.getKey() + ":" + (i + 1) + " has " + lines[i].length()
                        + " characters: " + lines[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"calculator", "media", "catalog", "drawing", "arrow"})
    void generatedCodeUsesNoReflection(String name) {
        for (Map.Entry<String, String> e : generatedSources(compiled(name)).entrySet()) {
            for (String banned : List.of("java.lang.reflect", "getDeclared", "getMethod(", "getField(", "forName(",
                    "setAccessible", "MethodHandle", "Enum.valueOf", "getClass()")) {
                assertFalse(e.getValue().contains(banned), e.getKey() + " contains " + banned);
            }
            assertTrue(e.getValue().contains("@Generated(\"dev.procwire.processor.ProcwireProcessor\")"), e.getKey());
        }
    }

    /** Loads the classes a compile-testing compilation produced, in memory. */
    private static final class CompiledClassLoader extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        CompiledClassLoader(Compilation c) {
            super(GoldenSourcesTest.class.getClassLoader());
            for (JavaFileObject f : c.generatedFiles()) {
                if (f.getKind() == JavaFileObject.Kind.CLASS) {
                    String path = f.toUri().getPath();
                    String binary = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                            path.length() - ".class".length()).replace('/', '.');
                    classes.put(binary, f);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject f = classes.get(name);
            if (f == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = f.openInputStream()) {
                byte[] b = in.readAllBytes();
                return defineClass(name, b, 0, b.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
