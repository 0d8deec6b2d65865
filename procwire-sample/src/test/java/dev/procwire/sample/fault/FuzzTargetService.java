package dev.procwire.sample.fault;

import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A service whose parameters cover the types the processor generates readers for, so that
 * {@link GeneratedReaderFuzzTest} can feed those readers hostile payloads.
 */
@ProcwireService
public final class FuzzTargetService {
    public enum Color { RED, GREEN, BLUE }

    public record Inner(int n, String s, Optional<Double> d) {}

    public record Order(long id, String name, double price, boolean ok, Color color, List<String> tags,
            Map<String, Integer> counts, Map<Color, Inner> byColor, byte[] blob, Instant at, BigDecimal amount,
            BigInteger big, Optional<Inner> inner, int[] numbers, Set<Long> ids, char c, short sh, byte b, float f,
            OptionalInt oi, List<List<Inner>> nested, Map<Long, String> byId, Object any) {}

    /** A recursive type: its reader recurses as deep as the payload nests. */
    public record Tree(String label, List<Tree> children) {}

    @ProcwireMethod
    public int tree(Tree root) {
        int n = 0;
        java.util.ArrayDeque<Tree> todo = new java.util.ArrayDeque<>();
        if (root != null) todo.push(root);
        while (!todo.isEmpty()) {
            Tree t = todo.pop();
            n++;
            if (t.children() != null) t.children().forEach(c -> { if (c != null) todo.push(c); });
        }
        return n;
    }

    /** The whole payload is one record. */
    @ProcwireMethod
    public Order order(Order o) {
        return o;
    }

    /** Parameters bound by name. */
    @ProcwireMethod
    public String params(String name, int count, List<Inner> items, Map<Integer, String> labels, Optional<Color> color,
            long[] longs, Boolean flag) {
        return name + count + items + labels + color + java.util.Arrays.toString(longs) + flag;
    }

    /** A single scalar: the bare value or {n}. */
    @ProcwireMethod
    public long scalar(long n) {
        return n;
    }

    @ProcwireMethod
    public int bytes(byte[] data, ByteBuffer view) {
        return (data == null ? -1 : data.length) + (view == null ? -1 : view.remaining());
    }

    @ProcwireMethod(response = Response.STREAM)
    public void chunks(Inner seed, int count, StreamSink<Inner> out) { // a null seed is sent as nil
        for (int i = 0; i < Math.min(count, 4); i++) {
            out.send(seed);
        }
    }
}
