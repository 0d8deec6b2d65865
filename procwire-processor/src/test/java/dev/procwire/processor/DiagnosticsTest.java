package dev.procwire.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.procwire.api.ProcwireService;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mistake the processor catches is a compile error on the offending element, with a message that
 * says how to fix it. Each test compiles one small source and checks the message, file and line.
 */
class DiagnosticsTest {

    /** Only the API on the class path: these sources never get as far as needing the runtime. */
    private static final List<File> CLASS_PATH = List.of(TestPaths.classPathOf(ProcwireService.class));

    /** The API and the runtime: what a user's build has, so the generated sources compile too. */
    private static final List<File> RUNTIME_CLASS_PATH = List.of(TestPaths.classPathOf(ProcwireService.class),
            TestPaths.classPathOf(dev.procwire.runtime.Procwire.class));

    /** Compiles with the runtime on the class path, as a user's build does, with {@code options}. */
    private static Compilation compileAgainstRuntime(List<String> options, JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(RUNTIME_CLASS_PATH)
                .withOptions(options).compile(sources);
    }

    /** The API and Apache Arrow: what the build of a service using {@code Codec.ARROW} has. */
    private static final List<File> ARROW_CLASS_PATH = java.util.stream.Stream.concat(CLASS_PATH.stream(),
            TestPaths.arrowClassPath().stream()).toList();

    /** The API, the runtime and Apache Arrow, so the generated sources of an Arrow service compile too. */
    private static final List<File> ARROW_RUNTIME_CLASS_PATH = java.util.stream.Stream.concat(
            RUNTIME_CLASS_PATH.stream(), TestPaths.arrowClassPath().stream()).toList();

    private static Compilation compileWithArrow(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(ARROW_CLASS_PATH)
                .withOptions("-Xlint:all,-processing,-rawtypes").compile(sources);
    }

    private static void assertSingleArrowError(JavaFileObject source, String message, int line) {
        Compilation c = compileWithArrow(source);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(message).inFile(source).onLine(line);
        assertThat(c).hadErrorCount(1);
    }

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(CLASS_PATH)
                .withOptions("-Xlint:all,-processing,-rawtypes").compile(sources);
    }

    /** A source {@code test.<name>} whose lines after the package and imports start at line 4. */
    private static JavaFileObject source(String name, String... lines) {
        List<String> all = new ArrayList<>();
        all.add("package test;");
        all.add("import dev.procwire.api.*;");
        all.add("import java.util.*; import java.nio.ByteBuffer; import java.util.stream.Stream;");
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines("test." + name, all);
    }

    private static void assertSingleError(JavaFileObject source, String message, int line) {
        Compilation c = compile(source);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(message).inFile(source).onLine(line);
        assertThat(c).hadErrorCount(1);
    }

    // ---- types ------------------------------------------------------------------------------

    @Test
    void unsupportedParameterTypeNamesTheTypeAndItsPath() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Item(String sku, Thread owner) {}",                          // 5
                "  public record Order(long id, List<Item> items) {}",                        // 6
                "  @ProcwireMethod public void place(Order order) {}",                        // 7
                "}");
        assertSingleError(src, "unsupported type java.lang.Thread at order.items[].owner; supported are", 5);
    }

    @Test
    void aProblemInsideARecordIsReportedOnceOnItsComponentWhereverTheRecordIsUsed() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Item(String sku,",                                           // 5
                "      Thread owner) {}",                                                      // 6
                "  @ProcwireMethod public Item swap(Item item) { return item; }",             // 7
                "  @ProcwireMethod public List<Item> all() { return List.of(); }",            // 8
                "}");
        assertSingleError(src, "unsupported type java.lang.Thread at item.owner; supported are", 6);
    }

    @Test
    void problemsOfEveryKindInsideARecordAreReportedOnItsComponent() {
        String[][] cases = {
            {"Map<Double, String> byPrice", "map key type java.lang.Double at item.byPrice"},
            {"List tags", "raw type List at item.tags"},
            {"List<String>[] lists", "generic array type java.util.List<java.lang.String>[] at item.lists"},
            {"Runnable task", "unsupported type java.lang.Runnable at item.task"},
        };
        for (String[] c : cases) {
            JavaFileObject src = source("Shop",
                    "@ProcwireService public class Shop {",                                   // 4
                    "  public record Item(String sku,",                                       // 5
                    "      " + c[0] + ") {}",                                                 // 6
                    "  @ProcwireMethod public void put(Item item) {}",                        // 7
                    "}");
            assertSingleError(src, c[1], 6);
        }
    }

    @Test
    void aProblemInARecordOfAnotherSourceFileIsReportedOnItsComponent() {
        JavaFileObject item = source("Item",
                "public record Item(String sku,",                                             // 4
                "    Thread owner) {}");                                                       // 5
        JavaFileObject shop = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod public void put(Item item) {}",                            // 5
                "}");
        Compilation c = compile(shop, item);
        assertThat(c).hadErrorContaining("unsupported type java.lang.Thread at item.owner").inFile(item).onLine(5);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void aBadTypeArgumentInsideARecordIsReportedOnTheComponentThatGivesIt() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Box<T>(T value) {}",                                         // 5
                "  public record Item(String sku,",                                           // 6
                "      Box<Thread> box) {}",                                                   // 7
                "  @ProcwireMethod public void put(Item item) {}",                            // 8
                "}");
        assertSingleError(src, "unsupported type java.lang.Thread at item.box;", 7);
    }

    @Test
    void unsupportedTypeFromAnotherCompilationIsReportedOnTheParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void pay(",
                "      Map<String, List<java.util.Currency>> currencies) {}",                 // 6
                "}");
        assertSingleError(src, "unsupported type java.util.Currency at currencies{}[]; supported are", 6);
    }

    @Test
    void unsupportedResultTypeIsReportedOnTheMethod() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public Runnable task() { return null; }",                   // 5
                "}");
        assertSingleError(src, "unsupported type java.lang.Runnable at task();", 5);
    }

    @Test
    void theUnsupportedTypeErrorNamesTheStandardValueTypes() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void pay(java.util.Currency currency) {}",          // 5
                "}");
        assertSingleError(src, "unsupported type java.util.Currency at currency; supported are primitives and their "
                + "boxes, String, byte[], ByteBuffer, Instant, BigInteger, BigDecimal, UUID, LocalDate, LocalTime, "
                + "LocalDateTime, OffsetDateTime, ZonedDateTime, Duration, Period, ZoneId, URI, enums, records, POJOs, "
                + "sealed interfaces and classes, List/Set/Collection, EnumSet, arrays, Map, EnumMap, Optional, and "
                + "Object for untyped values", 5);
    }

    @Test
    void anEnumSetOfATypeVariableIsAnErrorOnTheComponent() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public enum Color { RED }",                                                // 5
                "  public record Tagged<E extends Enum<E>>(",                                 // 6
                "      EnumSet<E> tags) {}",                                                   // 7
                "  @ProcwireMethod public void tag(Tagged<Color> tagged) {}",                 // 8
                "}");
        assertSingleError(src, "EnumSet<E> at tagged.tags cannot be created by the reader, which needs the enum's "
                + "class: name a concrete enum type, or use Set", 7);
    }

    @Test
    void anEnumMapOfAWildcardIsAnError() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void tag(EnumMap<?, String> labels) {}",             // 5
                "}");
        assertSingleError(src, "EnumMap<?> at labels cannot be created by the reader", 5);
    }

    @Test
    void theStandardValueTypesCompileWithoutWarnings() {
        JavaFileObject src = source("Shop",
                "import java.time.*; import java.net.URI;",
                "@ProcwireService public class Shop {",
                "  public enum Color { RED, BLUE }",
                "  public record Slot(UUID id, LocalDate day, LocalTime start, LocalDateTime local,",
                "      OffsetDateTime offset, ZonedDateTime zoned, Duration length, Period every, ZoneId zone, URI link,",
                "      EnumSet<Color> colors, EnumMap<Color, Duration> byColor, Map<UUID, List<LocalDate>> byId,",
                "      SortedMap<LocalDate, Period> byDay, Map<ZoneId, URI> byZone, Optional<Duration> grace) {}",
                "  @ProcwireMethod public Slot book(Slot slot) { return slot; }",
                "  @ProcwireMethod public LocalDate nextDay(LocalDate day) { return day.plusDays(1); }",
                "  @ProcwireMethod public Map<OffsetDateTime, ZonedDateTime> times(List<Duration> lengths) { return null; }",
                "}");
        Compilation c = compileAgainstRuntime(List.of("-Xlint:all,-processing"), src);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void unsupportedMapKeyType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void prices(Map<Double, String> byPrice) {}",        // 5
                "}");
        assertSingleError(src, "map key type java.lang.Double at byPrice is not supported: use String, an enum, "
                + "Integer, Long, Short, Byte, UUID, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, "
                + "ZonedDateTime, Duration, Period, ZoneId or URI (JavaScript object keys are strings)", 5);
    }

    @Test
    void rawCollectionType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void tags(List tags) {}",                            // 5
                "}");
        assertSingleError(src, "raw type List at tags: give it a type argument, e.g. List<String>", 5);
    }

    @Test
    void rawGenericValueClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public record Page<T>(List<T> items) {}",
                "  @ProcwireMethod public Page first() { return null; }",                     // 6
                "}");
        assertSingleError(src, "raw type Page at first(): give it type arguments", 6);
    }

    @Test
    void genericArrayType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void lists(List<String>[] lists) {}",               // 5
                "}");
        assertSingleError(src, "generic array type java.util.List<java.lang.String>[] at lists cannot be created by "
                + "the reader: use a List instead", 5);
    }

    @Test
    void genericMethod() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public <T> T pick(T a) { return a; }",                     // 5
                "}");
        assertSingleError(src, "@ProcwireMethod pick is generic, so its payload has no type to read", 5);
    }

    @Test
    void privateValueClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  private record Order(long id) {}",                                         // 5
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: Order is private, so generated code cannot use it: make it package-private or "
                + "public", 5);
    }

    @Test
    void innerValueClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public class Order { public long id; }",                                   // 5
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: Order is an inner class, so generated code cannot create it: declare it static", 5);
    }

    @Test
    void abstractValueClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public abstract static class Shape { public int sides; }",                 // 5
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: Shape is abstract and not sealed, so the reader cannot tell which class to "
                + "create: declare it sealed (\"sealed abstract class Shape permits …\"", 5);
    }

    // ---- sealed types and wire names --------------------------------------------------------

    @Test
    void anInterfaceThatIsNotSealed() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public interface Shape {}",
                "  @ProcwireMethod public void draw(Shape shape) {}",                          // 6
                "}");
        assertSingleError(src, "interface Shape at shape is not sealed, so the reader cannot tell which class to "
                + "create: declare it sealed (\"sealed interface Shape permits …\"", 6);
    }

    @Test
    void aPermittedSubtypeThatIsAbstractAndNotSealed() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public sealed interface Shape permits Round, Square {}",
                "  public abstract static non-sealed class Round implements Shape {}",         // 6
                "  public record Square(int side) implements Shape {}",
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: Round, permitted by sealed Shape, is abstract and not sealed, so the reader "
                + "cannot tell which class to create: declare it sealed as well, or make it a record or final class", 6);
    }

    @Test
    void anEnumPermittedByASealedInterface() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public sealed interface Shape permits Unit, Square {}",
                "  public enum Unit implements Shape { ONE }",                                 // 6
                "  public record Square(int side) implements Shape {}",
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: enum Unit is permitted by sealed Shape, but an enum constant cannot carry the "
                + "\"type\" property: permit a record or class instead", 6);
    }

    @Test
    void aGenericSealedType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public sealed interface Result<T> permits Ok, Failed {}",                   // 5
                "  public record Ok(String value) implements Result<String> {}",
                "  public record Failed(String error) implements Result<String> {}",
                "  @ProcwireMethod public Result<String> run() { return null; }",
                "}");
        assertSingleError(src, "run(): Result is a generic sealed type, which the reader cannot create without "
                + "knowing its type arguments: remove its type parameters", 5);
    }

    @Test
    void aSubtypePropertyNamedLikeTheDiscriminator() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @Discriminator(\"kind\") public sealed interface Shape permits Circle {}",
                "  public record Circle(String kind, double r) implements Shape {}",           // 6
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: Circle.kind travels as \"kind\", the key that tells Shape's subtypes apart: "
                + "rename it with @WireName, or name another key with @Discriminator on Shape", 6);
    }

    @Test
    void aSubtypePropertyNamedLikeTheDiscriminatorWhenTheSubtypeIsMetFirst() {
        JavaFileObject src = source("Calc",
                "@ProcwireService public class Calc {",                                       // 4
                "  public sealed interface Expr permits Add, Lit {}",
                "  public record Add(Expr left, Expr right, String type) implements Expr {}",  // 6
                "  public record Lit(double value) implements Expr {}",
                "  @ProcwireMethod public double add(Add add) { return 0; }",
                "  @ProcwireMethod public double eval(Expr expr) { return 0; }",
                "}");
        assertSingleError(src, "Add.type travels as \"type\", the key that tells Expr's subtypes apart: rename it "
                + "with @WireName, or name another key with @Discriminator on Expr", 6);
    }

    @Test
    void aSealedClassThatIsNotAbstract() {
        JavaFileObject src = source("Zoo",
                "@ProcwireService public class Zoo {",                                        // 4
                "  public static sealed class Animal permits Dog { public String name; }",    // 5
                "  public static final class Dog extends Animal { public boolean good; }",
                "  @ProcwireMethod public void feed(Animal animal) {}",
                "}");
        assertSingleError(src, "animal: sealed class Animal is not abstract, so a Animal itself would have no "
                + "discriminator value to travel with: make it abstract (or a sealed interface), or move its own case "
                + "into a permitted subclass", 5);
    }

    @Test
    void twoSubtypesWithOneDiscriminatorValue() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public sealed interface Shape permits Circle, Disc {}",
                "  @WireName(\"round\") public record Circle(double r) implements Shape {}",
                "  @WireName(\"round\") public record Disc(double r) implements Shape {}",     // 7
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: Disc and Circle would both have type \"round\" in a Shape: give one another "
                + "name with @WireName", 7);
    }

    @Test
    void anEmptyDiscriminator() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @Discriminator(\"\") public sealed interface Shape permits Circle {}",    // 5
                "  public record Circle(double r) implements Shape {}",
                "  @ProcwireMethod public void draw(Shape shape) {}",
                "}");
        assertSingleError(src, "shape: @Discriminator on Shape is empty", 5);
    }

    @Test
    void aDiscriminatorOnATypeThatIsNotSealed() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @Discriminator(\"kind\") public record Circle(double r) {}",               // 5
                "  @ProcwireMethod public void draw(Circle circle) {}",
                "}");
        assertSingleErrorAgainstRuntime(src, "@Discriminator names the key that tells a sealed type's subtypes apart, "
                + "but Circle is not sealed: seal it, or remove the annotation", 5);
    }

    @Test
    void aWireNameOnAClassNoSealedTypePermits() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @WireName(\"circle\") public record Circle(double r) {}",                  // 5
                "  @ProcwireMethod public void draw(Circle circle) {}",
                "}");
        assertSingleErrorAgainstRuntime(src, "no sealed type permits Circle: rename its properties with @WireName on "
                + "each, or remove it", 5);
    }

    /** For a mistake that does not stop the service's binding from being generated, and compiled. */
    private static void assertSingleErrorAgainstRuntime(JavaFileObject source, String message, int line) {
        Compilation c = compileAgainstRuntime(List.of("-Xlint:all,-processing"), source);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(message).inFile(source).onLine(line);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void twoComponentsWithOneWireName() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @WireNaming(NamingPolicy.SNAKE_CASE)",
                "  public record Order(long orderId,",
                "      @WireName(\"order_id\") long legacyId) {}",                           // 7
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: Order.legacyId and Order.orderId would both travel as \"order_id\": give one "
                + "another name with @WireName", 7);
    }

    @Test
    void twoEnumConstantsWithOneWireName() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @WireNaming(NamingPolicy.KEBAB_CASE)",
                "  public enum Size { EXTRA_LARGE,",
                "    @WireName(\"extra-large\") XL }",                                      // 7
                "  @ProcwireMethod public void pick(Size size) {}",
                "}");
        assertSingleError(src, "size: Size.XL and Size.EXTRA_LARGE would both travel as \"extra-large\"", 7);
    }

    @Test
    void anEmptyWireName() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Order(@WireName(\"\") long id) {}",                          // 5
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: @WireName on id is empty: give the name it has on the wire, or remove the "
                + "annotation", 5);
    }

    @Test
    void aBeanPropertyWithTwoDifferentWireNames() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public static class Item {",
                "    @WireName(\"sku\") private String code;",
                "    @WireName(\"item_code\") public String getCode() { return code; }",       // 7
                "    public void setCode(String code) { this.code = code; }",
                "  }",
                "  @ProcwireMethod public void add(Item item) {}",
                "}");
        assertSingleError(src, "item: code has two wire names, \"sku\" on its field and \"item_code\" here: keep one "
                + "@WireName", 7);
    }

    @Test
    void twoParametersWithOneWireName() {
        JavaFileObject src = source("Shop",
                "@ProcwireService @WireNaming(NamingPolicy.SNAKE_CASE) public class Shop {",   // 4
                "  @ProcwireMethod public void find(String userId,",
                "      @WireName(\"user_id\") String legacyUser) {}",                          // 6
                "}");
        assertSingleError(src, "parameters userId and legacyUser of find would both travel as \"user_id\": give one "
                + "another name with @WireName", 6);
    }

    @Test
    void privateFieldWithoutGetterCannotBeReached() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static class Order {",
                "    public long id;",
                "    private String secret;",                                                 // 7
                "  }",
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: field Order.secret is private and has no getter: add getSecret(), make the "
                + "field package-private or public, or mark it transient", 7);
    }

    @Test
    void privateFieldsAreReachedThroughTheAccessorsJavaBeansPairWithThem() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static class Point {",
                "    private int xCoord;",
                "    private int yCoord;",
                "    private boolean isActive;",
                "    public int getXCoord() { return xCoord; }",
                "    public void setXCoord(int v) { xCoord = v; }",
                "    public int getyCoord() { return yCoord; }",
                "    public void setyCoord(int v) { yCoord = v; }",
                "    public boolean isActive() { return isActive; }",
                "    public void setActive(boolean v) { isActive = v; }",
                "  }",
                "  @ProcwireMethod public Point move(Point p) { return p; }",
                "}");
        Compilation c = compileAgainstRuntime(List.of(), src);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void finalFieldWithoutSetterOrConstructorCannotBeSet() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static class Order {",
                "    public long id;",
                "    public final String kind = \"x\";",                                       // 7
                "  }",
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: the reader cannot set Order.kind: add a setter setKind(...), make the field "
                + "non-final and non-private, or give Order a constructor taking all its properties (id, kind)", 7);
    }

    @Test
    void pojoWithoutAUsableConstructor() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static class Order {",                                              // 5
                "    public long id;",
                "    public Order(String unrelated) {}",
                "  }",
                "  @ProcwireMethod public void place(Order order) {}",
                "}");
        assertSingleError(src, "order: Order has no constructor the reader can call: add a no-argument constructor, "
                + "or one whose parameters are its properties (id) by name", 5);
    }

    // ---- methods ----------------------------------------------------------------------------

    @Test
    void duplicateMethodNames() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public long add(long a, long b) { return a + b; }",
                "  @ProcwireMethod public double add(double a) { return a; }",              // 6
                "}");
        assertSingleError(src, "duplicate method name \"add\": add(…) already uses it; give one of them another name "
                + "with @ProcwireMethod(\"…\")", 6);
    }

    @Test
    void methodNameStartingWithDollar() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(\"$ping\") public void ping() {}",                        // 5
                "}");
        assertSingleError(src, "method name \"$ping\" starts with '$', which the protocol reserves for control "
                + "messages: choose another name", 5);
    }

    @Test
    void privateMethod() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod private void hidden() {}",                                 // 5
                "}");
        assertSingleError(src, "@ProcwireMethod hidden is private, so the generated binding cannot call it: make it "
                + "package-private or public", 5);
    }

    @Test
    void negativeTimeout() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(timeoutMs = -1) public void slow() {}",                   // 5
                "}");
        assertSingleError(src, "timeoutMs of slow is negative: use 0 for no timeout", 5);
    }

    @Test
    void conflictingCodecOptions() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(codec = Codec.RAW, requestCodec = Codec.MSGPACK)",        // 5
                "  public byte[] hash(String text) { return null; }",
                "}");
        assertSingleError(src, "conflicting codecs on hash: codec = RAW but requestCodec = MSGPACK; set codec alone, "
                + "or requestCodec and responseCodec alone", 5);
    }

    @Test
    void rawRequestNeedsASingleByteParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(codec = Codec.RAW)",
                "  public byte[] hash(String text) { return null; }",                         // 6
                "}");
        assertSingleError(src, "hash uses the RAW request codec, whose payload is just bytes: take a single byte[] or "
                + "ByteBuffer parameter instead of text (java.lang.String)", 6);
    }

    @Test
    void rawResponseNeedsBytes() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(codec = Codec.RAW)",
                "  public String hash(byte[] data) { return null; }",                         // 6
                "}");
        assertSingleError(src, "the result of hash uses the RAW codec, which sends bytes as they are: use byte[] or "
                + "ByteBuffer instead of java.lang.String", 6);
    }

    @Test
    void tooManyMethodsForAU16Id() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= ServiceAnalyzer.MAX_ID; i++) {
            body.append("@ProcwireMethod void m").append(i).append("(){}\n");
        }
        JavaFileObject src = source("Huge", "@ProcwireService public class Huge {", body.toString(), "}");
        // Processing alone is enough, and spares javac most of the work on 65534 methods.
        Compilation c = Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(CLASS_PATH)
                .withOptions("-proc:only").compile(src);
        assertThat(c).hadErrorContaining("Huge has 65534 @ProcwireMethod methods, more than the 65533 a u16 method id "
                + "can address: split it into several services").inFile(src).onLine(4);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void methodOutsideAService() {
        JavaFileObject src = source("Shop",
                "public class Shop {",
                "  @ProcwireMethod public void place() {}",                                   // 5
                "}");
        assertSingleError(src, "@ProcwireMethod place is in Shop, which is not a service: annotate Shop with "
                + "@ProcwireService", 5);
    }

    // ---- inherited methods and events -------------------------------------------------------

    /** With the runtime on the class path: the valid services next to the mistake get their bindings. */
    private static Compilation compileServing(JavaFileObject... sources) {
        return compileAgainstRuntime(List.of("-Xlint:all,-processing,-rawtypes"), sources);
    }

    private static void assertSingleServingError(JavaFileObject source, String message, int line) {
        Compilation c = compileServing(source);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining(message).inFile(source).onLine(line);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void anAbstractServiceClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public abstract class Shop {",                              // 4
                "  @ProcwireMethod public void place() {}",
                "}");
        assertSingleServingError(src, "@ProcwireService class Shop is abstract, but Procwire.serve finds the binding of the "
                + "exact class of the instance it is given: annotate the concrete subclass with @ProcwireService "
                + "instead (it serves the @ProcwireMethod methods it inherits)", 4);
    }

    @Test
    void methodsOfAnAbstractBaseAndOfInterfacesAreNotStrayWhenAServiceInheritsThem() {
        JavaFileObject src = source("Shop",
                "interface Priced { @ProcwireMethod double price(String sku); }",
                "interface Named { @ProcwireMethod default String name() { return \"shop\"; } }",
                "abstract class Base { @ProcwireMethod public int stock() { return 1; }",
                "  @ProcwireMethod static String version() { return \"1\"; } }",
                "class Concrete extends Base { @ProcwireMethod public int shelf() { return 2; } }",
                "@ProcwireService public class Shop extends Concrete implements Priced, Named {",
                "  public double price(String sku) { return 1.5; }",
                "}");
        assertThat(compileServing(src)).succeededWithoutWarnings();
    }

    @Test
    void anAbstractBaseOrInterfaceNoServiceExtendsYetIsNotAnError() {
        // A service compiled separately may extend them; that compilation checks what it inherits.
        JavaFileObject src = source("Bases",
                "abstract class Bases { @ProcwireMethod public int stock() { return 1; } }",
                "interface Priced { @ProcwireMethod double price(String sku); }");
        assertThat(compileServing(src)).succeededWithoutWarnings();
    }

    @Test
    void anOverrideReannotatedWithOtherOptions() {
        JavaFileObject src = source("Shop",
                "interface Repo { @ProcwireMethod String get(String id); }",
                "@ProcwireService public class Shop implements Repo {",
                "  @ProcwireMethod(\"fetch\") public String get(String id) { return id; }",   // 6
                "}");
        assertSingleServingError(src, "@ProcwireMethod on Shop.get(String) has other options than the one on "
                + "Repo.get(String), which it overrides: remove it here (the inherited one applies), or give both "
                + "the same options", 6);
    }

    @Test
    void anOverrideReannotatedWithTheSameOptionsIsOneMethod() {
        JavaFileObject src = source("Shop",
                "interface Repo { @ProcwireMethod(timeoutMs = 5) String get(String id); }",
                "@ProcwireService public class Shop implements Repo {",
                "  @ProcwireMethod(timeoutMs = 5) public String get(String id) { return id; }",
                "}");
        assertThat(compileServing(src)).succeededWithoutWarnings();
    }

    @Test
    void oneMethodAnnotatedWithOtherOptionsInTwoInterfaces() {
        JavaFileObject src = source("Shop",
                "interface Named { @ProcwireMethod String name(); }",
                "interface Labelled { @ProcwireMethod(timeoutMs = 100) String name(); }",   // 5
                "@ProcwireService public class Shop implements Named, Labelled {",
                "  public String name() { return \"shop\"; }",
                "}");
        Compilation c = compileServing(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("@ProcwireMethod on Named.name() has other options than the one on "
                + "Labelled.name(), and Shop serves both with one method: give both the same options, or annotate "
                + "only one").inFile(src).onLine(4);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void twoInheritedMethodsWithTheSameName() {
        JavaFileObject src = source("Shop",
                "interface Items { @ProcwireMethod String get(String id); }",
                "interface Counts { @ProcwireMethod default int get(int n) { return n; } }",   // 5
                "@ProcwireService public class Shop implements Items, Counts {",
                "  public String get(String id) { return id; }",
                "}");
        assertSingleServingError(src, "duplicate method name \"get\": Items.get(String) already uses it; give one of them "
                + "another name with @ProcwireMethod(\"…\")", 5);
    }

    @Test
    void aStaticInterfaceMethodIsNotInherited() {
        JavaFileObject src = source("Shop",
                "interface Util { @ProcwireMethod static int one() { return 1; } }",             // 4
                "@ProcwireService public class Shop implements Util {}");
        assertSingleServingError(src, "@ProcwireMethod Util.one() is a static interface method, which Shop does not inherit: "
                + "make it a default method, or move it to Shop", 4);
    }

    @Test
    void aMethodInheritedFromARawGenericType() {
        JavaFileObject src = source("Shop",
                "interface Repo<T> { @ProcwireMethod T get(String id); }",                       // 4
                "@ProcwireService public class Shop implements Repo {",
                "  public Object get(String id) { return id; }",
                "}");
        assertSingleServingError(src, "Shop inherits @ProcwireMethod Repo.get(String) from the raw type Repo, so its types "
                + "are unknown: give Repo its type arguments where Shop extends or implements it", 4);
    }

    @Test
    void anInheritedTypeVariableIsCheckedAsTheTypeTheServiceGivesIt() {
        JavaFileObject src = source("Shop",
                "interface Repo<T> { @ProcwireMethod T get(String id); }",                       // 4
                "@ProcwireService public class Shop implements Repo<Thread> {",
                "  public Thread get(String id) { return null; }",
                "}");
        Compilation c = compileServing(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("unsupported type java.lang.Thread at get()").inFile(src).onLine(4);
    }

    @Test
    void aPackagePrivateMethodInheritedFromAnotherPackage() {
        JavaFileObject base = JavaFileObjects.forSourceLines("other.Base",
                "package other;",
                "import dev.procwire.api.*;",
                "public abstract class Base {",
                "  @ProcwireMethod protected int stock() { return 1; }",                         // 4
                "}");
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop extends other.Base {}");
        Compilation c = compileServing(src, base);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("@ProcwireMethod Base.stock() is not public and Base is in another package "
                + "than Shop, so the generated binding cannot call it: make it public, or override it in Shop")
                .inFile(base).onLine(4);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void aStrayMethodInAConcreteClassNoServiceExtends() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {}",
                "class Helper { @ProcwireMethod public void help() {} }");                       // 5
        assertSingleServingError(src, "@ProcwireMethod help is in Helper, which is not a service: annotate Helper with "
                + "@ProcwireService, or extend it in a @ProcwireService class (make it abstract if that class is "
                + "compiled separately)", 5);
    }

    @Test
    void anEventFieldOfASuperclassIsServedAndOneHiddenByTheServiceIsAnError() {
        JavaFileObject ok = source("Shop",
                "abstract class Base { @Event(\"log\") EventEmitter<String> log; }",
                "@ProcwireService public class Shop extends Base {}");
        assertThat(compileServing(ok)).succeededWithoutWarnings();
        JavaFileObject hidden = source("Shop",
                "abstract class Base { @Event(\"log\") EventEmitter<String> log; }",         // 4
                "@ProcwireService public class Shop extends Base { String log; }");
        assertSingleServingError(hidden, "@Event field log of Base is hidden by a field of the same name in Shop, so the "
                + "generated binding cannot inject its emitter: rename one of them", 4);
    }

    @Test
    void anEventFieldInAnInterface() {
        JavaFileObject src = source("Shop",
                "interface Logs { @Event EventEmitter<String> log = null; }",                    // 4
                "@ProcwireService public class Shop implements Logs {}");
        assertSingleServingError(src, "@Event log is in interface Logs, whose fields are static final, so no emitter can be "
                + "injected: declare it in the service class or a superclass of it", 4);
    }

    @Test
    void anEventConstructorParameterOfASuperclass() {
        JavaFileObject src = source("Shop",
                "abstract class Base { EventEmitter<String> log;",
                "  Base(@Event(\"log\") EventEmitter<String> log) { this.log = log; } }",     // 5
                "@ProcwireService public class Shop extends Base { Shop() { super(null); } }");
        assertSingleServingError(src, "@Event log is a constructor parameter of Base, which is not the service class: only "
                + "the constructor of the @ProcwireService class receives emitters; take the emitter there and pass "
                + "it to super(…)", 5);
    }

    /**
     * Compiles {@code sources} (with {@code -parameters}, as a library that keeps its parameter names)
     * and writes their class files under {@code dir}: a supertype compiled separately.
     */
    private static File compileLibrary(Path dir, JavaFileObject... sources) throws IOException {
        return compileLibrary(dir, CLASS_PATH, sources);
    }

    /** {@link #compileLibrary(Path, JavaFileObject...)} against {@code classPath}. */
    private static File compileLibrary(Path dir, List<File> classPath, JavaFileObject... sources) throws IOException {
        Compilation library = Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(classPath)
                .withOptions("-parameters").compile(sources);
        assertThat(library).succeededWithoutWarnings();
        for (JavaFileObject f : library.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                Path out = dir.resolve(f.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", ""));
                Files.createDirectories(out.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
        return dir.toFile();
    }

    private static Compilation compileAgainst(File library, JavaFileObject... sources) {
        List<File> classPath = new ArrayList<>(RUNTIME_CLASS_PATH);
        classPath.add(library);
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(classPath).compile(sources);
    }

    @Test
    void methodsOfASupertypeCompiledSeparatelyAreServedWithItsParameterNames(@TempDir Path dir) throws IOException {
        File library = compileLibrary(dir, JavaFileObjects.forSourceLines("lib.Repo",
                "package lib;",
                "import dev.procwire.api.*;",
                "public interface Repo<T> { @ProcwireMethod T get(String id); }"));
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop implements lib.Repo<Integer> {",
                "  public Integer get(String key) { return key.length(); }",
                "}");
        Compilation c = compileAgainst(library, src);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Shop_Procwire").contentsAsUtf8String()
                .contains("new MethodDescriptor(METHOD_GET, \"get\"");
        assertThat(c).generatedSourceFile("test.Shop_Procwire").contentsAsUtf8String().contains("case \"id\" ->");
    }

    @Test
    void aProblemInASupertypeCompiledSeparatelyIsReportedOnTheService(@TempDir Path dir) throws IOException {
        File library = compileLibrary(dir, JavaFileObjects.forSourceLines("lib.Base",
                "package lib;",
                "import dev.procwire.api.*;",
                "public abstract class Base { @ProcwireMethod public Thread worker() { return null; } }"));
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop extends lib.Base {}");                        // 4
        Compilation c = compileAgainst(library, src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("in Base.worker(), which Shop inherits: unsupported type java.lang.Thread "
                + "at worker()").inFile(src).onLine(4);
        assertThat(c).hadErrorCount(1);
    }

    // ---- framework parameters and response kinds -------------------------------------------

    @Test
    void streamMethodWithoutASinkOrIterable() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(response = Response.STREAM)",
                "  public String feed() { return null; }",                                    // 6
                "}");
        assertSingleError(src, "stream method feed has no way to send chunks: take a StreamSink<T> parameter, or "
                + "return a Stream<T>, Iterator<T> or Iterable<T> of the chunks", 6);
    }

    @Test
    void streamMethodWithASinkMustReturnVoid() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(response = Response.STREAM)",
                "  public List<String> feed(StreamSink<String> out) { return null; }",       // 6
                "}");
        assertSingleError(src, "stream method feed sends its chunks through its StreamSink, so it must return void, "
                + "not java.util.List<java.lang.String>", 6);
    }

    @Test
    void streamSinkInANonStreamMethod() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod",
                "  public void feed(StreamSink<String> out) {}",                              // 6
                "}");
        assertSingleError(src, "StreamSink out only works in a stream method: declare @ProcwireMethod(response = "
                + "Response.STREAM) on feed, or remove it", 6);
    }

    @Test
    void rawStreamSink() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(response = Response.STREAM)",
                "  public void feed(StreamSink out) {}",                                      // 6
                "}");
        assertSingleError(src, "raw StreamSink out: give it the chunk type, e.g. StreamSink<String>", 6);
    }

    @Test
    void ackSinkInANonAckMethod() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod",
                "  public void job(AckSink<String> ack) {}",                                  // 6
                "}");
        assertSingleError(src, "AckSink ack only works in an ack method: declare @ProcwireMethod(response = "
                + "Response.ACK) on job, or remove it", 6);
    }

    @Test
    void ackMethodWithASinkMustReturnVoid() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(response = Response.ACK)",
                "  public String job(AckSink<String> ack) { return null; }",                  // 6
                "}");
        assertSingleError(src, "ack method job acknowledges through its AckSink, so it must return void, not "
                + "java.lang.String", 6);
    }

    @Test
    void noneMethodReturningAValue() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod(response = Response.NONE)",
                "  public long fire() { return 1; }",                                         // 6
                "}");
        assertSingleError(src, "fire is a NONE (fire-and-forget) method, whose result is never sent: return void "
                + "instead of long", 6);
    }

    @Test
    void duplicateFrameworkParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod",
                "  public void job(CancellationToken a,",
                "      CancellationToken b) {}",                                              // 7
                "}");
        assertSingleError(src, "job takes more than one CancellationToken: remove b", 7);
    }

    @Test
    void emitterAsAMethodParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod",
                "  public void job(EventEmitter<String> log) {}",                             // 6
                "}");
        assertSingleError(src, "an EventEmitter cannot be a method parameter: declare it as an @Event field or @Event "
                + "constructor parameter of the service", 6);
    }

    // ---- events -----------------------------------------------------------------------------

    @Test
    void duplicateEventNames() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event(\"log\") EventEmitter<String> log;",
                "  @Event(\"log\") EventEmitter<String> audit;",                              // 6
                "}");
        assertSingleError(src, "duplicate event name \"log\": log already declares it; give one of them another name "
                + "with @Event(\"…\")", 6);
    }

    @Test
    void eventNameStartingWithDollar() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event(\"$log\") EventEmitter<String> log;",                               // 5
                "}");
        assertSingleError(src, "event name \"$log\" starts with '$', which the protocol reserves: choose another name", 5);
    }

    @Test
    void eventFieldOfTheWrongType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event String log;",                                                       // 5
                "}");
        assertSingleError(src, "@Event field log must be an EventEmitter<T>, not java.lang.String: declare it as "
                + "EventEmitter<Payload>", 5);
    }

    @Test
    void eventFieldWithoutATypeArgument() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event EventEmitter log;",                                                 // 5
                "}");
        assertSingleError(src, "@Event field log is a raw EventEmitter: give it the event type, e.g. "
                + "EventEmitter<Progress>", 5);
    }

    @Test
    void privateEventField() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event private EventEmitter<String> log;",                                 // 5
                "}");
        assertSingleError(src, "@Event field log is private, so the generated binding cannot inject its emitter: make "
                + "it package-private or public", 5);
    }

    @Test
    void finalEventField() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event final EventEmitter<String> log = e -> {};",                         // 5
                "}");
        assertSingleError(src, "@Event field log is final, so the generated binding cannot inject its emitter: remove "
                + "final", 5);
    }

    @Test
    void unsupportedEventType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event EventEmitter<Thread> threads;",                                     // 5
                "}");
        assertSingleError(src, "unsupported type java.lang.Thread at threads;", 5);
    }

    @Test
    void rawEventNeedsBytes() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Event(codec = Codec.RAW) EventEmitter<String> log;",                      // 5
                "}");
        assertSingleError(src, "the event log of log uses the RAW codec, which sends bytes as they are: use byte[] or "
                + "ByteBuffer instead of java.lang.String", 5);
    }

    @Test
    void eventOnAMethodParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void job(",
                "      @Event EventEmitter<String> log) {}",                                  // 6
                "}");
        assertSingleError(src, "@Event belongs on a field or a constructor parameter; a method parameter cannot "
                + "receive an emitter", 6);
    }

    @Test
    void eventConstructorWithOtherParameters() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public Shop(@Event EventEmitter<String> log,",
                "      String name) {}",                                                      // 6
                "}");
        assertSingleError(src, "the generated binding cannot supply constructor parameter name: a constructor taking "
                + "@Event emitters may take only @Event EventEmitter parameters", 6);
    }

    @Test
    void twoEventConstructors() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public Shop(@Event(\"a\") EventEmitter<String> a) {}",
                "  public Shop(@Event(\"b\") EventEmitter<Long> b, @Event(\"c\") EventEmitter<Long> c) {}", // 6
                "}");
        assertSingleError(src, "only one constructor may take @Event emitters; Shop already has one", 6);
    }

    @Test
    void eventOutsideAService() {
        JavaFileObject src = source("Shop",
                "public class Shop {",
                "  @Event EventEmitter<String> log;",                                         // 5
                "}");
        assertSingleError(src, "@Event log is in Shop, which is not a service: annotate Shop with @ProcwireService", 5);
    }

    // ---- the Arrow codec --------------------------------------------------------------------

    @Test
    void componentsThatCannotBeColumnsAreReportedOnTheComponent() {
        String[][] cases = {
            {"Map<String, String> tags", "type java.util.Map<java.lang.String,java.lang.String> at batch.tags cannot be "
                    + "an Arrow column; each component of a column record is one of long[], int[], short[], byte[], "
                    + "float[], double[], boolean[], List<Long>,"},
            {"Object tags", "type java.lang.Object at batch.tags cannot be an Arrow column;"},
            {"List<Object> tags", "type java.util.List<java.lang.Object> at batch.tags cannot be an Arrow column;"},
            {"Set<String> tags", "type java.util.Set<java.lang.String> at batch.tags cannot be an Arrow column;"},
            {"String[] tags", "type java.lang.String[] at batch.tags cannot be an Arrow column;"},
        };
        for (String[] c : cases) {
            JavaFileObject src = source("Shop",
                    "@ProcwireService public class Shop {",                                   // 4
                    "  public record Batch(long[] ids,",                                      // 5
                    "      " + c[0] + ") {}",                                                 // 6
                    "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(Batch batch) {}", // 7
                    "}");
            assertSingleArrowError(src, c[1], 6);
        }
    }

    @Test
    void aNestedRecordInAColumnRecordIsReportedOnItsComponent() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Meta(String source) {}",                                     // 5
                "  public record Batch(long[] ids,",                                          // 6
                "      Meta meta) {}",                                                        // 7
                "  @ProcwireMethod(responseCodec = Codec.ARROW) public Batch get() { return null; }",
                "}");
        assertSingleArrowError(src, "record Meta at get().meta cannot be an Arrow column: move its components into "
                + "Batch as columns of their own", 7);
    }

    @Test
    void aSingleValueInAColumnRecordSuggestsTheColumnAndTheRows() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(String name) {}",                                      // 5
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(Batch batch) {}", // 6
                "}");
        assertSingleArrowError(src, "type java.lang.String at batch.name is one value, not an Arrow column: make it "
                + "List<String>, or take a List<Batch> to bind the table row by row", 5);
    }

    @Test
    void componentsThatCannotBeRowValuesAreReportedOnTheComponent() {
        String[][] cases = {
            {"List<String> tags", "type java.util.List<java.lang.String> at hits[].tags cannot be a value of an Arrow "
                    + "row; each component of a row record is one of long, int, short, byte, float, double, boolean, "
                    + "Long, Integer, Short, Byte, Float, Double, Boolean, String, Instant, byte[], float[] or double[]"},
            {"Meta tags", "record Meta at hits[].tags cannot be a value of an Arrow row: move its components into Hit"},
            {"char tags", "type char at hits[].tags cannot be a value of an Arrow row;"},
            {"UUID tags", "type java.util.UUID at hits[].tags cannot be a value of an Arrow row;"},
        };
        for (String[] c : cases) {
            JavaFileObject src = source("Shop",
                    "@ProcwireService public class Shop {",                                   // 4
                    "  public record Meta(String source) {}",                                 // 5
                    "  public record Hit(long id,",                                           // 6
                    "      " + c[0] + ") {}",                                                 // 7
                    "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(List<Hit> hits) {}",
                    "}");
            assertSingleArrowError(src, c[1], 7);
        }
    }

    @Test
    void twoComponentsOfOneColumnName() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(long[] ids,",                                          // 5
                "      @WireName(\"ids\") int[] other) {}",                                   // 6
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(Batch batch) {}", // 7
                "}");
        assertSingleArrowError(src, "batch: Batch.other and Batch.ids would both be column \"ids\": give one another "
                + "name with @WireName", 6);
    }

    @Test
    void aRecordWithoutComponentsHasNoColumns() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Empty() {}",                                                 // 5
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(List<Empty> rows) {}",
                "}");
        assertSingleArrowError(src, "rows[]: Empty has no components, so a table of it would have no columns: give it "
                + "a component per column", 5);
    }

    @Test
    void aGenericRecordHasNoColumnTypes() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch<T>(List<T> values) {}",                                // 5
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(Batch<String> batch) {}",
                "}");
        assertSingleArrowError(src, "batch: Batch is generic, so its columns have no type to read: remove its type "
                + "parameters", 5);
    }

    @Test
    void anArrowPayloadOfNoTableShape() {
        String[][] cases = {
            {"String text", "put uses the ARROW request codec, whose payload is a table: take VectorSchemaRoot, a "
                    + "record whose components are columns (long[] ids, List<String> names, …), or a List<R> of flat "
                    + "records R (one per row) instead of text (java.lang.String)"},
            {"List<String> text", "instead of text (java.util.List<java.lang.String>)"},
            {"Map<String, long[]> text", "instead of text (java.util.Map<java.lang.String,long[]>)"},
            {"Bean text", "instead of text (test.Shop.Bean)"},
        };
        for (String[] c : cases) {
            JavaFileObject src = source("Shop",
                    "@ProcwireService public class Shop {",                                   // 4
                    "  public static class Bean { public long[] ids; }",                      // 5
                    "  @ProcwireMethod(requestCodec = Codec.ARROW) public void put(",         // 6
                    "      " + c[0] + ") {}",                                                 // 7
                    "}");
            assertSingleArrowError(src, c[1], 7);
        }
    }

    @Test
    void anArrowResultOfNoTableShape() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod(responseCodec = Codec.ARROW)",                             // 5
                "  public String name() { return null; }",                                    // 6
                "}");
        assertSingleArrowError(src, "the result of name uses the ARROW codec, which sends a table: use VectorSchemaRoot, "
                + "a record whose components are columns (long[] ids, List<String> names, …), or a List<R> of flat "
                + "records R (one per row) instead of java.lang.String", 6);
    }

    @Test
    void anArrowStreamChunkOfNoTableShape() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod(response = Response.STREAM, responseCodec = Codec.ARROW)",  // 5
                "  public void names(StreamSink<String> out) {}",                             // 6
                "}");
        assertSingleArrowError(src, "a stream chunk of out uses the ARROW codec, which sends a table: use "
                + "VectorSchemaRoot,", 6);
    }

    @Test
    void anArrowEventOfNoTableShape() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @Event(codec = Codec.ARROW) EventEmitter<Long> count;",                    // 5
                "}");
        assertSingleArrowError(src, "the event count of count uses the ARROW codec, which sends a table: use "
                + "VectorSchemaRoot,", 5);
    }

    @Test
    void anArrowRequestTakesOnePayloadParameter() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void join(",            // 5
                "      org.apache.arrow.vector.VectorSchemaRoot left,",                       // 6
                "      org.apache.arrow.vector.VectorSchemaRoot right) {}",                   // 7
                "}");
        assertSingleArrowError(src, "join uses the ARROW request codec, whose payload is one table, so it takes one "
                + "payload parameter: make right a column of that table, or remove it", 7);
    }

    @Test
    void aVoidResultUnderTheArrowResponseCodecAnswersNoTable() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(long[] ids) {}",                                       // 5
                "  @ProcwireMethod(codec = Codec.ARROW)",                                     // 6
                "  public void ingest(Batch batch) {}",                                       // 7
                "}");
        assertSingleArrowError(src, "ingest returns void, so it answers no table, but its response codec is ARROW, "
                + "whose every answer is one: return VectorSchemaRoot, a record whose components are columns or a "
                + "List<R> of row records, or answer in MsgPack: set requestCodec = Codec.ARROW instead of codec = "
                + "Codec.ARROW", 6);
    }

    @Test
    void aStageOfVoidUnderTheArrowResponseCodecAnswersNoTable() {
        for (String stage : List.of("java.util.concurrent.CompletionStage", "java.util.concurrent.CompletableFuture")) {
            JavaFileObject src = source("Shop",
                    "@ProcwireService public class Shop {",                                   // 4
                    "  @ProcwireMethod(responseCodec = Codec.ARROW)",                         // 5
                    "  public " + stage + "<Void> flush() { return null; }",                  // 6
                    "}");
            assertSingleArrowError(src, "flush completes with no value (Void), so it answers no table, but its "
                    + "response codec is ARROW, whose every answer is one: complete it with VectorSchemaRoot, a "
                    + "record whose components are columns or a List<R> of row records, or answer in MsgPack: remove "
                    + "responseCodec = Codec.ARROW", 5);
        }
    }

    @Test
    void anAckWithoutDataUnderTheArrowResponseCodecAnswersNoTable() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(long[] ids) {}",                                       // 5
                "  @ProcwireMethod(response = Response.ACK, codec = Codec.ARROW)",            // 6
                "  public void take(Batch batch) {}",                                         // 7
                "}");
        assertSingleArrowError(src, "take acks with no data (it takes no AckSink), so it answers no table, but its "
                + "response codec is ARROW, whose every answer is one: ack through an AckSink of VectorSchemaRoot, a "
                + "record whose components are columns or a List<R> of row records, or answer in MsgPack: set "
                + "requestCodec = Codec.ARROW instead of codec = Codec.ARROW", 6);
    }

    @Test
    void methodsAnsweringNoTableCompileWhenTheirResponseIsNotArrow() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public record Batch(long[] ids) {}",
                "  @ProcwireMethod(requestCodec = Codec.ARROW) public void ingest(Batch batch) {}",
                "  @ProcwireMethod(response = Response.NONE, codec = Codec.ARROW) public void drop(Batch batch) {}",
                "  @ProcwireMethod(response = Response.STREAM, codec = Codec.ARROW)",
                "  public void pages(Batch batch, StreamSink<Batch> out) {}",
                "  @ProcwireMethod(response = Response.ACK, codec = Codec.ARROW)",
                "  public void take(Batch batch, AckSink<Batch> ack) {}",
                "  @ProcwireMethod(codec = Codec.RAW) public void store(byte[] bytes) {}",
                "}");
        assertThat(compileArrowService(List.of(), src)).succeededWithoutWarnings();
    }

    @Test
    void arrowMissingFromTheClassPathIsOneErrorOnTheMethodNamingTheArtifacts() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(long[] ids) {}",                                       // 5
                "  @ProcwireMethod(responseCodec = Codec.ARROW)",                             // 6
                "  public Batch score(String query) { return null; }",                        // 7
                "}");
        assertSingleError(src, "score uses Codec.ARROW, which needs Apache Arrow Java on the class path: add "
                + "org.apache.arrow:arrow-vector and org.apache.arrow:arrow-memory-unsafe (19.0.0)", 6);
    }

    @Test
    void arrowMissingFromTheClassPathIsOneErrorOnTheEvent() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public record Batch(long[] ids) {}",                                       // 5
                "  @Event(codec = Codec.ARROW) EventEmitter<Batch> batches;",                 // 6
                "}");
        assertSingleError(src, "event batches uses Codec.ARROW, which needs Apache Arrow Java on the class path: add "
                + "org.apache.arrow:arrow-vector and org.apache.arrow:arrow-memory-unsafe (19.0.0)", 6);
    }

    // ---- service classes --------------------------------------------------------------------

    @Test
    void serviceMustBeAClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public interface Shop {",                                   // 4
                "}");
        assertSingleError(src, "@ProcwireService marks a class; Shop is an interface", 4);
    }

    @Test
    void privateServiceClass() {
        JavaFileObject src = source("Outer",
                "public class Outer {",
                "  @ProcwireService private static class Shop {}",                            // 5
                "}");
        assertSingleError(src, "Shop is private, so generated code cannot use it: make it package-private or public", 5);
    }

    @Test
    void genericServiceClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop<T> {",                                    // 4
                "}");
        assertSingleError(src, "a service class cannot be generic: remove the type parameters of Shop", 4);
    }

    // ---- adapters ---------------------------------------------------------------------------

    /**
     * A service using {@code Money} (lines 4–7) and, from line 8, {@code @WireAdapter final class
     * MoneyAdapter} with {@code adapterLines}: an adapter's mistake is reported on it alone, never again
     * where {@code Money} is used.
     */
    private static JavaFileObject moneyShop(String... adapterLines) {
        List<String> lines = new ArrayList<>(List.of(
                "@ProcwireService public class Shop {",                                       // 4
                "  public static final class Money { public static Money parse(Object o) { return new Money(); } }", // 5
                "  @ProcwireMethod public Money pay(Money m) { return m; }",                   // 6
                "}",                                                                           // 7
                "@WireAdapter final class MoneyAdapter {"));                                   // 8
        lines.addAll(List.of(adapterLines));                                                   // 9…
        lines.add("}");
        return source("Shop", lines.toArray(String[]::new));
    }

    private static final String TO_STRING = "  @ToWire static String toWire(Shop.Money m) { return \"\"; }";
    private static final String FROM_STRING = "  @FromWire static Shop.Money fromWire(String s) { return null; }";

    @Test
    void anUnsupportedTypeErrorPointsAtWireAdapters() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod public void run(Thread t) {}",                             // 5
                "}");
        assertSingleError(src, "for another type, write a @WireAdapter (see dev.procwire.api.WireAdapter)", 5);
    }

    @Test
    void toWireOutsideAWireAdapterClass() {
        JavaFileObject src = source("Conv",
                "final class Money {}",                                                       // 4
                "final class Conv {",                                                         // 5
                "  @ToWire static String toWire(Money m) { return \"\"; }",                    // 6
                "}");
        assertSingleError(src, "@ToWire toWire is in Conv, which is not a @WireAdapter: annotate Conv with "
                + "@WireAdapter", 6);
    }

    @Test
    void aToWireWithoutItsFromWire() {
        assertSingleError(moneyShop(TO_STRING), "MoneyAdapter writes Money with @ToWire toWire but has no @FromWire "
                + "to read it back: add @FromWire static Money fromWire(java.lang.String wire)", 9);
    }

    @Test
    void aFromWireWithoutItsToWire() {
        assertSingleError(moneyShop(FROM_STRING), "MoneyAdapter reads Money with @FromWire fromWire but has no @ToWire "
                + "to write it: add @ToWire static java.lang.String toWire(Money value)", 9);
    }

    @Test
    void aSecondToWireForOneType() {
        assertSingleError(moneyShop(TO_STRING, FROM_STRING,
                "  @ToWire static String again(Shop.Money m) { return \"\"; }"),                // 11
                "a second @ToWire for Money in MoneyAdapter: toWire already converts it; remove one of them", 11);
    }

    @Test
    void twoAdaptersForOneType() {
        JavaFileObject other = source("OtherAdapter",
                "@WireAdapter final class OtherAdapter {",                                    // 4
                "  @ToWire static long toWire(Shop.Money m) { return 0; }",                   // 5
                "  @FromWire static Shop.Money fromWire(long l) { return null; }",            // 6
                "}");
        // Money keeps its first adapter, so the service compiles, against the runtime.
        Compilation c = compileAgainstRuntime(List.of(), moneyShop(TO_STRING, FROM_STRING), other);
        assertThat(c).hadErrorContaining("Money already has an adapter, test.MoneyAdapter: a type has one adapter in "
                + "a compilation; remove one of them").inFile(other).onLine(5);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void anAdapterToAnUnsupportedWireType() {
        assertSingleError(moneyShop(
                "  @ToWire static Thread toWire(Shop.Money m) { return null; }",              // 9
                "  @FromWire static Shop.Money fromWire(Thread t) { return null; }"),         // 10
                "@ToWire toWire returns java.lang.Thread, which cannot travel: unsupported type java.lang.Thread at "
                        + "toWire(Money)", 9);
    }

    @Test
    void anAdapterWhoseWireTypeContainsItsOwnType() {
        assertSingleError(moneyShop(
                "  @ToWire static List<Shop.Money> toWire(Shop.Money m) { return null; }",    // 9
                "  @FromWire static Shop.Money fromWire(List<Shop.Money> l) { return null; }"), // 10
                "Money travels as a type that contains Money again (Money → Money), which never ends: convert it to "
                        + "a type without it", 9);
    }

    @Test
    void aNonStaticAdapterMethod() {
        assertSingleError(moneyShop("  @ToWire String toWire(Shop.Money m) { return \"\"; }", FROM_STRING),
                "@ToWire toWire must be static: generated code calls MoneyAdapter.toWire(…) without an instance; "
                        + "declare it static", 9);
    }

    @Test
    void anAdapterMethodWithTwoParameters() {
        assertSingleError(moneyShop(TO_STRING, "  @FromWire static Shop.Money fromWire(String s, int i) { return null; }"),
                "@FromWire fromWire takes 2 parameters: it takes one, the value as it travels (e.g. static Money "
                        + "fromWire(String wire))", 10);
    }

    @Test
    void otherMisshapenAdapterMethods() {
        String[][] cases = {
            {"  @ToWire static <T> String toWire(Shop.Money m) { return \"\"; }", "@ToWire toWire is generic"},
            {"  @ToWire static void toWire(Shop.Money m) {}", "@ToWire toWire returns void: return the value as it "
                    + "travels"},
            {"  @ToWire @FromWire static String toWire(Shop.Money m) { return \"\"; }",
                    "@ToWire and @FromWire are both on toWire: a method converts one way"},
        };
        for (String[] c : cases) {
            assertSingleError(moneyShop(c[0], FROM_STRING), c[1], 9);
        }
    }

    @Test
    void aPrivateAdapterMethod() {
        assertSingleError(moneyShop("  @ToWire private static String toWire(Shop.Money m) { return \"\"; }",
                FROM_STRING), "@ToWire toWire is private, so generated code cannot call it: make it package-private "
                        + "or public", 9);
    }

    @Test
    void aPrivateAdapterClass() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  public static final class Money {}",                                       // 5
                "  @ProcwireMethod public Money pay(Money m) { return m; }",                   // 6
                "  @WireAdapter private static final class MoneyAdapter {",                   // 7
                "    @ToWire static String toWire(Money m) { return \"\"; }",
                "    @FromWire static Money fromWire(String s) { return null; }",
                "  }",
                "}");
        assertSingleError(src, "MoneyAdapter is private, so generated code cannot call the adapter: make it "
                + "package-private or public", 7);
    }

    @Test
    void aPackagePrivateAdapterUsedFromAnotherPackage() {
        JavaFileObject money = JavaFileObjects.forSourceLines("money.Money",
                "package money;",
                "import dev.procwire.api.*;",
                "public final class Money {}",
                "@WireAdapter final class MoneyAdapter {",                                   // 4
                "  @ToWire static String toWire(Money m) { return \"\"; }",
                "  @FromWire static Money fromWire(String s) { return null; }",
                "}");
        JavaFileObject shop = source("Shop",
                "@ProcwireService public class Shop {",                                       // 4
                "  @ProcwireMethod public money.Money pay(money.Money m) { return m; }",       // 5
                "}");
        Compilation c = compile(shop, money);
        assertThat(c).hadErrorContaining("MoneyAdapter adapts Money for generated code in package test, another "
                + "package, so it must be public, with public @ToWire and @FromWire methods: make them public")
                .inFile(money).onLine(4);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void toWireAndFromWireOfDifferentWireTypes() {
        assertSingleError(moneyShop(TO_STRING, "  @FromWire static Shop.Money fromWire(Long l) { return null; }"),
                "@FromWire fromWire takes java.lang.Long, but @ToWire toWire writes Money as java.lang.String: Money "
                        + "travels as one type; make them the same", 10);
    }

    @Test
    void typesWithAFixedWireFormAndGenericTypesCannotBeAdapted() {
        String[][] cases = {
            {"  @ToWire static long toWire(String s) { return 0; }", "@ToWire toWire adapts String, which cannot be "
                    + "adapted: its form on the wire is fixed; adapt a type of your own that holds it"},
            {"  @ToWire static long toWire(Integer s) { return 0; }", "@ToWire toWire adapts Integer, which cannot be "
                    + "adapted"},
            {"  @ToWire static long toWire(int s) { return 0; }", "@ToWire toWire adapts int, which cannot be adapted"},
            {"  @FromWire static List<String> fromWire(long l) { return null; }", "@FromWire fromWire adapts "
                    + "java.util.List<java.lang.String>, which cannot be adapted: it is generic, and an adapter "
                    + "converts one type"},
        };
        for (String[] c : cases) {
            // Money's own adapter is fine, so the service compiles, against the runtime.
            JavaFileObject src = moneyShop(TO_STRING, FROM_STRING, c[0]);
            Compilation compilation = compileAgainstRuntime(List.of(), src);
            assertThat(compilation).hadErrorContaining(c[1]).inFile(src).onLine(11);
            assertThat(compilation).hadErrorCount(1);
        }
    }

    @Test
    void anAdaptedTypeIsUsableEverywhereAndCompilesWithoutWarnings() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static final class Money {}",
                "  public record Order(Money total, List<Money> lines, Map<String, Money> byName,",
                "      Map<Money, Integer> counts, Optional<Money> discount, Money[] all) {}",
                "  @Event(\"paid\") EventEmitter<Money> paid;",
                "  @ProcwireMethod public Money pay(Money m, Order o) { return m; }",
                "  @ProcwireMethod(response = Response.STREAM) public void each(StreamSink<Money> out) {}",
                "}");
        JavaFileObject adapter = source("MoneyAdapter",
                "@WireAdapter final class MoneyAdapter {",
                "  @ToWire static String toWire(Shop.Money m) { return \"\"; }",
                "  @FromWire static Shop.Money fromWire(String s) { return new Shop.Money(); }",
                "}");
        assertThat(compileAgainstRuntime(List.of("-Xlint:all,-processing", "-Werror"), src, adapter))
                .succeededWithoutWarnings();
    }

    @Test
    void anAdapterReplacesTheBuiltInRuleOfItsType() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public java.time.Instant at(java.time.Instant t) { return t; }",
                "}");
        JavaFileObject adapter = source("InstantAdapter",
                "@WireAdapter final class InstantAdapter {",
                "  @ToWire static long toWire(java.time.Instant t) { return t.toEpochMilli(); }",
                "  @FromWire static java.time.Instant fromWire(long ms) { return java.time.Instant.ofEpochMilli(ms); }",
                "}");
        Compilation c = compileAgainstRuntime(List.of(), src, adapter);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Shop_Procwire").contentsAsUtf8String()
                .contains("long wire = InstantAdapter.toWire(value);");
        assertThat(c).generatedSourceFile("test.Shop_Procwire").contentsAsUtf8String()
                .doesNotContain("writeTimestamp");
    }

    @Test
    void adaptedTypesMayRecurThroughARecord() {
        // Money travels as Box, which holds a Cash, which travels as a Money: finite values of a
        // recursive type, as a record holding itself is.
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public static final class Money { private final long cents = 0; }",
                "  public static final class Cash { private final long cents = 0; }",
                "  public record Box(Cash cash) {}",
                "  @ProcwireMethod public Money pay(Money m) { return m; }",
                "}");
        JavaFileObject adapter = source("Adapters",
                "@WireAdapter final class Adapters {",
                "  @ToWire static Shop.Money cashToWire(Shop.Cash c) { return null; }",
                "  @FromWire static Shop.Cash cashFromWire(Shop.Money m) { return null; }",
                "  @ToWire static Shop.Box toWire(Shop.Money m) { return null; }",
                "  @FromWire static Shop.Money fromWire(Shop.Box b) { return null; }",
                "}");
        assertThat(compileAgainstRuntime(List.of(), src, adapter)).succeededWithoutWarnings();
    }

    // ---- robustness -------------------------------------------------------------------------

    @Test
    void unresolvedTypesAreLeftToJavacAndNeverCrashTheProcessor() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public void place(NoSuchType order) {}",                   // 5
                "}");
        Compilation c = compile(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(src).onLine(5);
        for (var d : c.errors()) {
            org.junit.jupiter.api.Assertions.assertFalse(d.getMessage(null).contains("procwire-processor failed"),
                    d.getMessage(null));
        }
    }

    // ---- generated code that never breaks the user's build ----------------------------------


    @Test
    void deprecatedServiceMethodsAndValueTypesCompileUnderWerror() {
        JavaFileObject values = source("Values",
                "public final class Values {",
                "  @Deprecated public record Item(@Deprecated String sku, Color color) {}",
                "  @Deprecated(forRemoval = true) public enum Color { RED, @Deprecated GREEN }",
                "  @Deprecated public static class Bean { @Deprecated public int n; }",
                "}");
        JavaFileObject shop = source("Shop",
                "@ProcwireService public class Shop {",
                "  @Deprecated @ProcwireMethod public Values.Item pick(Values.Item item) { return item; }",
                "  @Deprecated(forRemoval = true) @ProcwireMethod public Values.Bean bean(Values.Bean b) { return b; }",
                "}");
        assertThat(compileAgainstRuntime(List.of("-Xlint:all,-processing", "-Werror"), shop, values))
                .succeededWithoutWarnings();
    }

    @Test
    void everyLintButProcessingPassesWithWerror() {
        // -processing stays off: the processor does not claim its annotations (see LaterRoundTypesTest).
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @ProcwireMethod public int add(int a, int b) { return a + b; }",
                "}");
        assertThat(compileAgainstRuntime(List.of("-Xlint:all,-processing", "-Werror"), src)).succeededWithoutWarnings();
    }

    @Test
    void aNestedTypeAndATopLevelTypeOfTheSameFlatNameGetTwoCodecs() {
        JavaFileObject flat = source("Svc_Item", "public record Svc_Item(String a) {}");
        JavaFileObject svc = source("Svc",
                "@ProcwireService public class Svc {",
                "  public record Item(int b) {}",
                "  @ProcwireMethod public Item nested(Item i) { return i; }",
                "  @ProcwireMethod public Svc_Item flat(Svc_Item i) { return i; }",
                "}");
        Compilation c = compileAgainstRuntime(List.of(), svc, flat);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Svc_Item_ProcwireCodec");
        assertThat(c).generatedSourceFile("test.Svc_1Item_ProcwireCodec");
    }

    /** Compiles {@code sources} with the runtime and Apache Arrow on the class path (and {@code extra}), lint as errors. */
    private static Compilation compileArrowService(List<File> extra, JavaFileObject... sources) {
        List<File> classPath = new ArrayList<>(ARROW_RUNTIME_CLASS_PATH);
        classPath.addAll(extra);
        return Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(classPath)
                .withOptions("-Xlint:all,-processing", "-Werror").compile(sources);
    }

    @Test
    void aNestedRecordAndATopLevelRecordOfTheSameFlatNameGetTwoArrowMappingsNamedAsTheirCodecs() {
        JavaFileObject flat = source("Svc_Item", "public record Svc_Item(long[] a) {}");
        JavaFileObject svc = source("Svc",
                "@ProcwireService public class Svc {",
                "  public record Item(long[] b) {}",
                "  @ProcwireMethod(codec = Codec.ARROW) public Item nested(Item i) { return i; }",
                "  @ProcwireMethod(codec = Codec.ARROW) public Svc_Item flat(Svc_Item i) { return i; }",
                "}");
        Compilation c = compileArrowService(List.of(), svc, flat);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Svc_Item_ProcwireArrow");
        assertThat(c).generatedSourceFile("test.Svc_1Item_ProcwireArrow");
    }

    @Test
    void twoServicesSendingOneRecordAsATableShareItsMappingWithEveryShapeItHas() {
        JavaFileObject signal = source("Signal", "public record Signal(float[] samples) {}");
        JavaFileObject columns = source("Columns",
                "@ProcwireService public class Columns {",
                "  @ProcwireMethod(codec = Codec.ARROW) public Signal one(Signal s) { return s; }",
                "}");
        JavaFileObject rows = source("Rows",
                "@ProcwireService public class Rows {",
                "  @ProcwireMethod(codec = Codec.ARROW) public List<Signal> many(List<Signal> s) { return s; }",
                "}");
        Compilation c = compileArrowService(List.of(), columns, rows, signal);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Signal_ProcwireArrow").contentsAsUtf8String()
                .contains("public static Signal read(VectorSchemaRoot table)");
        assertThat(c).generatedSourceFile("test.Signal_ProcwireArrow").contentsAsUtf8String()
                .contains("public static List<Signal> readRows(VectorSchemaRoot table)");
    }

    @Test
    void theArrowMappingOfARecordCompiledElsewhereIsUsedNotWrittenAgain(@TempDir Path dir) throws IOException {
        File library = compileLibrary(dir, ARROW_RUNTIME_CLASS_PATH, JavaFileObjects.forSourceLines("lib.Signal",
                "package lib;",
                "public record Signal(float[] samples) {}"), JavaFileObjects.forSourceLines("lib.Columns",
                "package lib;",
                "import dev.procwire.api.*;",
                "@ProcwireService public class Columns {",
                "  @ProcwireMethod(codec = Codec.ARROW) public Signal one(Signal s) { return s; }",
                "}"));
        JavaFileObject rows = source("Rows",
                "@ProcwireService public class Rows {",
                "  @ProcwireMethod(codec = Codec.ARROW) public List<lib.Signal> many(List<lib.Signal> s) { return s; }",
                "}");
        Compilation c = compileArrowService(List.of(library), rows);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Rows_Procwire").contentsAsUtf8String()
                .contains("Signal_ProcwireArrow.readRows(");
        assertEquals(List.of(), c.generatedSourceFiles().stream().map(JavaFileObject::getName)
                .filter(n -> n.contains("Signal_ProcwireArrow")).toList());
    }

    @Test
    void arrowComponentsNamedLikeTheLocalsOfTheGeneratedMappingsCompile() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public record Cols(long[] table, int[] rows, List<String> value, List<String> ArrowColumns) {}",
                "  public record Row(long table, int rows, String result, String i, String row, String size,",
                "      String TableBuilder) {}",
                "  @ProcwireMethod(codec = Codec.ARROW) public Cols cols(Cols table) { return table; }",
                "  @ProcwireMethod(codec = Codec.ARROW) public List<Row> rows(List<Row> call) { return call; }",
                "}");
        Compilation c = Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(ARROW_RUNTIME_CLASS_PATH)
                .withOptions("-Xlint:all,-processing", "-Werror").compile(src);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Shop_Cols_ProcwireArrow");
        assertThat(c).generatedSourceFile("test.Shop_Row_ProcwireArrow");
    }

    @Test
    void arrowRowsAndRecordsBehindWildcardsCompile() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public record Row(long id) {}",
                "  @ProcwireMethod(codec = Codec.ARROW) public List<? extends Row> rows(List<? extends Row> in) {",
                "    return in;",
                "  }",
                "  @ProcwireMethod(response = Response.STREAM, codec = Codec.ARROW)",
                "  public void pages(List<Row> in, StreamSink<? super List<Row>> out) {}",
                "  @ProcwireMethod(response = Response.ACK, responseCodec = Codec.ARROW)",
                "  public void ack(AckSink<List<? extends Row>> ack) {}",
                "}");
        Compilation c = Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(ARROW_RUNTIME_CLASS_PATH)
                .withOptions("-Xlint:all,-processing", "-Werror").compile(src);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Shop_Row_ProcwireArrow");
    }

    @Test
    void typeUseAnnotationsOnArrowColumnsCompile() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Nullable {}",
                "  public record Cols(long @Nullable [] ids, List<@Nullable Long> parents, @Nullable List<String> names) {}",
                "  public record Row(@Nullable Long parent, @Nullable String name, float @Nullable [] vector) {}",
                "  @ProcwireMethod(codec = Codec.ARROW) public Cols cols(Cols table) { return table; }",
                "  @ProcwireMethod(codec = Codec.ARROW) public List<Row> rows(List<Row> call) { return call; }",
                "}");
        Compilation c = Compiler.javac().withProcessors(new ProcwireProcessor()).withClasspath(ARROW_RUNTIME_CLASS_PATH)
                .withOptions("-Xlint:all,-processing", "-Werror").compile(src);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("test.Shop_Cols_ProcwireArrow");
        assertThat(c).generatedSourceFile("test.Shop_Row_ProcwireArrow");
    }

    @Test
    void parametersNamedAfterTheTypesTheGeneratedCodeUsesCompile() {
        JavaFileObject src = source("Shop",
                "@ProcwireService public class Shop {",
                "  public record Box(String MapKeys, int ValueType, long MsgPackReader, String Codecs) {}",
                "  @ProcwireMethod public int put(String MapKeys, int ValueType, long MsgPackReader, Box Codecs,",
                "      Map<String, Integer> List, String in, String out, String service, String call) { return 0; }",
                "}");
        assertThat(compileAgainstRuntime(List.of(), src)).succeededWithoutWarnings();
    }
}
