package dev.procwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the TypeScript of a service goes: the class output (so it travels in the jar), the directory
 * of {@code -Aprocwire.typescript.dir}, and what two services of one simple name do.
 */
class TypeScriptOutputTest {
    private static final List<File> CLASS_PATH = List.of(TestPaths.classPathOf(ProcwireService.class),
            TestPaths.classPathOf(Procwire.class));

    private static final JavaFileObject ALPHA = JavaFileObjects.forSourceLines("a.Worker",
            "package a;",
            "import dev.procwire.api.*;",
            "@ProcwireService public class Worker {",                                        // 3
            "  @ProcwireMethod public int twice(int n) { return 2 * n; }",
            "}");
    private static final JavaFileObject BETA = JavaFileObjects.forSourceLines("b.Worker",
            "package b;",
            "import dev.procwire.api.*;",
            "@ProcwireService public class Worker {",                                        // 3
            "  @ProcwireMethod public String hello(String name) { return name; }",
            "}");

    private static Compilation compile(List<String> options, JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(CLASS_PATH)
                .withOptions(options).compile(sources);
    }

    private static String resource(Compilation c, String name) {
        JavaFileObject f = c.generatedFile(StandardLocation.CLASS_OUTPUT, TypeScriptOutput.RESOURCE_DIR + name)
                .orElseThrow(() -> new AssertionError("no " + name + " in the class output"));
        try (InputStream in = f.openInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theModuleAndItsDeclarationsGoToTheClassOutputUnderMetaInf() {
        Compilation c = compile(List.of(), ALPHA);
        assertThat(c).succeededWithoutWarnings();
        assertTrue(resource(c, "Worker.procwire.mjs").contains("export function defineWorker(module)"));
        assertTrue(resource(c, "Worker.procwire.d.mts").contains("export declare class WorkerClient"));
    }

    @Test
    void theDirectoryOptionGetsTheSameFilesToo(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("src/procwire");
        Compilation c = compile(List.of("-A" + TypeScriptOutput.DIR_OPTION + "=" + out), ALPHA);
        assertThat(c).succeededWithoutWarnings();
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("Worker.procwire.d.mts", "Worker.procwire.mjs"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(resource(c, "Worker.procwire.mjs"), Files.readString(out.resolve("Worker.procwire.mjs")));
        assertEquals(resource(c, "Worker.procwire.d.mts"), Files.readString(out.resolve("Worker.procwire.d.mts")));
    }

    @Test
    void twoServicesWithOneSimpleNameAreAnErrorNamingTheOption() {
        Compilation c = compile(List.of(), ALPHA, BETA);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("services a.Worker and b.Worker would both write the TypeScript module "
                + "Worker.procwire.mjs: rename one, or compile with -Aprocwire.typescript.qualifiedNames=true")
                .inFile(BETA).onLine(3);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void theQualifiedNamesOptionNamesEachModuleByItsService() {
        Compilation c = compile(List.of("-A" + TypeScriptOutput.QUALIFIED_OPTION + "=true"), ALPHA, BETA);
        assertThat(c).succeededWithoutWarnings();
        TreeSet<String> names = new TreeSet<>();
        for (JavaFileObject f : c.generatedFiles()) {
            String path = f.toUri().getPath();
            if (path.contains(TypeScriptOutput.RESOURCE_DIR)) {
                names.add(path.substring(path.lastIndexOf('/') + 1));
            }
        }
        assertEquals(new TreeSet<>(List.of("a.Worker.procwire.d.mts", "a.Worker.procwire.mjs", "b.Worker.procwire.d.mts",
                "b.Worker.procwire.mjs")), names);
        assertTrue(resource(c, "b.Worker.procwire.d.mts").contains("hello(payload: WorkerRequest<\"hello\">"));
    }
    @Test
    void aClientMemberNamedTwiceIsAnErrorOnTheService() {
        JavaFileObject src = JavaFileObjects.forSourceLines("c.Clock",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Clock {",                                         // 3
                "  @Event(\"tick\") EventEmitter<Long> tick;",
                "  @ProcwireMethod public void onTick() {}",
                "}");
        Compilation c = compile(List.of(), src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("the generated ClockClient would have two members named onTick: method onTick() "
                + "(\"onTick\") and the listener of event \"tick\": rename the Java method, or the event")
                .inFile(src).onLine(3);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void overloadsAndAMethodNamedConstructorAreErrorsToo() {
        JavaFileObject src = JavaFileObjects.forSourceLines("c.Shapes",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Shapes {",                                        // 3
                "  @ProcwireMethod(\"areaOfSquare\") public double area(double side) { return side * side; }",
                "  @ProcwireMethod(\"areaOfRect\") public double area(double w, double h) { return w * h; }",
                "}");
        Compilation c = compile(List.of(), src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("the generated ShapesClient would have two members named area: method area() "
                + "(\"areaOfSquare\") and method area() (\"areaOfRect\"): rename the Java method").inFile(src).onLine(3);
        JavaFileObject ctor = JavaFileObjects.forSourceLines("c.Builder",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Builder {",                                       // 3
                "  @ProcwireMethod(\"make\") public int constructor() { return 1; }",
                "}");
        assertThat(compile(List.of(), ctor)).hadErrorContaining("two members named constructor: its constructor and "
                + "method constructor()");
    }

    @Test
    void valueTypesNamedLikeGlobalsOrAnotherTypesInputGetNamesOfTheirOwn() {
        JavaFileObject src = JavaFileObjects.forSourceLines("c.Calendar",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Calendar {",
                "  public record Date(int day, java.time.Instant at) {}",
                "  public record Order(long id) {}",
                "  public record OrderInput(String note) {}",
                "  @ProcwireMethod public Date when(Order order, OrderInput input) { return null; }",
                "}");
        Compilation c = compile(List.of(), src);
        assertThat(c).succeededWithoutWarnings();
        String d = resource(c, "Calendar.procwire.d.mts");
        assertTrue(d.contains("export interface Calendar_Date {\n  day: number;\n  at: Date | null;"), d);
        assertTrue(!d.contains("export interface Date "), "JavaScript's Date is not hidden:\n" + d);
        assertTrue(d.contains("reqIn: { order?: OrderInput | null; input?: Calendar_OrderInputInput | null; }"),
                "Order's input keeps OrderInput; the class named OrderInput is qualified:\n" + d);
    }
    @Test
    void aValueClassNamedBufferLeavesNodesBufferToRawMethodsAndAnEmptyEnumIsNever() {
        JavaFileObject src = JavaFileObjects.forSourceLines("c.Store",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Store {",
                "  public record Buffer(int size) {}",
                "  public enum Nothing {}",
                "  @ProcwireMethod(codec = Codec.RAW) public byte[] raw(byte[] bytes) { return bytes; }",
                "  @ProcwireMethod public Buffer buffer(Nothing nothing) { return null; }",
                "}");
        Compilation c = compile(List.of(), src);
        assertThat(c).succeededWithoutWarnings();
        String d = resource(c, "Store.procwire.d.mts");
        assertTrue(d.contains("export interface Store_Buffer {") && !d.contains("export interface Buffer "), d);
        assertTrue(d.contains("raw: { reqIn: Buffer;"), "the raw method keeps Node's Buffer:\n" + d);
        assertTrue(d.contains("export type Nothing = never;"), d);
    }

    @Test
    void valueClassesNamedAsArrowsTypesLeaveThemToArrowMethods() {
        JavaFileObject src = JavaFileObjects.forSourceLines("c.Store",
                "package c;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Store {",
                "  public record Table(int legs) {}",
                "  public record ArrowSerializable(int bytes) {}",
                "  @ProcwireMethod(codec = Codec.ARROW) public org.apache.arrow.vector.VectorSchemaRoot echo(",
                "      org.apache.arrow.vector.VectorSchemaRoot table) { return table; }",
                "  @ProcwireMethod public Table table(Table table) { return table; }",
                "  @ProcwireMethod public ArrowSerializable size(ArrowSerializable s) { return s; }",
                "}");
        Compilation c = Compiler.javac().withProcessors(new ProcwireProcessor())
                .withClasspath(Stream.concat(CLASS_PATH.stream(), TestPaths.arrowClassPath().stream()).toList())
                .compile(src);
        assertThat(c).succeededWithoutWarnings();
        String d = resource(c, "Store.procwire.d.mts");
        assertTrue(d.contains("import type { Table } from \"apache-arrow\";"), d);
        assertTrue(d.contains("import type { ArrowSerializable } from \"@procwire/codecs/arrow\";"), d);
        assertTrue(d.contains("export interface Store_Table {") && !d.contains("export interface Table "), d);
        assertTrue(d.contains("export interface Store_ArrowSerializable {")
                && !d.contains("export interface ArrowSerializable "), d);
        assertTrue(d.contains("echo: { reqIn: ArrowSerializable; reqOut: Table; resIn: ArrowSerializable; resOut: Table;"),
                "the Arrow method sends what arrowCodec writes and gets apache-arrow's Table:\n" + d);
    }
}
