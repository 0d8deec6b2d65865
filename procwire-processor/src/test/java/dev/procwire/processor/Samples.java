package dev.procwire.processor;

import dev.procwire.processor.fixtures.Shapes.Account;
import dev.procwire.processor.fixtures.Shapes.Color;
import dev.procwire.processor.fixtures.Shapes.Containers;
import dev.procwire.processor.fixtures.Shapes.Derived;
import dev.procwire.processor.fixtures.Shapes.Dynamic;
import dev.procwire.processor.fixtures.Shapes.Money;
import dev.procwire.processor.fixtures.Shapes.Node;
import dev.procwire.processor.fixtures.Shapes.Optionals;
import dev.procwire.processor.fixtures.Shapes.Page;
import dev.procwire.processor.fixtures.Shapes.Pair;
import dev.procwire.processor.fixtures.Shapes.Point;
import dev.procwire.processor.fixtures.Shapes.Scalars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
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
}
