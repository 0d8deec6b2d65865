package dev.procwire.processor;

import dev.procwire.processor.fixtures.Shapes.Account;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Representative values of every type family, shared by the Java and the Node round trips. Instants
 * have millisecond precision and maps with numeric keys are in ascending order, because that is what
 * survives a trip through JavaScript.
 */
final class Samples {
    private Samples() {}

    static Scalars scalars() {
        return new Scalars(true, (byte) -7, (short) 300, 70_000, 1L << 40, 0.5f, Math.PI, 'é',
                false, (byte) 1, (short) -2, -3, 4L << 33, 1.25f, -0.125, 'x',
                "héllo ✓", new byte[] {1, 2, 3}, ByteBuffer.wrap(new byte[] {4, 5}),
                Instant.parse("2024-05-06T07:08:09.123Z"), new BigInteger("123456789012345678901234567890"),
                new BigDecimal("12345.678900"));
    }

    /** Every reference component null; primitives at extremes (a long only to 2⁵³: JavaScript's limit). */
    static Scalars scalarsWithNulls() {
        return new Scalars(false, Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, -(1L << 53),
                Float.MAX_VALUE, -Double.MIN_VALUE, '\u0000', null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static Containers containers() {
        Map<String, Double> byName = new LinkedHashMap<>();
        byName.put("pi", Math.PI);
        byName.put("none", null);
        Map<Integer, String> byNumber = new LinkedHashMap<>();
        byNumber.put(1, "one");
        byNumber.put(20, "twenty");
        Map<Color, Long> byColor = new LinkedHashMap<>();
        byColor.put(Color.RED, 1L);
        byColor.put(Color.BLUE, 3L);
        TreeMap<Long, String> tree = new TreeMap<>(Map.of(-5L, "minus five", 7L, "seven"));
        Map<String, List<Point>> groups = new LinkedHashMap<>();
        groups.put("origin", List.of(new Point(0, 0)));
        groups.put("line", List.of(new Point(1, 1), new Point(2, 2)));
        return new Containers(List.of("a", "b"), new LinkedHashSet<>(List.of(3, 1, 2)), List.of(10L, 20L),
                new ArrayList<>(List.of(1.5, -2.5)), new LinkedList<>(List.of("x", "y")),
                new TreeSet<>(List.of("b", "a")), new int[] {1, -1, 300}, new String[] {"s", null},
                new long[][] {{1, 2}, {}, {1L << 40}}, byName, byNumber, byColor, tree,
                List.of(List.of(Color.GREEN), List.of()), groups);
    }

    static Optionals optionals() {
        return new Optionals(Optional.of("present"), Optional.of(new Point(3, 4)), OptionalInt.of(-9),
                OptionalLong.of(1L << 45), OptionalDouble.of(0.25));
    }

    static Optionals emptyOptionals() {
        return new Optionals(Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalLong.empty(),
                OptionalDouble.empty());
    }

    static Page<Point> page() {
        return new Page<>(List.of(new Point(1, 2), new Point(3, 4)), 2, new Point(1, 2));
    }

    static Pair<String, Page<Color>> pair() {
        return new Pair<>("colors", new Page<>(List.of(Color.RED, Color.BLUE), 2, Color.RED));
    }

    static Node node() {
        return new Node("root", List.of(new Node("a", List.of(new Node("a1", List.of()))), new Node("b", List.of())));
    }

    static Dynamic dynamic() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("n", 42L);
        attributes.put("list", List.of(1L, "two", 3.5, true));
        attributes.put("nothing", null);
        Map<Object, Object> any = new LinkedHashMap<>();
        any.put("nested", Map.of("deep", List.of(Map.of("k", "v"))));
        return new Dynamic(any, attributes, List.of("x", -1L, 2.5, false));
    }

    static Account account() {
        return new Account("ada", 12_345, true);
    }

    static Money money() {
        return new Money("EUR", new BigDecimal("19.99"));
    }

    static Derived derived() {
        Derived d = new Derived();
        d.id = "d-1";
        d.rank = 7;
        return d;
    }

    /** Nanoseconds, offsets, a zone region, a negative duration: what only an exact string form keeps. */
    static Standard standard() {
        EnumMap<Color, String> labels = new EnumMap<>(Color.class);
        labels.put(Color.BLUE, "sky");
        labels.put(Color.RED, "stop");
        return new Standard(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 123_456_789), LocalDateTime.of(2024, 5, 1, 10, 15),
                OffsetDateTime.parse("2024-05-01T10:15:30.5+05:30"),
                ZonedDateTime.parse("2024-10-27T02:30+01:00[Europe/Paris]"), Duration.ofSeconds(-90, 1),
                Period.of(1, 14, -3), ZoneId.of("America/New_York"), URI.create("https://example.com/a%20b?q=1#top"),
                EnumSet.of(Color.RED, Color.BLUE), labels);
    }

    static Keyed keyed() {
        return new Keyed(
                Map.of(UUID.fromString("00000000-0000-0000-0000-00000000000a"), "ten"),
                new TreeMap<>(Map.of(LocalDate.of(2024, 5, 1), 1, LocalDate.of(1999, 12, 31), 2)),
                Map.of(LocalTime.of(10, 15), "quarter past", LocalTime.of(0, 0, 0, 1), "just after midnight"),
                Map.of(LocalDateTime.of(2024, 5, 1, 10, 15, 30), "then"),
                Map.of(OffsetDateTime.parse("2024-05-01T10:15+02:00"), "there"),
                Map.of(ZonedDateTime.parse("2024-05-01T10:15+02:00[Europe/Paris]"), "paris"),
                Map.of(Duration.ofMillis(1500), "one and a half"),
                Map.of(Period.ofWeeks(2), "fortnight"),
                Map.of(ZoneId.of("Z"), "utc", ZoneId.of("Asia/Tokyo"), "tokyo"),
                Map.of(URI.create("urn:isbn:0451450523"), "book"));
    }
}
