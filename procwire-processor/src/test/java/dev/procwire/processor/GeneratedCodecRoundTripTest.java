package dev.procwire.processor;

import static dev.procwire.processor.Msg.decode;
import static dev.procwire.processor.Msg.encode;
import static dev.procwire.processor.Msg.hex;
import static dev.procwire.processor.Msg.map;
import static dev.procwire.processor.Msg.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.processor.fixtures.Shapes.Account;
import dev.procwire.processor.fixtures.Shapes.Beans;
import dev.procwire.processor.fixtures.Shapes.Color;
import dev.procwire.processor.fixtures.Shapes.Containers;
import dev.procwire.processor.fixtures.Shapes.Derived;
import dev.procwire.processor.fixtures.Shapes.Dynamic;
import dev.procwire.processor.fixtures.Shapes.Keyed;
import dev.procwire.processor.fixtures.Shapes.Money;
import dev.procwire.processor.fixtures.Shapes.Node;
import dev.procwire.processor.fixtures.Shapes.Optionals;
import dev.procwire.processor.fixtures.Shapes.Page;
import dev.procwire.processor.fixtures.Shapes.Pair;
import dev.procwire.processor.fixtures.Shapes.Point;
import dev.procwire.processor.fixtures.Shapes.Scalars;
import dev.procwire.processor.fixtures.Shapes.Standard;
import dev.procwire.processor.fixtures.Shapes_Account_ProcwireCodec;
import dev.procwire.processor.fixtures.Shapes_Beans_ProcwireCodec;
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
import dev.procwire.runtime.codec.Extension;
import dev.procwire.runtime.codec.MsgPackException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The generated codecs write what they read, for every type family, and read what JavaScript sends. */
class GeneratedCodecRoundTripTest {

    /** Encodes, decodes, and checks the decoded value encodes to the same bytes. */
    private static <T> T roundTrip(Encoder<T> writer, Decoder<T> reader, T value) {
        byte[] bytes = encode(writer, value);
        T back = decode(reader, bytes);
        assertEquals(hex(bytes), hex(encode(writer, back)), "re-encoding the decoded value");
        return back;
    }

    /** The sample scalars as a map, with some entries replaced, encoded. */
    @SuppressWarnings("unchecked")
    private static byte[] scalarsWith(Object... keysAndValues) {
        Map<Object, Object> m = (Map<Object, Object>) Msg.unpack(encode(Shapes_Scalars_ProcwireCodec::write,
                Samples.scalars()));
        m.putAll(map(keysAndValues));
        return pack(m);
    }

    private static final Encoder<Page<Point>> PAGE_OF_POINT =
            (out, v) -> Shapes_Page_ProcwireCodec.write(out, v, Shapes_Point_ProcwireCodec::write);
    private static final Decoder<Page<Point>> PAGE_OF_POINT_READER =
            in -> Shapes_Page_ProcwireCodec.read(in, Shapes_Point_ProcwireCodec::read);

    @Test
    void scalarsRoundTripWithEveryPrimitiveBoxAndFixedEncodingType() {
        Scalars s = Samples.scalars();
        Scalars back = roundTrip(Shapes_Scalars_ProcwireCodec::write, Shapes_Scalars_ProcwireCodec::read, s);
        assertEquals(s.l(), back.l());
        assertEquals(s.c(), back.c());
        assertEquals(s.boxedChar(), back.boxedChar());
        assertEquals(s.text(), back.text());
        assertArrayEquals(s.bytes(), back.bytes());
        assertEquals(s.buffer(), back.buffer());
        assertEquals(s.at(), back.at());
        assertEquals(s.big(), back.big());
        assertEquals(s.decimal(), back.decimal(), "BigDecimal keeps its scale (12345.678900)");
    }

    @Test
    void nullReferencesTravelAsNilAndPrimitivesKeepTheirExtremes() {
        Scalars s = Samples.scalarsWithNulls();
        Scalars back = roundTrip(Shapes_Scalars_ProcwireCodec::write, Shapes_Scalars_ProcwireCodec::read, s);
        assertEquals(s.l(), back.l());
        assertEquals(s.i(), back.i());
        assertEquals(s.f(), back.f());
        assertEquals(s.d(), back.d());
        assertNull(back.boxedInt());
        assertNull(back.text());
        assertNull(back.bytes());
        assertNull(back.at());
        assertNull(back.decimal());
    }

    @Test
    void longsUseTheWholeSixtyFourBits() {
        Scalars s = Samples.scalarsWithNulls();
        Scalars extreme = new Scalars(s.flag(), s.b(), s.s(), s.i(), Long.MAX_VALUE, s.f(), s.d(), s.c(), null, null,
                null, null, Long.MIN_VALUE, null, null, null, null, null, null, null, null, null);
        Scalars back = roundTrip(Shapes_Scalars_ProcwireCodec::write, Shapes_Scalars_ProcwireCodec::read, extreme);
        assertEquals(Long.MAX_VALUE, back.l());
        assertEquals(Long.MIN_VALUE, back.boxedLong());
    }

    @Test
    void scalarsUseTheWireFormatsTheParentDecodes() {
        byte[] bytes = encode(Shapes_Scalars_ProcwireCodec::write, Samples.scalars());
        String h = hex(bytes);
        assertTrue(h.contains("a56279746573c403010203"), "byte[] as bin: " + h);
        assertTrue(h.contains("a26174d7ff"), "Instant as the timestamp extension: " + h);
        assertTrue(h.contains("a7646563696d616cac" + hex("12345.678900".getBytes(StandardCharsets.UTF_8))),
                "BigDecimal as its decimal string: " + h);
        assertTrue(h.contains("a163a2c3a9"), "char as a one-character string: " + h);
        assertTrue(h.contains("a16ccf0000010000000000"), "long in the smallest int format: " + h);
    }

    @Test
    void containersRoundTripAndReadersCreateTheDeclaredCollectionTypes() {
        Containers c = Samples.containers();
        Containers back = roundTrip(Shapes_Containers_ProcwireCodec::write, Shapes_Containers_ProcwireCodec::read, c);
        assertEquals(c.list(), back.list());
        assertEquals(List.of(3, 1, 2), List.copyOf(back.set()), "a Set keeps the order it was sent in");
        assertInstanceOf(LinkedHashSet.class, back.set());
        assertInstanceOf(ArrayList.class, back.arrayList());
        assertInstanceOf(LinkedList.class, back.linkedList());
        assertInstanceOf(TreeSet.class, back.sorted());
        assertInstanceOf(TreeMap.class, back.tree());
        assertArrayEquals(c.ints(), back.ints());
        assertArrayEquals(c.strings(), back.strings());
        assertArrayEquals(c.grid()[2], back.grid()[2]);
        assertEquals(c.byName(), back.byName());
        assertEquals(c.byNumber(), back.byNumber());
        assertEquals(c.byColor(), back.byColor());
        assertEquals(c.tree(), back.tree());
        assertEquals(c.nested(), back.nested());
        assertEquals(c.groups(), back.groups());
    }

    @Test
    void optionalsAreNilWhenEmpty() {
        Optionals present = roundTrip(Shapes_Optionals_ProcwireCodec::write, Shapes_Optionals_ProcwireCodec::read,
                Samples.optionals());
        assertEquals(Samples.optionals(), present);
        Optionals empty = roundTrip(Shapes_Optionals_ProcwireCodec::write, Shapes_Optionals_ProcwireCodec::read,
                Samples.emptyOptionals());
        assertEquals(Samples.emptyOptionals(), empty);
        assertEquals("85a474657874c0a5706f696e74c0a169c0a16cc0a164c0",
                hex(encode(Shapes_Optionals_ProcwireCodec::write, Samples.emptyOptionals())));
    }

    @Test
    void missingOptionalKeysReadAsEmpty() {
        Optionals o = decode(Shapes_Optionals_ProcwireCodec::read, pack(Map.of()));
        assertEquals(Samples.emptyOptionals(), o);
    }

    @Test
    void genericRecordsUseTheirTypeArgumentsCodecs() {
        assertEquals(Samples.page(), roundTrip(PAGE_OF_POINT, PAGE_OF_POINT_READER, Samples.page()));
        Encoder<Pair<String, Page<Color>>> pairWriter = (out, v) -> Shapes_Pair_ProcwireCodec.write(out, v,
                (o, s) -> o.writeString(s),
                (o, p) -> Shapes_Page_ProcwireCodec.write(o, p, Shapes_Color_ProcwireCodec::write));
        Decoder<Pair<String, Page<Color>>> pairReader = in -> Shapes_Pair_ProcwireCodec.read(in,
                r -> r.readNullableString(),
                r -> Shapes_Page_ProcwireCodec.read(r, Shapes_Color_ProcwireCodec::read));
        assertEquals(Samples.pair(), roundTrip(pairWriter, pairReader, Samples.pair()));
    }

    @Test
    void recursiveRecordsRoundTrip() {
        assertEquals(Samples.node(), roundTrip(Shapes_Node_ProcwireCodec::write, Shapes_Node_ProcwireCodec::read,
                Samples.node()));
    }

    @Test
    void dynamicValuesRoundTripAsMapsListsAndScalars() {
        Dynamic d = Samples.dynamic();
        Dynamic back = roundTrip(Shapes_Dynamic_ProcwireCodec::write, Shapes_Dynamic_ProcwireCodec::read, d);
        assertEquals(d, back);
    }

    @Test
    void beansUseTheirAccessorsAndKeepDeclaredDefaultsForMissingKeys() {
        assertEquals(Samples.account(), roundTrip(Shapes_Account_ProcwireCodec::write,
                Shapes_Account_ProcwireCodec::read, Samples.account()));
        assertEquals("83a56f776e6572a3616461a762616c616e6365cd3039a6616374697665c3",
                hex(encode(Shapes_Account_ProcwireCodec::write, Samples.account())),
                "property names from getX/isX");
        Account partial = decode(Shapes_Account_ProcwireCodec::read, pack(map("owner", "bob")));
        assertEquals(new Account("bob", 100, false), partial, "balance keeps its initializer");
    }

    @Test
    void beanPropertiesAreFoundAsTheIntrospectorAndLombokNameTheirAccessors() {
        Beans b = new Beans(3, -4, true, true);
        assertEquals(b, roundTrip(Shapes_Beans_ProcwireCodec::write, Shapes_Beans_ProcwireCodec::read, b));
        assertEquals(map("xCoord", 3L, "yCoord", -4L, "isOpen", true, "valid", true),
                Msg.unpack(encode(Shapes_Beans_ProcwireCodec::write, b)), "a field-backed property keeps its field's name");
        Beans read = decode(Shapes_Beans_ProcwireCodec::read, pack(map("xCoord", 7, "isOpen", true)));
        assertEquals(new Beans(7, 0, true, false), read, "read through setXCoord and setOpen");
    }

    @Test
    void nilInASortedSetIsThePayloadsFaultNotANullPointerException() {
        MsgPackException e = assertThrows(MsgPackException.class, () -> decode(Shapes_Containers_ProcwireCodec::read,
                pack(map("sorted", java.util.Arrays.asList("a", null)))));
        assertTrue(e.getMessage().contains("a SortedSet cannot hold nil"), e.getMessage());
    }

    @Test
    void publicFieldPojosRoundTrip() {
        assertEquals(new Point(-1, 2), roundTrip(Shapes_Point_ProcwireCodec::write, Shapes_Point_ProcwireCodec::read,
                new Point(-1, 2)));
    }

    @Test
    void immutablePojosAreBuiltWithTheConstructorTakingEveryProperty() {
        assertEquals(Samples.money(), roundTrip(Shapes_Money_ProcwireCodec::write, Shapes_Money_ProcwireCodec::read,
                Samples.money()));
        Money m = decode(Shapes_Money_ProcwireCodec::read, pack(map("amount", "0.10", "currency", "USD")));
        assertEquals(new Money("USD", new BigDecimal("0.10")), m, "keys in any order");
    }

    @Test
    void inheritedPropertiesAreWrittenSuperclassFirst() {
        Derived d = Samples.derived();
        assertEquals(d, roundTrip(Shapes_Derived_ProcwireCodec::write, Shapes_Derived_ProcwireCodec::read, d));
        assertEquals("82a26964a3642d31a472616e6b07", hex(encode(Shapes_Derived_ProcwireCodec::write, d)));
    }

    @Test
    void enumsTravelByName() {
        assertEquals("a5475245454e", hex(encode(Shapes_Color_ProcwireCodec::write, Color.GREEN)));
        assertEquals(Color.BLUE, decode(Shapes_Color_ProcwireCodec::read, pack("BLUE")));
        MsgPackException e = assertThrows(MsgPackException.class,
                () -> decode(Shapes_Color_ProcwireCodec::read, pack("PURPLE")));
        assertEquals("unknown Color \"PURPLE\"; expected one of: RED, GREEN, BLUE", e.getMessage());
    }

    @Test
    void unknownKeysAreSkippedWhateverTheirValue() {
        Point p = decode(Shapes_Point_ProcwireCodec::read,
                pack(map("z", map("deep", List.of(1, 2)), "x", 5, 7, "int key", "y", 6)));
        assertEquals(new Point(5, 6), p);
    }

    @Test
    void missingPrimitiveRecordComponentIsAnErrorAndMissingReferenceIsNull() {
        MsgPackException e = assertThrows(MsgPackException.class,
                () -> decode(PAGE_OF_POINT_READER, pack(map("items", List.of()))));
        assertEquals("missing Page.total (int)", e.getMessage());
        Page<Point> p = decode(PAGE_OF_POINT_READER, pack(map("total", 0)));
        assertNull(p.items());
        assertNull(p.first());
    }

    @Test
    void numbersAreReadLenientlyWithRangeChecks() {
        // JavaScript sends 2**53 as float64, 2**40 as uint64, and an integral 3.0 as the int 3.
        Scalars s = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("l", 9007199254740992.0, "i", 3,
                "d", 3, "f", 2, "b", -128, "s", 300, "boxedLong", 1L << 40));
        assertEquals(1L << 53, s.l());
        assertEquals(3.0, s.d());
        assertEquals(2.0f, s.f());
        assertEquals(1L << 40, s.boxedLong());
        MsgPackException tooBig = assertThrows(MsgPackException.class,
                () -> decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("i", 1L << 31)));
        assertEquals("number 2147483648 is out of range for int (at 'i')", tooBig.getMessage());
        MsgPackException fraction = assertThrows(MsgPackException.class,
                () -> decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("l", 1.5)));
        assertEquals("expected an integer but found 1.5 (at 'l')", fraction.getMessage());
    }

    @Test
    void integerMapKeysAcceptTheStringKeysOfJavaScriptObjects() {
        Containers c = decode(Shapes_Containers_ProcwireCodec::read,
                pack(map("byNumber", map("1", "one", "20", "twenty"), "tree", map("-5", "m"))));
        assertEquals(Map.of(1, "one", 20, "twenty"), c.byNumber());
        assertEquals(Map.of(-5L, "m"), c.tree());
        MsgPackException e = assertThrows(MsgPackException.class, () -> decode(Shapes_Containers_ProcwireCodec::read,
                pack(map("byNumber", map("one", "1")))));
        assertEquals("expected an integer map key but found \"one\"", e.getMessage());
    }

    @Test
    void bytesReadNodeBuffersSentAsExtensionOne() {
        // {bytes: Buffer.from([1,2,3])} as the parent's msgpackCodec encodes it.
        Scalars s = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("bytes", new Extension(1, new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[] {1, 2, 3}, s.bytes());
        Scalars viaBin = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("buffer", new byte[] {4, 5}));
        assertEquals(ByteBuffer.wrap(new byte[] {4, 5}), viaBin.buffer());
        assertTrue(viaBin.buffer().isReadOnly(), "a ByteBuffer is a read-only view of the payload");
    }

    @Test
    void instantsReadTimestampsOfEverySize() {
        Instant t = Instant.parse("2024-05-06T07:08:09.123456789Z");
        Scalars s = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("at", t));
        assertEquals(t, s.at());
        Scalars far = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("at", Instant.parse("2600-01-01T00:00:00Z")));
        assertEquals(Instant.parse("2600-01-01T00:00:00Z"), far.at());
        Scalars old = decode(Shapes_Scalars_ProcwireCodec::read, scalarsWith("at", Instant.parse("1900-01-01T00:00:00.5Z")));
        assertEquals(Instant.parse("1900-01-01T00:00:00.5Z"), old.at());
    }

    @Test
    void aJavaScriptMapArrivesEmpty() {
        // new Map([["k", 1]]) is encoded by the parent as an empty map.
        Containers c = decode(Shapes_Containers_ProcwireCodec::read, pack(map("byName", Map.of())));
        assertEquals(Map.of(), c.byName());
    }

    @Test
    void nilIsNullForEveryReferenceType() {
        assertNull(decode(Shapes_Point_ProcwireCodec::read, pack(null)));
        assertNull(decode(Shapes_Color_ProcwireCodec::read, pack(null)));
        assertEquals(Optional.empty(), decode(Shapes_Optionals_ProcwireCodec::read, pack(map("text", null))).text());
    }

    // ---- the standard value types that travel as their string form ----------------------------

    /** The sample standard values as a map, with some entries replaced, encoded. */
    @SuppressWarnings("unchecked")
    private static byte[] standardWith(Object... keysAndValues) {
        Map<Object, Object> m = (Map<Object, Object>) Msg.unpack(encode(Shapes_Standard_ProcwireCodec::write,
                Samples.standard()));
        m.putAll(map(keysAndValues));
        return pack(m);
    }

    private static Standard readStandard(Object... keysAndValues) {
        return decode(Shapes_Standard_ProcwireCodec::read, standardWith(keysAndValues));
    }

    private static String refusal(Object... keysAndValues) {
        return assertThrows(MsgPackException.class, () -> readStandard(keysAndValues)).getMessage();
    }

    @Test
    void standardValueTypesRoundTripExactly() {
        Standard s = Samples.standard();
        Standard back = roundTrip(Shapes_Standard_ProcwireCodec::write, Shapes_Standard_ProcwireCodec::read, s);
        assertEquals(s, back, "nanoseconds, offsets, the zone and the period's units all kept");
        assertInstanceOf(EnumSet.class, back.colors());
        assertInstanceOf(EnumMap.class, back.labels());
    }

    @Test
    void standardValueTypesTravelAsTheirIsoStrings() {
        assertEquals(map("id", "123e4567-e89b-12d3-a456-426614174000", "date", "2024-02-29",
                "time", "23:59:59.123456789", "local", "2024-05-01T10:15", "offset", "2024-05-01T10:15:30.500+05:30",
                "zoned", "2024-10-27T02:30+01:00[Europe/Paris]", "duration", "PT-1M-29.999999999S",
                "period", "P1Y14M-3D", "zone", "America/New_York", "uri", "https://example.com/a%20b?q=1#top",
                "colors", List.of("RED", "BLUE"), "labels", map("RED", "stop", "BLUE", "sky")),
                Msg.unpack(encode(Shapes_Standard_ProcwireCodec::write, Samples.standard())));
    }

    @Test
    void offsetAndZonedDateTimesReadATimestampAtUtc() {
        // What the parent sends for a JavaScript Date.
        Instant t = Instant.parse("2024-05-01T08:15:30.123Z");
        Standard s = readStandard("offset", t, "zoned", t);
        assertEquals(OffsetDateTime.of(2024, 5, 1, 8, 15, 30, 123_000_000, ZoneOffset.UTC), s.offset());
        assertEquals(ZonedDateTime.of(2024, 5, 1, 8, 15, 30, 123_000_000, ZoneOffset.UTC), s.zoned());
    }

    @Test
    void zonedDateTimesReadWhatDateToIsoStringWrites() {
        assertEquals(ZonedDateTime.of(2024, 5, 1, 8, 15, 30, 123_000_000, ZoneOffset.UTC),
                readStandard("zoned", "2024-05-01T08:15:30.123Z").zoned());
    }

    @Test
    void durationsReadANumberOfMilliseconds() {
        assertEquals(Duration.ofMillis(1500), readStandard("duration", 1500).duration());
        assertEquals(Duration.ofNanos(2_500_000), readStandard("duration", 2.5).duration());
        assertEquals(Duration.ofMillis(-20), readStandard("duration", -20).duration());
    }

    @Test
    void uuidsReadUpperCaseHexAndIsoTimesWithSeconds() {
        Standard s = readStandard("id", "123E4567-E89B-12D3-A456-426614174000", "time", "10:15:00");
        assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), s.id());
        assertEquals(LocalTime.of(10, 15), s.time());
    }

    @Test
    void malformedStandardValuesAreRefusedNamingTheProblem() {
        assertEquals("expected an ISO-8601 date such as \"2024-05-01\" but found \"2023-02-29\": Invalid date "
                + "'February 29' as '2023' is not a leap year (at 'date')", refusal("date", "2023-02-29"));
        assertEquals("expected a UUID such as \"123e4567-e89b-12d3-a456-426614174000\" but found \"1-1-1-1-1\": a UUID "
                + "has 36 characters, this has 9 (at 'id')", refusal("id", "1-1-1-1-1"));
        assertEquals("expected a time-zone id such as \"Europe/Paris\" or \"+02:00\" but found \"Mars/Olympus\": "
                + "Unknown time-zone ID: Mars/Olympus (at 'zone')", refusal("zone", "Mars/Olympus"));
        assertEquals("expected a URI such as \"https://example.com/a?b=1\" but found \"a b\": Illegal character in path "
                + "at index 1: a b (at 'uri')", refusal("uri", "a b"));
        assertEquals("expected an ISO-8601 duration such as \"PT1.5S\", or a number of milliseconds but found "
                + "\"1.5s\": unparseable at index 0 (at 'duration')", refusal("duration", "1.5s"));
        assertTrue(refusal("offset", "2024-05-01T10:15").startsWith("expected an ISO-8601 date-time with offset"));
        assertTrue(refusal("local", "2024-05-01T25:00").contains("Invalid value for HourOfDay"));
        assertTrue(refusal("time", "noon").startsWith("expected an ISO-8601 time such as \"10:15:30\""));
        assertTrue(refusal("zoned", "2024-05-01T10:15[Europe/Paris]").startsWith("expected an ISO-8601 date-time"));
        assertTrue(refusal("period", "P1H").startsWith("expected an ISO-8601 period such as \"P1Y2M3D\""));
    }

    @Test
    void aLocalDateIsNotReadFromATimestamp() {
        // A Date has no local date without a zone: the caller must say which day it means.
        assertEquals("expected an ISO-8601 date such as \"2024-05-01\" but found extension (at 'date')",
                refusal("date", Instant.EPOCH));
    }

    @Test
    void mapKeysOfEveryStringFormTypeRoundTrip() {
        Keyed k = Samples.keyed();
        assertEquals(k, roundTrip(Shapes_Keyed_ProcwireCodec::write, Shapes_Keyed_ProcwireCodec::read, k));
        assertInstanceOf(TreeMap.class, roundTrip(Shapes_Keyed_ProcwireCodec::write, Shapes_Keyed_ProcwireCodec::read,
                k).byDate());
    }

    @Test
    void aStringFormMapKeyMustBeSpelledAsJavaWritesIt() {
        // "10:15" and "10:15:00" are one LocalTime: accepting both would let two keys of a JavaScript
        // object collapse into one Java key.
        MsgPackException e = assertThrows(MsgPackException.class, () -> decode(Shapes_Keyed_ProcwireCodec::read,
                pack(map("byTime", map("10:15", "a", "10:15:00", "b")))));
        assertEquals("map key \"10:15:00\" is not a LocalTime as this worker writes one (expected \"10:15\")",
                e.getMessage());
        MsgPackException upper = assertThrows(MsgPackException.class, () -> decode(Shapes_Keyed_ProcwireCodec::read,
                pack(map("byId", map("0000000A-0000-0000-0000-000000000000", "x")))));
        assertEquals("map key \"0000000A-0000-0000-0000-000000000000\" is not a UUID as this worker writes one "
                + "(expected \"0000000a-0000-0000-0000-000000000000\")", upper.getMessage());
    }

    @Test
    void aMalformedStringFormMapKeyIsRefusedNamingIt() {
        MsgPackException e = assertThrows(MsgPackException.class, () -> decode(Shapes_Keyed_ProcwireCodec::read,
                pack(map("byDate", map("2024-13-01", 1)))));
        assertEquals("map key \"2024-13-01\" is not an ISO-8601 date such as \"2024-05-01\": Invalid value for "
                + "MonthOfYear (valid values 1 - 12): 13", e.getMessage());
    }

    @Test
    void enumSetsAndEnumMapsRefuseNil() {
        List<Object> withNil = new ArrayList<>();
        withNil.add("RED");
        withNil.add(null);
        assertEquals("an EnumSet of Shapes.Color cannot hold nil", refusal("colors", withNil));
        Map<Object, Object> nilKey = new java.util.HashMap<>();
        nilKey.put(null, "x");
        assertEquals("an EnumMap keyed by Shapes.Color cannot have a nil key", refusal("labels", nilKey));
    }

    @Test
    void enumSetsReadUnknownConstantsAsErrors() {
        assertEquals("unknown Color \"PINK\"; expected one of: RED, GREEN, BLUE (at 'colors')", refusal("colors", List.of("PINK")));
        assertEquals(EnumSet.noneOf(Color.class), readStandard("colors", List.of()).colors());
        assertEquals(LocalDate.of(2024, 2, 29), readStandard("colors", List.of()).date());
    }
}
