package dev.procwire.processor;

import static dev.procwire.processor.Msg.decode;
import static dev.procwire.processor.Msg.encode;
import static dev.procwire.processor.Msg.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.procwire.processor.fixtures.Adapted.Amount;
import dev.procwire.processor.fixtures.Adapted.Spot;
import dev.procwire.processor.fixtures.AdapterService.Order;
import dev.procwire.processor.fixtures.AdapterService_Order_ProcwireCodec;
import dev.procwire.processor.fixtures.Polymorphism.Circle;
import dev.procwire.processor.fixtures.Polymorphism.Group;
import dev.procwire.processor.fixtures.Polymorphism.Language;
import dev.procwire.processor.fixtures.Polymorphism.Shape;
import dev.procwire.processor.fixtures.Polymorphism.Square;
import dev.procwire.processor.fixtures.Polymorphism_Language_ProcwireCodec;
import dev.procwire.processor.fixtures.Polymorphism_Shape_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes.Account;
import dev.procwire.processor.fixtures.Shapes.Color;
import dev.procwire.processor.fixtures.Shapes.Containers;
import dev.procwire.processor.fixtures.Shapes.Dynamic;
import dev.procwire.processor.fixtures.Shapes.Keyed;
import dev.procwire.processor.fixtures.Shapes.Money;
import dev.procwire.processor.fixtures.Shapes.Node;
import dev.procwire.processor.fixtures.Shapes.Page;
import dev.procwire.processor.fixtures.Shapes.Pair;
import dev.procwire.processor.fixtures.Shapes.Point;
import dev.procwire.processor.fixtures.Shapes.Scalars;
import dev.procwire.processor.fixtures.Shapes.Standard;
import dev.procwire.processor.fixtures.Shapes_Account_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Color_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Containers_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Derived_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Dynamic_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Keyed_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Money_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Node_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Optionals_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Page_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Pair_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Point_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Scalars_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Standard_ProcwireCodec;
import dev.procwire.runtime.codec.Decoder;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.internal.control.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop with the parent's real MsgPack codec ({@code msgpackCodec} of {@code @procwire/codecs},
 * pinned in procwire-sample): values written by the generated Java writers are decoded and encoded
 * again by JavaScript, then read back by the generated readers; values only JavaScript produces
 * (Buffers, Dates, numbers beyond 2⁵³, numeric object keys, a JS Map) are read by the generated readers.
 *
 * <p>Skipped when {@code node} or {@code procwire-sample/node_modules} is missing, except when
 * {@code CI=true}: then it fails.
 */
class NodeInteropTest {
    /** A value with the generated writer and reader of its type. */
    private record Case<T>(Encoder<T> writer, Decoder<T> reader, T value) {
        byte[] encoded() {
            return encode(writer, value);
        }

        /** Reads {@code bytes} and writes the result again, for comparison with {@link #encoded()}. */
        byte[] reencode(byte[] bytes) {
            return encode(writer, decode(reader, bytes));
        }
    }

    private static final Map<String, Case<?>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("scalars", new Case<>(Shapes_Scalars_ProcwireCodec::write, Shapes_Scalars_ProcwireCodec::read,
                Samples.scalars()));
        CASES.put("scalarsWithNulls", new Case<>(Shapes_Scalars_ProcwireCodec::write,
                Shapes_Scalars_ProcwireCodec::read, Samples.scalarsWithNulls()));
        CASES.put("containers", new Case<>(Shapes_Containers_ProcwireCodec::write,
                Shapes_Containers_ProcwireCodec::read, Samples.containers()));
        CASES.put("optionals", new Case<>(Shapes_Optionals_ProcwireCodec::write, Shapes_Optionals_ProcwireCodec::read,
                Samples.optionals()));
        CASES.put("emptyOptionals", new Case<>(Shapes_Optionals_ProcwireCodec::write,
                Shapes_Optionals_ProcwireCodec::read, Samples.emptyOptionals()));
        CASES.put("page", new Case<Page<Point>>(
                (out, v) -> Shapes_Page_ProcwireCodec.write(out, v, Shapes_Point_ProcwireCodec::write),
                in -> Shapes_Page_ProcwireCodec.read(in, Shapes_Point_ProcwireCodec::read), Samples.page()));
        CASES.put("pair", new Case<Pair<String, Page<Color>>>(
                (out, v) -> Shapes_Pair_ProcwireCodec.write(out, v, (o, s) -> o.writeString(s),
                        (o, p) -> Shapes_Page_ProcwireCodec.write(o, p, Shapes_Color_ProcwireCodec::write)),
                in -> Shapes_Pair_ProcwireCodec.read(in, r -> r.readNullableString(),
                        r -> Shapes_Page_ProcwireCodec.read(r, Shapes_Color_ProcwireCodec::read)),
                Samples.pair()));
        CASES.put("node", new Case<>(Shapes_Node_ProcwireCodec::write, Shapes_Node_ProcwireCodec::read, Samples.node()));
        CASES.put("dynamic", new Case<>(Shapes_Dynamic_ProcwireCodec::write, Shapes_Dynamic_ProcwireCodec::read,
                Samples.dynamic()));
        CASES.put("account", new Case<>(Shapes_Account_ProcwireCodec::write, Shapes_Account_ProcwireCodec::read,
                Samples.account()));
        CASES.put("point", new Case<>(Shapes_Point_ProcwireCodec::write, Shapes_Point_ProcwireCodec::read,
                new Point(-3, 4)));
        CASES.put("money", new Case<>(Shapes_Money_ProcwireCodec::write, Shapes_Money_ProcwireCodec::read,
                Samples.money()));
        CASES.put("derived", new Case<>(Shapes_Derived_ProcwireCodec::write, Shapes_Derived_ProcwireCodec::read,
                Samples.derived()));
        CASES.put("color", new Case<>(Shapes_Color_ProcwireCodec::write, Shapes_Color_ProcwireCodec::read, Color.BLUE));
        CASES.put("standard", new Case<>(Shapes_Standard_ProcwireCodec::write, Shapes_Standard_ProcwireCodec::read,
                Samples.standard()));
        CASES.put("keyed", new Case<>(Shapes_Keyed_ProcwireCodec::write, Shapes_Keyed_ProcwireCodec::read,
                Samples.keyed()));
        CASES.put("shape", new Case<>(Polymorphism_Shape_ProcwireCodec::write, Polymorphism_Shape_ProcwireCodec::read,
                new Group("g", List.of(new Circle(1.5), new Square(2)))));
        CASES.put("language", new Case<>(Polymorphism_Language_ProcwireCodec::write,
                Polymorphism_Language_ProcwireCodec::read, Language.PT_BR));
        CASES.put("adaptedOrder", new Case<>(AdapterService_Order_ProcwireCodec::write,
                AdapterService_Order_ProcwireCodec::read, AdapterRoundTripTest.order()));
    }

    private static Map<String, Object> reencoded;
    private static Map<String, Object> seen;
    private static Map<String, Object> fromJs;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runTheParentsCodec() throws Exception {
        Path root = TestPaths.repoRoot();
        Path codecs = root.resolve("procwire-sample/node_modules/@procwire/codecs");
        Path script = root.resolve("procwire-processor/src/test/node/roundtrip.mjs");
        String missing = !nodeRuns() ? "node is not on the PATH"
                : !Files.isDirectory(codecs) ? codecs + " is missing (run npm ci in procwire-sample)" : null;
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("interop with the real @procwire/codecs must run on CI, but " + missing);
            }
            assumeTrue(false, "skipping interop with the real @procwire/codecs: " + missing);
        }
        StringBuilder input = new StringBuilder("{\"javaEncoded\":{");
        for (Map.Entry<String, Case<?>> e : CASES.entrySet()) {
            if (input.charAt(input.length() - 1) != '{') {
                input.append(',');
            }
            input.append('"').append(e.getKey()).append("\":\"")
                    .append(Base64.getEncoder().encodeToString(e.getValue().encoded())).append('"');
        }
        input.append("}}");
        Path stderr = Files.createTempFile("procwire-interop", ".err");
        try {
            Process node = new ProcessBuilder("node", script.toString(), codecs.toString())
                    .redirectError(stderr.toFile()).start();
            node.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
            node.getOutputStream().close();
            byte[] out = node.getInputStream().readAllBytes();
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                node.destroyForcibly();
                fail("node failed: " + Files.readString(stderr));
            }
            Map<String, Object> result = (Map<String, Object>) Json.parse(new String(out, StandardCharsets.UTF_8));
            reencoded = (Map<String, Object>) result.get("reencoded");
            seen = (Map<String, Object>) result.get("seen");
            fromJs = (Map<String, Object>) result.get("fromJs");
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] bytes(Map<String, Object> from, String name) {
        return Base64.getDecoder().decode((String) from.get(name));
    }

    static Stream<String> caseNames() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("caseNames")
    void javaValuesSurviveTheParentsCodec(String name) {
        Case<?> c = CASES.get(name);
        assertEquals(hex(c.encoded()), hex(c.reencode(bytes(reencoded, name))),
                "written by Java, decoded and encoded by msgpackCodec, read by Java");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParentSeesNativeJavaScriptValues() {
        Map<String, Object> s = (Map<String, Object>) seen.get("scalars");
        assertEquals(Map.of("$date", "2024-05-06T07:08:09.123Z"), s.get("at"), "an Instant is a Date");
        assertEquals(Map.of("$bytes", "010203"), s.get("bytes"), "byte[] is a Uint8Array");
        assertEquals(Map.of("$bytes", "0405"), s.get("buffer"));
        assertEquals(1L << 40, s.get("l"), "a long is a number");
        assertEquals("é", s.get("c"), "a char is a one-character string");
        assertEquals("123456789012345678901234567890", s.get("big"), "a BigInteger beyond 64 bits is a string");
        assertEquals("12345.678900", s.get("decimal"), "a BigDecimal is its exact decimal string");
        Map<String, Object> c = (Map<String, Object>) seen.get("containers");
        assertEquals(Map.of("1", "one", "20", "twenty"), c.get("byNumber"), "integer keys become object keys");
        assertEquals(Map.of("RED", 1L, "BLUE", 3L), c.get("byColor"), "enum keys are names");
        assertEquals(List.of(List.of(1L, 2L), List.of(), List.of(1L << 40)), c.get("grid"));
        Map<String, Object> empty = (Map<String, Object>) seen.get("emptyOptionals");
        for (Object v : empty.values()) {
            assertNull(v, "an empty Optional is null");
        }
        assertEquals("BLUE", seen.get("color"));
        assertEquals(Map.of("owner", "ada", "balance", 12_345L, "active", true), seen.get("account"));
        assertEquals(Map.of("id", "d-1", "rank", 7L), seen.get("derived"));
    }

    @Test
    void scalarsBuiltInJavaScriptDecode() {
        Scalars s = decode(Shapes_Scalars_ProcwireCodec::read, bytes(fromJs, "scalars"));
        assertEquals(true, s.flag());
        assertEquals(-128, s.b());
        assertEquals(300, s.s());
        assertEquals(Integer.MAX_VALUE, s.i());
        assertEquals(1L << 53, s.l(), "2**53 arrives as a float64");
        assertEquals(0.5f, s.f());
        assertEquals(3.0, s.d(), "an integral number arrives as an int");
        assertEquals('z', s.c());
        assertNull(s.boxedFlag());
        assertNull(s.boxedByte(), "undefined arrives as nil");
        assertEquals((short) 7, s.boxedShort());
        assertEquals(-1, s.boxedInt());
        assertEquals(1L << 40, s.boxedLong(), "2**40 arrives as uint64");
        assertEquals(1.0f, s.boxedFloat());
        assertEquals(9007199254740994.0, s.boxedDouble());
        assertEquals('q', s.boxedChar());
        assertEquals("ünïcödé ✓", s.text());
        assertArrayEquals(new byte[] {1, 2, 3}, s.bytes(), "a Buffer arrives as ext 1");
        assertEquals(ByteBuffer.wrap(new byte[] {4, 5}), s.buffer(), "a Uint8Array arrives as bin");
        assertEquals(Instant.parse("2020-01-02T03:04:05.678Z"), s.at(), "a Date arrives as a timestamp");
        assertEquals(new BigInteger("123456789012345678901234567890"), s.big());
        assertEquals(new BigDecimal("0.1"), s.decimal());
    }

    @Test
    void containersBuiltInJavaScriptDecode() {
        Containers c = decode(Shapes_Containers_ProcwireCodec::read, bytes(fromJs, "containers"));
        assertEquals(List.of("a"), c.list());
        assertEquals(Set.of(1, 2), c.set());
        assertEquals(List.of(1L << 40), List.copyOf(c.collection()));
        assertEquals(List.of(1.0, 2.5), c.arrayList());
        assertEquals(List.of(), c.linkedList());
        assertEquals(List.of("a", "b"), List.copyOf(c.sorted()));
        assertArrayEquals(new int[] {1, -2}, c.ints());
        assertArrayEquals(new String[] {"x", null}, c.strings());
        assertArrayEquals(new long[] {2, 3}, c.grid()[1]);
        assertEquals(Map.of(), c.byName(), "a JS Map arrives empty");
        assertEquals(Map.of(1, "one", 2, "two"), c.byNumber(), "numeric object keys are strings on the wire");
        assertEquals(Map.of(Color.GREEN, 5L), c.byColor());
        assertEquals(new TreeMap<>(Map.of(-1L, "minus one", 10L, "ten")), c.tree());
        assertEquals(List.of(List.of(Color.RED), List.of()), c.nested());
        assertEquals(Map.of("g", List.of(new Point(1, 2))), c.groups());
    }

    @Test
    void recursiveGenericAndPojoValuesBuiltInJavaScriptDecode() {
        assertEquals(new Node("r", List.of(new Node("c", List.of(new Node("g", List.of()))))),
                decode(Shapes_Node_ProcwireCodec::read, bytes(fromJs, "node")));
        assertEquals(new Account("js", 100, true), decode(Shapes_Account_ProcwireCodec::read, bytes(fromJs, "account")),
                "a missing balance keeps its declared default");
        assertEquals(new Money("JPY", new BigDecimal("1500")), decode(Shapes_Money_ProcwireCodec::read,
                bytes(fromJs, "money")));
        Page<Point> page = decode(in -> Shapes_Page_ProcwireCodec.read(in, Shapes_Point_ProcwireCodec::read),
                bytes(fromJs, "page"));
        assertEquals(new Page<>(List.of(new Point(1, 2)), 1, null), page);
        assertEquals(Color.GREEN, decode(Shapes_Color_ProcwireCodec::read, bytes(fromJs, "color")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dynamicValuesBuiltInJavaScriptDecode() {
        Dynamic d = decode(Shapes_Dynamic_ProcwireCodec::read, bytes(fromJs, "dynamic"));
        Map<Object, Object> any = (Map<Object, Object>) d.any();
        assertArrayEquals(new byte[] {9, 8}, (byte[]) any.get("buf"), "a Buffer is a byte[]");
        assertEquals(Instant.EPOCH, any.get("when"), "a Date is an Instant");
        assertEquals(9007199254740992.0, any.get("big"), "2**53 is a float64, so a Double");
        assertEquals(-(1L << 40), any.get("neg"));
        List<Object> arr = new ArrayList<>();
        arr.add(1L);
        arr.add("x");
        arr.add(null);
        arr.add(true);
        arr.add(1.5);
        assertEquals(arr, any.get("arr"));
        assertEquals(Map.of("a", Map.of("b", Map.of("c", List.of()))), any.get("nested"));
        assertEquals(Map.of(), d.attributes());
        assertEquals(List.of(), d.values());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParentSeesStandardValueTypesAsStrings() {
        Map<String, Object> s = (Map<String, Object>) seen.get("standard");
        assertEquals("123e4567-e89b-12d3-a456-426614174000", s.get("id"), "a UUID is its string");
        assertEquals("2024-02-29", s.get("date"));
        assertEquals("23:59:59.123456789", s.get("time"));
        assertEquals("2024-05-01T10:15", s.get("local"));
        assertEquals("2024-05-01T10:15:30.500+05:30", s.get("offset"), "an OffsetDateTime keeps its offset");
        assertEquals("2024-10-27T02:30+01:00[Europe/Paris]", s.get("zoned"), "a ZonedDateTime keeps its zone");
        assertEquals("PT-1M-29.999999999S", s.get("duration"), "a Duration is ISO-8601, to the nanosecond");
        assertEquals("P1Y14M-3D", s.get("period"));
        assertEquals("America/New_York", s.get("zone"));
        assertEquals("https://example.com/a%20b?q=1#top", s.get("uri"));
        assertEquals(List.of("RED", "BLUE"), s.get("colors"), "an EnumSet is an array of names");
        assertEquals(Map.of("RED", "stop", "BLUE", "sky"), s.get("labels"), "an EnumMap is an object");
        assertEquals(Map.of("offset", "2024-05-01T04:45:30.500Z", "date", "2024-02-29T00:00:00.000Z"),
                seen.get("standardAsDates"), "JavaScript's Date parses an OffsetDateTime and a LocalDate (as UTC)");
        Map<String, Object> k = (Map<String, Object>) seen.get("keyed");
        assertEquals(Map.of("00000000-0000-0000-0000-00000000000a", "ten"), k.get("byId"), "keys are object keys");
        assertEquals(Map.of("PT1.5S", "one and a half"), k.get("byDuration"));
    }

    @Test
    void standardValueTypesBuiltInJavaScriptDecode() {
        Standard s = decode(Shapes_Standard_ProcwireCodec::read, bytes(fromJs, "standard"));
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), s.id());
        assertEquals(LocalDate.of(2024, 5, 1), s.date());
        assertEquals(LocalTime.of(10, 15, 30), s.time());
        assertEquals(LocalDateTime.of(2024, 5, 1, 10, 15, 30), s.local());
        assertEquals(OffsetDateTime.of(2024, 5, 1, 8, 15, 30, 123_000_000, ZoneOffset.UTC), s.offset(),
                "a Date is an OffsetDateTime at offset Z");
        assertEquals(ZonedDateTime.of(2024, 5, 1, 8, 15, 30, 123_000_000, ZoneOffset.UTC), s.zoned(),
                "date.toISOString() is a ZonedDateTime at zone Z");
        assertEquals(Duration.ofMillis(1500), s.duration(), "a number is milliseconds");
        assertEquals(Period.ofDays(14), s.period());
        assertEquals(ZoneId.of("Europe/Paris"), s.zone());
        assertEquals(URI.create("https://example.com/?q=a%20b"), s.uri());
        assertEquals(EnumSet.of(Color.RED, Color.BLUE), s.colors());
        assertEquals(new EnumMap<>(Map.of(Color.GREEN, "go")), s.labels());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSealedValueIsADiscriminatedUnionMemberForTheParent() {
        Map<String, Object> group = (Map<String, Object>) seen.get("shape");
        assertEquals("Group", group.get("type"));
        assertEquals(List.of(Map.of("type", "circle", "radius", 1.5), Map.of("type", "Square", "side_length", 2L)),
                group.get("members"));
        assertEquals("pt_br", seen.get("language"), "an enum is its wire name");
    }

    @Test
    void aDiscriminatedUnionBuiltInJavaScriptDecodes() {
        assertEquals(List.of(new Circle(2), new Group("g", List.of(new Square(1)))),
                decode(in -> {
                    List<Shape> shapes = new ArrayList<>();
                    for (int i = in.readArrayHeader(); i > 0; i--) {
                        shapes.add(Polymorphism_Shape_ProcwireCodec.read(in));
                    }
                    return shapes;
                }, bytes(fromJs, "shapes")));
        assertEquals(Language.ZH_HANS, decode(Polymorphism_Language_ProcwireCodec::read, bytes(fromJs, "language")));
    }

    @Test
    void mapKeysOfStringFormTypesBuiltInJavaScriptDecode() {
        Keyed k = decode(Shapes_Keyed_ProcwireCodec::read, bytes(fromJs, "keyed"));
        assertEquals(Map.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "id"), k.byId());
        assertEquals(new TreeMap<>(Map.of(LocalDate.of(1999, 12, 31), 2, LocalDate.of(2024, 5, 1), 1)), k.byDate());
        assertEquals(Map.of(LocalTime.of(10, 15), "t"), k.byTime());
        assertEquals(Map.of(Duration.ofMillis(1500), "d"), k.byDuration());
        assertEquals(Map.of(ZoneId.of("Europe/Paris"), "z"), k.byZone());
        assertNull(k.byUri(), "a missing key is null");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParentSeesAdaptedTypesAsTheirWireForm() {
        Map<String, Object> o = (Map<String, Object>) seen.get("adaptedOrder");
        assertEquals("EUR 12.50", o.get("total"), "an Amount is the string its adapter writes");
        assertEquals(Arrays.asList("EUR 9.30", null), o.get("lines"));
        assertEquals(Map.of("USD 1", 2L), o.get("counts"), "an Amount key is an object key");
        assertEquals(Map.of("lat", 48.85, "lon", 2.35), o.get("shipTo"), "a Spot is the record its adapter writes");
    }

    @Test
    void adaptedTypesBuiltInJavaScriptDecode() {
        Order o = decode(AdapterService_Order_ProcwireCodec::read, bytes(fromJs, "adaptedOrder"));
        assertEquals(Amount.of("USD", "99.99"), o.total());
        assertEquals(Arrays.asList(Amount.of("USD", "1.01"), null), o.lines());
        assertEquals(Map.of("gift", Amount.of("USD", "5")), o.byName());
        assertEquals(Map.of(Amount.of("EUR", "2"), 3), o.counts());
        assertEquals(Optional.empty(), o.discount());
        assertEquals(new Spot(35.68, 139.69), o.shipTo());
    }
}
