package dev.procwire.sample.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.fuzz.Fuzz;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers the processor generates ({@link FuzzTargetService}: records, enums, collections, maps
 * with non-string keys, optionals, arrays, instants, big numbers, a recursive record) against valid,
 * mutated and random payloads, through a running worker: a request is answered with its result, or
 * with an {@code INVALID_PARAMS} error; never with another failure, and the connection stays up.
 *
 * <p>Seed and count: {@code -Dprocwire.fuzz.seed}, {@code -Dprocwire.fuzz.iterations} (see docs/fuzzing.md).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GeneratedReaderFuzzTest {
    @TempDir
    Path tmp;

    private Worker worker;
    private SocketChannel ch;
    private OutputStream stdin;
    private final Map<String, Integer> ids = new HashMap<>();
    private int nextRequestId = 1;

    @BeforeEach
    void start() throws Exception {
        ServiceBinding binding = Procwire.bindingFor(new FuzzTargetService());
        for (MethodDescriptor m : binding.methods()) {
            ids.put(m.name(), m.id());
        }
        // NIO pipes: java.io's piped streams fail a reader once the last writing thread has ended.
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        stdin = Channels.newOutputStream(in.sink());
        worker = Worker.start(binding, WorkerOptions.defaults().withMaxPayload(64 << 20), Channels.newInputStream(in.source()),
                Channels.newOutputStream(out.sink()), Map.of("TMPDIR", tmp.toString()));
        String init = new BufferedReader(new InputStreamReader(Channels.newInputStream(out.source()), StandardCharsets.UTF_8)).readLine();
        ch = SocketChannel.open(UnixDomainSocketAddress.of(init.replaceAll(".*\"pipe\":\"([^\"]+)\".*", "$1")));
    }

    @AfterEach
    void stop() throws Exception {
        ch.close();
        stdin.close();
        assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Sends one request; returns the error payload's map, or {@code null} when it was answered without error. */
    private Map<?, ?> call(String method, byte[] payload, String where) throws IOException {
        int requestId = nextRequestId++;
        ByteBuffer f = ByteBuffer.allocate(11 + payload.length);
        f.putShort((short) (int) ids.get(method)).put((byte) 0).putInt(requestId).putInt(payload.length).put(payload).flip();
        while (f.hasRemaining()) {
            ch.write(f);
        }
        ByteBuffer header = ByteBuffer.allocate(11);
        while (true) {
            header.clear();
            readFully(header, where);
            header.flip();
            header.getShort();
            int flags = header.get() & 0xff;
            int id = header.getInt();
            int len = header.getInt();
            ByteBuffer body = ByteBuffer.allocate(len);
            readFully(body, where);
            if (id != requestId) {
                fail(where + ": an answer for request " + id + " while waiting for " + requestId);
            }
            if ((flags & 0x04) != 0) {
                Object error = new MsgPackReader(body.array()).readValue();
                if (!(error instanceof Map<?, ?> m)) {
                    throw new AssertionError(where + ": an error that is not a map: " + error);
                }
                return m;
            }
            if (flags == 0x0B) {
                continue; // a stream chunk: read on to the end
            }
            return null; // a result, or a stream's end
        }
    }

    private void readFully(ByteBuffer b, String where) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                fail(where + ": the worker dropped the connection");
            }
        }
    }

    private static byte[] encode(Object value) {
        MsgPackWriter w = new MsgPackWriter();
        dev.procwire.runtime.codec.Codecs.writeValue(w, value);
        return w.toByteArray();
    }

    private static Map<String, Object> inner(Random r) {
        Map<String, Object> m = new HashMap<>();
        m.put("n", r.nextInt());
        m.put("s", "s" + r.nextInt(100));
        if (r.nextBoolean()) m.put("d", r.nextDouble());
        return m;
    }

    private static Map<String, Object> order(Random r) {
        Map<String, Object> o = new HashMap<>();
        o.put("id", r.nextLong());
        o.put("name", "widget");
        o.put("price", 9.99);
        o.put("ok", true);
        o.put("color", List.of("RED", "GREEN", "BLUE").get(r.nextInt(3)));
        o.put("tags", List.of("a", "b"));
        o.put("counts", Map.of("x", 1, "y", -2));
        o.put("byColor", Map.of("RED", inner(r)));
        o.put("blob", new byte[] {1, 2, 3});
        o.put("at", Instant.ofEpochSecond(1_700_000_000L, 123));
        o.put("amount", "12.50");
        o.put("big", "123456789012345678901234567890");
        o.put("inner", inner(r));
        o.put("numbers", List.of(1, 2, 3));
        o.put("ids", List.of(5L, 6L));
        o.put("c", "x");
        o.put("sh", 7);
        o.put("b", -3);
        o.put("f", 1.5);
        o.put("oi", 4);
        o.put("nested", List.of(List.of(inner(r)), List.of()));
        o.put("byId", Map.of("12", "twelve"));
        o.put("any", Map.of("k", List.of(1, "two")));
        return o;
    }

    private static Map<String, Object> tree(Random r, int depth) {
        Map<String, Object> t = new HashMap<>();
        t.put("label", "d" + depth);
        List<Object> children = new ArrayList<>();
        if (depth < 4) {
            for (int i = r.nextInt(3); i > 0; i--) children.add(tree(r, depth + 1));
        }
        t.put("children", children);
        return t;
    }

    /** A valid payload for {@code method}. */
    private static byte[] valid(String method, Random r) {
        return switch (method) {
            case "order" -> encode(order(r));
            case "tree" -> encode(tree(r, 0));
            case "params" -> encode(Map.of("name", "n", "count", r.nextInt(9), "items", List.of(inner(r)),
                    "labels", Map.of("1", "one"), "color", "BLUE", "longs", List.of(1L, 2L), "flag", true));
            case "scalar" -> encode(r.nextBoolean() ? (Object) r.nextLong() : Map.of("n", r.nextLong()));
            case "bytes" -> encode(Map.of("data", new byte[] {9, 8}, "view", new byte[] {7}));
            default -> encode(Map.of("seed", inner(r), "count", 3)); // chunks
        };
    }

    private static final List<String> METHODS = List.of("order", "tree", "params", "scalar", "bytes", "chunks");

    @Test
    void validMutatedAndRandomPayloadsGetAResultOrAnInvalidParamsError() throws Exception {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(4000);
        List<byte[]> corpus = new ArrayList<>();
        Random corpusRandom = Fuzz.random(~seed, 0);
        for (String m : METHODS) {
            for (int k = 0; k < 4; k++) {
                byte[] p = valid(m, corpusRandom);
                assertEquals(null, call(m, p, "valid " + m), "a valid payload for " + m + " is served");
                corpus.add(p);
            }
        }
        int results = 0;
        int invalid = 0;
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            String method = METHODS.get(r.nextInt(METHODS.size()));
            byte[] payload = switch (r.nextInt(8)) {
                case 0 -> Fuzz.randomBytes(r, 40);
                case 1 -> valid(method, r);
                default -> Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
            };
            String where = "method=" + method + " " + Fuzz.describe(seed, i, payload);
            Map<?, ?> error = call(method, payload, where);
            if (error == null) {
                results++;
            } else if ("INVALID_PARAMS".equals(error.get("code"))) {
                invalid++;
            } else {
                fail(where + ": answered with " + error + " instead of a result or INVALID_PARAMS");
            }
        }
        System.err.println("generated readers: " + n + " payloads, " + results + " results, " + invalid + " INVALID_PARAMS");
        assertTrue(results > 0 && invalid > 0);
    }

    @Test
    void aDeeplyNestedRecursiveRecordIsRejectedAsInvalidParams() throws Exception {
        // {label, children: [{label, children: [...]}]} 100,000 levels deep: about 2 MB of payload.
        int depth = 100_000;
        MsgPackWriter w = new MsgPackWriter();
        for (int d = 0; d < depth; d++) {
            w.writeMapHeader(1).writeString("children").writeArrayHeader(1);
        }
        w.writeNil();
        Map<?, ?> error = call("tree", w.toByteArray(), "deep tree");
        assertTrue(error != null, "a tree nested " + depth + " levels deep must be refused");
        assertEquals("INVALID_PARAMS", error.get("code"),
                "nesting deeper than the readers allow is invalid params, not a stack overflow: " + error);
        assertEquals(null, call("scalar", encode(1L), "after the deep tree"), "the worker serves on");
    }
}
